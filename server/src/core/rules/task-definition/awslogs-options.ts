// The options of the awslogs log driver: the required ones (group and region everywhere, stream prefix on
// Fargate), names ECS does not take, and values Docker cannot read.
import { type JsonPath, isObject, isPlaceholder, valueAt, valueText } from '../../json';
import { remove, rename, set } from '../../model';
import type { Fix, FixContext, Rule, RuleContext } from '../../rule';
import {
  type LogConfigurationRef,
  type LogOptionInfo,
  awslogsDefaults,
  isDockerBoolean,
  logConfigurationsOf,
  logOption,
  logOptions,
} from '../../taskdef/logging';
import { requiresFargate, taskOf } from '../../taskdef/model';

type AwslogsFixData = { config: JsonPath } & (
  | { kind: 'missing'; options: string[] }
  | { kind: 'remove'; option: string; rename?: string }
  | { kind: 'value'; option: string; values: string[] }
  | { kind: 'exclusive'; options: [string, string] }
);

const AWSLOGS = logOptions('awslogs');

export const awslogsOptions: Rule<AwslogsFixData> = {
  meta: {
    id: 'awslogs-options',
    title: 'Options of the awslogs log driver: required ones present, names ECS takes, values it can read',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
    fixable: true,
  },
  check(context) {
    const fargate = requiresFargate(taskOf(context.subject));
    for (const config of logConfigurationsOf(context.subject)) {
      if (config.value.logDriver !== 'awslogs') continue;
      checkConfiguration(context, config, fargate);
    }
  },
  fix(context) {
    const d = context.data;
    if (!d || !Array.isArray(d.config)) return [];
    const optionsPath = [...context.subjectPath, ...d.config, 'options'];
    switch (d.kind) {
      case 'missing':
        return [missingFix(context, optionsPath, d.options)];
      case 'remove':
        return [
          ...(d.rename ? [renameFix(context, optionsPath, d.option, d.rename)] : []),
          removeFix(optionsPath, d.option, !d.rename),
        ].filter((f): f is Fix => !!f && f.edits.length > 0);
      case 'value':
        return d.values.map((value, i) => ({
          title: `Set ${d.option} to ${JSON.stringify(value)}`,
          isPreferred: i === 0,
          edits: [set([...optionsPath, d.option], value)],
        }));
      case 'exclusive':
        return d.options.map((option, i) => removeFix(optionsPath, option, i === 0)).filter((f) => f.edits.length > 0);
    }
    return [];
  },
};

function checkConfiguration({ report }: RuleContext<AwslogsFixData>, config: LogConfigurationRef, fargate: boolean): void {
  const where = `container "${config.container}"`;
  const options = config.value.options;
  // Options the template leaves unknown (the whole map) may hold the required ones.
  if (isPlaceholder(options)) return;
  const optionsPath = [...config.path, 'options'];
  const present = (name: string) => isObject(options) && options[name] !== undefined && options[name] !== null && options[name] !== '';

  const missing = AWSLOGS.filter((o) => (o.required === 'always' || (o.required === 'fargate' && fargate)) && !present(o.name)).map(
    (o) => o.name,
  );
  if (missing.length) {
    const named = missing.map((m) => (logOption('awslogs', m)?.required === 'fargate' ? `${m} (required on Fargate)` : m));
    report({
      path: isObject(options) ? optionsPath : [...config.path, 'logDriver'],
      target: isObject(options) ? 'key' : 'value',
      message: `The awslogs log driver needs the option${missing.length > 1 ? 's' : ''} ${list(named)} (${where}); ECS rejects the task definition without ${missing.length > 1 ? 'them' : 'it'}.`,
      data: { config: config.path, kind: 'missing', options: missing },
    });
  }
  if (!isObject(options)) return;

  for (const [name, value] of Object.entries(options)) {
    const known = logOption('awslogs', name);
    if (!known) {
      const rename = suggestion(name, Object.keys(options));
      report({
        path: [...optionsPath, name],
        target: 'key',
        message: `ECS does not take the awslogs option "${name}" (${where})${rename ? `; did you mean "${rename}"?` : '. Options of other drivers (FireLens plugins, splunk, Docker-only ones) do not belong here.'} Registration fails with "Log driver awslogs disallows options".`,
        data: { config: config.path, kind: 'remove', option: name, rename },
      });
      continue;
    }
    if (known.status === 'unverified' || known.status === 'docker') {
      report({
        path: [...optionsPath, name],
        target: 'key',
        severity: 'warning',
        message: `"${name}" is an option of Docker's awslogs driver that ECS does not document (${where}); ECS checks awslogs option names when you register, and may reject it.${known.status === 'unverified' ? ' It has been seen rejecting this one.' : ''}`,
        data: { config: config.path, kind: 'remove', option: name },
      });
    }
    if (typeof value === 'string' && !isPlaceholder(value)) checkValue(report, config, known, value, where);
  }

  const exclusive = AWSLOGS.find((o) => o.exclusiveWith && present(o.name) && present(o.exclusiveWith));
  if (exclusive?.exclusiveWith) {
    // Report on the second of the pair as written, keeping the first.
    const [first, second] = Object.keys(options).filter((k) => k === exclusive.name || k === exclusive.exclusiveWith);
    report({
      path: [...optionsPath, second],
      target: 'key',
      message: `awslogs-datetime-format and awslogs-multiline-pattern cannot be used together (${where}): both say where a multi-line log event starts, and Docker refuses to start the container with both.`,
      data: { config: config.path, kind: 'exclusive', options: [second, first] },
    });
  }
}

