// What the editor commands show: the least-privilege execution-role policy of a task definition, and the
// Fargate task sizes as a document. Computed here from the core, so the VS Code client stays a thin shell
// (it opens what this returns) and any editor can ask for the same over LSP.
import type { Subject } from '../core/model';
import { cachedCheck } from '../core/execution-role/check';
import { grantsOf, policyDocumentFor } from '../core/execution-role/fixes';
import { featureTitle } from '../core/execution-role/requirements';
import { formatGb, formatVcpu, rowsFor, type OsFamily } from '../core/taskdef/fargate-sizes';
import {
  type CostOptions,
  HOURS_PER_MONTH,
  PRICES_AS_OF,
  costsEnabled,
  formatUsd,
  priceSize,
  pricingContext,
} from '../core/taskdef/pricing';
import type { WorkspaceView } from '../core/workspace';
import type { RenderedDocument, SourceId } from '../sources/source';
import { userMessage } from './convert';
import type { DocumentModel } from './models';

export interface PolicyDocumentResult {
  /** The policy as a model value (an IAM policy document), to be rendered in the syntax of the document. */
  policy?: Record<string, unknown>;
  /** The source of the document it is for. */
  source: SourceId;
  /**
   * The policy written as a new document in the syntax of that document, by its source
   * (`SourceDocument.renderDocument`: JSON; a template's YAML or JSON, unknown parts as intrinsics): the
   * policy travels as a value, not as text. Absent when the source cannot write one yet.
   */
  rendered?: RenderedDocument;
  role?: string;
  /** What the statements are for, in the order of the statements ("Pull images from private ECR ..."). */
  features: string[];
  reason?: string;
}

/** The task definition at `offset` (a template may hold several), else the document's first. */
function taskDefinitionAt(model: DocumentModel, offset: number | undefined): Subject | undefined {
  const tasks = model.document.model.subjects.filter((s) => s.kind === 'task-definition');
  const atCursor = offset === undefined ? undefined : model.document.cursor(offset)?.subject;
  return (atCursor && tasks.find((t) => t === atCursor)) ?? tasks[0];
}

/** The least-privilege policy the execution role of the task definition needs, as the core computes it. */
export function executionRolePolicy(
  model: DocumentModel,
  offset: number | undefined,
  workspace: WorkspaceView | undefined,
): PolicyDocumentResult {
  const subject = taskDefinitionAt(model, offset);
  const source = model.document.source;
  if (!subject) return { source, features: [], reason: 'This file is not an ECS task definition.' };
  const check = cachedCheck(subject, workspace, model.document.uri);
  const grants = check.requirements.flatMap((r) => grantsOf(r.feature, r.permissions));
  if (grants.length === 0) {
    return {
      source,
      features: [],
      role: check.roleArn?.name,
      reason:
        'This task definition needs nothing from an execution role: no private ECR image, no awslogs, no secrets, no environment files.',
    };
  }
  const policy = policyDocumentFor(grants);
  return {
    source,
    policy,
    rendered: model.document.renderDocument?.(policy, { subject, role: check.roleArn?.name }),
    // As users read it: `aws_iam_role.exec (role app-exec)` for a role of a Terraform module.
    role: check.roleArn && userMessage(check.roleArn.name, model.document),
    features: [...new Set(check.requirements.map((r) => featureTitle(r.feature)))],
  };
}

/** Prices per task size, for the size table. */
export interface TaskSizePrices {
  /** A short price text for a row: one cpu with its memory values ("$9.01–$18.02"), or undefined when not known. */
  priceOf(cpu: number, memoryMiB: readonly number[], os: OsFamily): string | undefined;
  /** Where the prices come from and when (shown under the table). */
  readonly source: string;
}

/** On-demand prices per month from the price table (core/taskdef/pricing.ts), in the Region of the cost settings. */
export function fargatePrices(options: CostOptions): TaskSizePrices | undefined {
  if (!costsEnabled(options)) return undefined;
  const contexts = {
    LINUX: pricingContext({}, options),
    WINDOWS: pricingContext({ runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL' } }, options),
  };
  const { region, regionReason } = contexts.LINUX;
  return {
    priceOf(cpu, memory, os) {
      const [low, high] = [memory[0], memory[memory.length - 1]].map((m) => `$${formatUsd(priceSize(contexts[os], cpu, m).monthly)}`);
      return low === high ? low : `${low}–${high}`;
    },
    source: `on demand per month (${HOURS_PER_MONTH} hours) in ${region} (${regionReason}), for the smallest and the largest memory of each row; prices of ${PRICES_AS_OF}, without Savings Plans or Spot; Windows includes its licence fee`,
  };
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
    lines.push(
      `| cpu | vCPU | memory (MiB) | memory (GB) |${priced ? ' USD per month |' : ''}`,
      `|---:|---:|---|---|${priced ? '---:|' : ''}`,
    );
    for (const row of rowsFor(os)) {
      const many = row.memory.length > 4;
      const first = row.memory[0];
      const last = row.memory[row.memory.length - 1];
      const mib = many ? `${first}–${last} (steps of ${row.memory[1] - first})` : row.memory.join(', ');
      const gb = many ? `${formatGb(first)}–${formatGb(last)}` : row.memory.map(formatGb).join(', ');
      const price = priced ? ` ${prices.priceOf(row.cpu, row.memory, os) ?? ''} |` : '';
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
