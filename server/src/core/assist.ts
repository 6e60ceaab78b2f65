// The hover and completion providers, asked in order; the first that answers wins.
import type { CompletionProvider, HoverProvider } from './position';
import { dependentsHover, executionRoleHoverProvider, projectConfigCompletion } from './execution-role/assist';
import { sizeCompletion, sizeHover } from './taskdef/size-assist';

export const hoverProviders: HoverProvider[] = [sizeHover, executionRoleHoverProvider, dependentsHover];
export const completionProviders: CompletionProvider[] = [sizeCompletion, projectConfigCompletion];