function checkValue(
  report: RuleContext<AwslogsFixData>['report'],
  config: LogConfigurationRef,
  option: LogOptionInfo,
  value: string,
  where: string,
): void {
  const path = [...config.path, 'options', option.name];
  if (option.boolean) {
    if (isDockerBoolean(value)) return;
    report({
      path,
      message: `${option.name} must be "true" or "false", not ${valueText(value)} (${where}); Docker cannot read it and the container does not start.`,
      data: { config: config.path, kind: 'value', option: option.name, values: ['true', 'false'] },
    });
    return;
  }
  if (option.values && !option.values.includes(value)) {
    const lower = option.values.find((v) => v === value.toLowerCase());
    report({
      path,
      message: `${option.name} must be ${list(
        option.values.map((v) => JSON.stringify(v)),
        'or',
      )}, not ${valueText(value)} (${where}).`,
      data: { config: config.path, kind: 'value', option: option.name, values: lower ? [lower] : option.values },
    });
  }
}

function list(items: string[], last = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** The known option a misspelt name most likely meant (close in spelling, not already present). */
function suggestion(name: string, present: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const option of AWSLOGS) {
    if (option.status !== 'documented' || present.includes(option.name)) continue;
    const distance = editDistance(name.toLowerCase().replace(/_/g, '-'), option.name);
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: option.name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function removeFix(optionsPath: JsonPath, option: string, isPreferred: boolean): Fix {
  return { title: `Remove the option "${option}"`, isPreferred, edits: [remove([...optionsPath, option])] };
}

function renameFix(
  { subject, subjectPath }: FixContext<AwslogsFixData>,
  optionsPath: JsonPath,
  option: string,
  to: string,
): Fix | undefined {
  const options = valueAt(subject.value, optionsPath.slice(subjectPath.length));
  if (!isObject(options) || !(option in options) || options[to] !== undefined) return undefined;
  return { title: `Rename "${option}" to "${to}"`, isPreferred: true, edits: [rename([...optionsPath, option], to)] };
}

function missingFix({ subject, subjectPath }: FixContext<AwslogsFixData>, optionsPath: JsonPath, missing: string[]): Fix {
  const relative = optionsPath.slice(subjectPath.length);
  const defaults = awslogsDefaults(subject.value, valueAt(subject.value, relative.slice(0, -2)));
  const value = (option: string) => (option in defaults ? String(defaults[option as keyof typeof defaults]) : '');
  let title = `Add ${missing.map((m) => `${m} ${JSON.stringify(value(m))}`).join(', ')}`;
  if (missing.includes('awslogs-region') && defaults.placeholderRegion) title += ' (placeholder Region: check it)';
  const options = valueAt(subject.value, relative);
  const edits = isObject(options)
    ? missing.map((m) => set([...optionsPath, m], value(m)))
    : [set(optionsPath, Object.fromEntries(missing.map((m) => [m, value(m)])))];
  return { title, isPreferred: true, edits };
}
