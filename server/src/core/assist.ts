// The hover and completion providers, asked in order; the first that answers wins.
import type { CompletionProvider, HoverProvider } from './position';
import { referenceCompletion } from './taskdef/reference-assist';
import { sizeCompletion, sizeHover } from './taskdef/size-assist';

export const hoverProviders: HoverProvider[] = [sizeHover];
export const completionProviders: CompletionProvider[] = [sizeCompletion, referenceCompletion];
