// The hover and completion providers, asked in order; the first that answers wins.
import type { CompletionProvider, HoverProvider } from './position';
import { loggingCompletion, loggingHover } from './taskdef/logging-assist';
import { platformCompletion } from './taskdef/platform-assist';
import { sizeCompletion, sizeHover } from './taskdef/size-assist';

export const hoverProviders: HoverProvider[] = [sizeHover, loggingHover];
export const completionProviders: CompletionProvider[] = [sizeCompletion, loggingCompletion, platformCompletion];
