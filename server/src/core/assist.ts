// The hover and completion providers, asked in order; the first that answers wins.
import { valueText } from './json';
import { dependentsHover, executionRoleHoverProvider, projectConfigCompletion } from './execution-role/assist';
import { iamActionCompletion, iamActionHover } from './iam/assist-actions';
import { iamArnCompletion, iamArnHover } from './iam/assist-arns';
import { iamConditionCompletion, iamConditionHover } from './iam/assist-conditions';
import { iamPolicyCompletion, iamPolicyHover } from './iam/assist-policy';
import { iamPrincipalCompletion, iamPrincipalHover } from './iam/assist-principals';
import type { CompletionEntry, CompletionProvider, HoverProvider, PositionContext } from './position';
import { hasUnknown, isUnknown, splitUnknown, unknownMarker } from './unknown';
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

/**
 * The hover of the first provider that has one. On a value the document's source could not resolve (a
 * template's `!Ref` to a parameter without Default, `!ImportValue`), it says so: the marker in the text is
 * described in the document's own terms by the service.
 */
export function hoverAt(context: PositionContext): string | undefined {
  const unknown =
    !context.onKey && hasUnknown(context.value)
      ? unknownNote(typeof context.value === 'string' ? context.value : valueText(context.value))
      : undefined;
  for (const provider of hoverProviders) {
    const markdown = provider.hover(context);
    if (markdown) return unknown ? `${markdown}\n\n---\n\n${unknown}` : markdown;
  }
  return unknown;
}

function unknownNote(value: string): string {
  const parts = splitUnknown(value).filter((p): p is { unknown: string } => typeof p !== 'string');
  const what = [...new Set(parts.map((p) => unknownMarker(p.unknown)))].join(', ');
  return isUnknown(value)
    ? `**Not known offline**: ${what}. fargate-lint checks what does not depend on it, and never reports it as wrong.`
    : `**Partly unknown offline**: ${what}. Checks read the rest and take the unknown parts as possibly anything.`;
}

/** The completions of the first provider that answers (an empty list is an answer: nothing fits here). */
export function completionsAt(context: PositionContext): CompletionEntry[] | undefined {
  for (const provider of completionProviders) {
    const entries = provider.complete(context);
    if (entries) return entries;
  }
  return undefined;
}
