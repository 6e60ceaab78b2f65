// The hover and completion providers, asked in order; the first that answers wins.
import type { CompletionProvider, HoverProvider } from './position';
import { iamCompletion, iamHover } from './iam/assist';
import { iamChecksCompletion, iamChecksHover } from './iam/checks-assist';
import { sizeCompletion, sizeHover } from './taskdef/size-assist';

export const hoverProviders: HoverProvider[] = [sizeHover, iamHover, iamChecksHover];
export const completionProviders: CompletionProvider[] = [sizeCompletion, iamCompletion, iamChecksCompletion];
