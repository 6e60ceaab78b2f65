// The hover and completion providers, asked in order; the first that answers wins.
import { dependentsHover, executionRoleHoverProvider, projectConfigCompletion } from './execution-role/assist';
import { iamActionCompletion, iamActionHover } from './iam/assist-actions';
import { iamArnCompletion, iamArnHover } from './iam/assist-arns';
import { iamConditionCompletion, iamConditionHover } from './iam/assist-conditions';
import { iamPolicyCompletion, iamPolicyHover } from './iam/assist-policy';
import { iamPrincipalCompletion, iamPrincipalHover } from './iam/assist-principals';
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from './position';
import { serviceCompletion, serviceHover } from './ecs-service/assist';
import { loggingCompletion, loggingHover } from './taskdef/logging-assist';
import { platformCompletion } from './taskdef/platform-assist';
import { referenceCompletion } from './taskdef/reference-assist';
import { sizeCompletion, sizeHover } from './taskdef/size-assist';

const hoverProviders: HoverProvider[] = [
  sizeHover,
  loggingHover,
  executionRoleHoverProvider,
  iamActionHover,
  iamPolicyHover,
  iamConditionHover,
  iamPrincipalHover,
  iamArnHover,
  serviceHover,
  dependentsHover,
];
const completionProviders: CompletionProvider[] = [
  sizeCompletion,
  loggingCompletion,
  platformCompletion,
  referenceCompletion,
  iamActionCompletion,
  iamPolicyCompletion,
  iamConditionCompletion,
  iamPrincipalCompletion,
  iamArnCompletion,
  serviceCompletion,
  projectConfigCompletion,
];

/** The hover of the first provider that has one. */
export function hoverAt(context: PositionContext): string | undefined {
  for (const provider of hoverProviders) {
    const markdown = provider.hover(context);
    if (markdown) return markdown;
  }
  return undefined;
}

/** The completions of the first provider that answers (an empty list is an answer: nothing fits here). */
export function completionsAt(context: PositionContext): CompletionEntry[] | undefined {
  for (const provider of completionProviders) {
    const entries = provider.complete(context);
    if (entries) return entries;
  }
  return undefined;
}
