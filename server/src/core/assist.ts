// The hover and completion providers, asked in order; the first that answers wins.
import { dependentsHover, executionRoleHoverProvider, projectConfigCompletion } from './execution-role/assist';
import { iamCompletion, iamHover } from './iam/assist';
import { iamChecksCompletion, iamChecksHover } from './iam/checks-assist';
import type { CompletionProvider, HoverProvider } from './position';
import { loggingCompletion, loggingHover } from './taskdef/logging-assist';
import { platformCompletion } from './taskdef/platform-assist';
import { referenceCompletion } from './taskdef/reference-assist';
import { sizeCompletion, sizeHover } from './taskdef/size-assist';

export const hoverProviders: HoverProvider[] = [
  sizeHover,
  loggingHover,
  executionRoleHoverProvider,
  iamHover,
  iamChecksHover,
  dependentsHover,
];
export const completionProviders: CompletionProvider[] = [
  sizeCompletion,
  loggingCompletion,
  platformCompletion,
  referenceCompletion,
  iamCompletion,
  iamChecksCompletion,
  projectConfigCompletion,
];
