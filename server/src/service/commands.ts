// What the editor commands show: the least-privilege execution-role policy of a task definition, and the
// Fargate task sizes as a document. Computed here from the core, so the VS Code client stays a thin shell
// (it opens what this returns) and any editor can ask for the same over LSP.
import { getLocation } from 'jsonc-parser';
import type { Subject } from '../core/classify';
import { cachedCheck } from '../core/execution-role/check';
import { grantsOf, policyDocumentFor } from '../core/execution-role/fixes';
import { featureTitle } from '../core/execution-role/requirements';
import { formatGb, formatVcpu, rowsFor, type OsFamily } from '../core/taskdef/fargate-sizes';
import type { WorkspaceView } from '../core/workspace';
import type { DocumentModel } from './models';

export interface PolicyDocumentResult {
  /** The policy as a model value (an IAM policy document), to be rendered in the syntax of the document. */
  policy?: Record<string, unknown>;
  role?: string;
  /** What the statements are for, in the order of the statements ("Pull images from private ECR ..."). */
  features: string[];
  reason?: string;
}

/** The task definition at `offset` (a document may hold several, once templates are read), else the first. */
function taskDefinitionAt(model: DocumentModel, offset: number | undefined): Subject | undefined {
  const tasks = model.classification.subjects.filter((s) => s.kind === 'task-definition');
  if (offset === undefined || tasks.length < 2) return tasks[0];
  const path = getLocation(model.document.text, offset).path;
  return tasks.find((t) => t.path.every((segment, i) => path[i] === segment)) ?? tasks[0];
}

/** The least-privilege policy the execution role of the task definition needs, as the core computes it. */
export function executionRolePolicy(
  model: DocumentModel,
  offset: number | undefined,
  workspace: WorkspaceView | undefined,
): PolicyDocumentResult {
  const subject = taskDefinitionAt(model, offset);
  if (!subject) return { features: [], reason: 'This file is not an ECS task definition.' };
  const check = cachedCheck(subject, workspace, model.uri);
  const grants = check.requirements.flatMap((r) => grantsOf(r.feature, r.permissions));
  if (grants.length === 0) {
    return {
      features: [],
      role: check.roleArn?.name,
      reason:
        'This task definition needs nothing from an execution role: no private ECR image, no awslogs, no secrets, no environment files.',
    };
  }
  return {
    policy: policyDocumentFor(grants),
    role: check.roleArn?.name,
    features: [...new Set(check.requirements.map((r) => featureTitle(r.feature)))],
  };
}

/** How a model value is written in a document's syntax. JSON today; the sources for CloudFormation YAML and
 * Terraform HCL will render their own (SourceDocument.render), which is why the policy travels as a value. */
export function renderValue(value: unknown, syntax: 'json'): { content: string; language: string } {
  switch (syntax) {
    case 'json':
      return { content: `${JSON.stringify(value, null, 2)}\n`, language: 'json' };
  }
}

/**
 * Prices per task size, for the size table. Supplied by the pricing data when it exists; until then the
 * table shows sizes only.
 */
export interface TaskSizePrices {
  /** A short price text for one task size ("$0.0123 per hour"), or undefined when not known. */
  priceOf(cpu: number, memoryMiB: number, os: OsFamily): string | undefined;
  /** Where the prices come from and when (shown under the table). */
  readonly source: string;
}

/** The Fargate task sizes for Linux and Windows as a Markdown document. */
export function taskSizesMarkdown(prices?: TaskSizePrices): string {
  const lines = [
    '# Fargate task sizes',
    '',
    'The task-level `cpu` and `memory` of a Fargate task definition must be one of these pairs. cpu is written as CPU units (`"1024"`) or vCPU (`"1 vCPU"`), memory as MiB (`"2048"`) or GB (`"2 GB"`).',
  ];
  for (const os of ['LINUX', 'WINDOWS'] as const) {
    lines.push('', `## ${os === 'LINUX' ? 'Linux' : 'Windows'}`, '');
    const priced = prices !== undefined;
    lines.push(`| cpu | vCPU | memory (MiB) | memory (GB) |${priced ? ' price |' : ''}`, `|---:|---:|---|---|${priced ? '---|' : ''}`);
    for (const row of rowsFor(os)) {
      const many = row.memory.length > 4;
      const first = row.memory[0];
      const last = row.memory[row.memory.length - 1];
      const mib = many ? `${first}–${last} (steps of ${row.memory[1] - first})` : row.memory.join(', ');
      const gb = many ? `${formatGb(first)}–${formatGb(last)}` : row.memory.map(formatGb).join(', ');
      const price = priced ? ` ${prices.priceOf(row.cpu, first, os) ?? ''} |` : '';
      const notes = [
        row.platformVersion && `platform version ${row.platformVersion} or later`,
        row.limitedAvailability && 'not in every Region yet',
      ];
      const note = notes.some(Boolean) ? ` (${notes.filter(Boolean).join('; ')})` : '';
      lines.push(`| ${row.cpu} | ${formatVcpu(row.cpu)}${note} | ${mib} | ${gb} |${price}`);
    }
  }
  lines.push(
    '',
    prices ? `Prices: ${prices.source}.` : 'Prices per size will be shown here once fargate-lint carries the Fargate price list.',
  );
  lines.push(
    '',
    'Source: the ECS API reference for RegisterTaskDefinition and the Amazon ECS developer guide (server/src/core/facts/fargate-sizes.json).',
  );
  return lines.join('\n');
}
