// A policy as a new Terraform file of the module (the "Create execution-role policy" command): an
// aws_iam_role_policy attached to the execution role the task definition names, its policy written the way
// the module writes its own (statement {} blocks of a data "aws_iam_policy_document" when the module uses
// one, else jsonencode({...})), its unknown parts as the expressions the module wrote them with
// (`aws_ssm_parameter.db.arn`), in the module's indentation. With no role to attach it to, an aws_iam_policy
// to attach by hand. Labels are new in the module, so the file can go next to the others as it is.
import type { RenderContext, RenderedDocument } from '../source';
import { isUnknown } from '../../core/unknown';
import type { TerraformSourceDocument } from './document';
import { Writer } from './edit';
import { isIdentifier } from './hcl/strings';
import { resourcesOf } from './module';
import { STATEMENT_KEYS } from './policy';

export function renderPolicyFile(
  document: TerraformSourceDocument,
  value: unknown,
  context: RenderContext | undefined,
): RenderedDocument | undefined {
  const analysis = document.analysis;
  if (!analysis || !value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const policy = value as Record<string, unknown>;
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const writer = new Writer(document);
  const { eol, unit } = writer;
  const module = analysis.module;
  const task = context?.subject?.resource ?? 'the task definition';
  const base = `${/^aws_ecs_task_definition\.(.+)$/.exec(task)?.[1] ?? 'task'}_execution`;
  const label = freeLabel(isIdentifier(base) ? base : 'task_execution', (l) =>
    ['aws_iam_role_policy', 'aws_iam_policy', 'data.aws_iam_policy_document'].some((type) => module.blocks.has(`${type}.${l}`)),
  );
  const lines: string[] = [];
  let policyExpression: string;
  if (resourcesOf(module, 'aws_iam_policy_document', 'data').length > 0) {
    const blocks: string[] = [];
    for (const statement of statements) {
      if (!statement || typeof statement !== 'object') return undefined;
      const body = writer.blockContent(statement as Record<string, unknown>, STATEMENT_KEYS, unit + unit);
      if (body === undefined) return undefined;
      blocks.push(`${unit}statement {${eol}${body}${eol}${unit}}`);
    }
    lines.push(`data "aws_iam_policy_document" "${label}" {`, blocks.join(eol + eol), '}', '');
    policyExpression = `data.aws_iam_policy_document.${label}.json`;
  } else {
    const rendered = writer.value(policy, unit);
    if (rendered === undefined) return undefined;
    policyExpression = `jsonencode(${rendered})`;
  }
  const role = context?.role !== undefined ? roleExpression(document, writer, context.role, context.subject?.value) : undefined;
  const header = `# What the execution role of ${task} needs (fargate-lint: Create execution-role policy).`;
  if (role !== undefined) {
    lines.push(`resource "aws_iam_role_policy" "${label}" {`, `${unit}role   = ${role}`, `${unit}policy = ${policyExpression}`, '}');
  } else {
    lines.push(
      '# The task definition names no execution role this module can tell: attach this policy to it',
      '# (aws_iam_role_policy_attachment).',
      `resource "aws_iam_policy" "${label}" {`,
      `${unit}policy = ${policyExpression}`,
      '}',
    );
  }
  return { content: [header, ...lines, ''].join(eol), language: 'terraform' };
}

/** What `role =` says: the role as the module writes it (`aws_iam_role.exec.name`, `var.role_name`, a literal). */
function roleExpression(document: TerraformSourceDocument, writer: Writer, role: string, task: unknown): string | undefined {
  if (!isUnknown(role)) return writer.string(role);
  const text = document.analysis!.unknowns.textOf(role.slice(1, -1));
  if (text === undefined) return undefined;
  const arn = task && typeof task === 'object' ? (task as Record<string, unknown>).executionRoleArn : undefined;
  // The whole ARN is one expression (`var.execution_role_arn`): the role's name is its last segment.
  return arn === role ? `reverse(split("/", ${text}))[0]` : text;
}

function freeLabel(base: string, taken: (label: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}
