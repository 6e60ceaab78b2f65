// Hover and completion for log configurations: option keys per driver, and logDriver values per launch type.
import { type JsonPath, isObject, scalarText, valueAt } from '../json';
import { type CompletionEntry, type CompletionProvider, type HoverProvider, type PositionContext, valueEntry } from '../position';
import { FARGATE_LOG_DRIVERS, LOG_DRIVERS, type LogOptionInfo, containerPrefixLength, logDriver, logOption, logOptions } from './logging';
import { requiresFargate, taskOf } from './model';

interface LogPosition {
  /** Relative to the subject: the logConfiguration object. */
  config: JsonPath;
  /** What the cursor is on inside it. */
  part: 'option' | 'logDriver';
  option?: string;
}

/** The cursor is on an option key (options.<key>) or on the logDriver value of a container's logConfiguration. */
function logPosition(context: PositionContext): LogPosition | undefined {
  const path = context.relativePath;
  const prefix = containerPrefixLength(context.subject, path);
  if (prefix === undefined || path[prefix] !== 'logConfiguration') return undefined;
  const config = path.slice(0, prefix + 1);
  if (context.onKey && path.length === prefix + 3 && path[prefix + 1] === 'options' && typeof path[prefix + 2] === 'string') {
    return { config, part: 'option', option: path[prefix + 2] as string };
  }
  if (!context.onKey && path.length === prefix + 2 && path[prefix + 1] === 'logDriver') return { config, part: 'logDriver' };
  return undefined;
}

function driverAt(context: PositionContext, config: JsonPath): unknown {
  return valueAt(context.subject.value, [...config, 'logDriver']);
}

function requirement(option: LogOptionInfo, fargate: boolean): string {
  if (option.required === 'always') return 'required';
  if (option.required === 'fargate') return fargate ? 'required on Fargate' : 'required on Fargate, optional on EC2';
  return 'optional';
}

const STATUS_NOTE: Record<LogOptionInfo['status'], string> = {
  documented: '',
  unverified: 'ECS does not document this option, and registration has been seen rejecting it.',
  docker: 'Docker knows this option; ECS does not document it.',
  plugin: 'A setting of the Fluent Bit output plugin named in `Name`.',
};

export const loggingHover: HoverProvider = {
  hover(context) {
    const at = logPosition(context);
    if (!at) return undefined;
    const driver = driverAt(context, at.config);
    const fargate = requiresFargate(taskOf(context.subject));
    if (at.part === 'logDriver') return driverMarkdown(driver, fargate);
    const name = at.option!;
    if (logOptions(driver).length === 0) return undefined;
    const option = logOption(driver, name);
    if (!option) {
      return driver === 'awslogs'
        ? `**${name}**: not an option ECS takes for the \`awslogs\` log driver; registration fails with "Log driver awslogs disallows options".`
        : undefined;
    }
    const lines = [
      `**${option.name}**: option of the \`${scalarText(driver) ?? ''}\` log driver (${requirement(option, fargate)})`,
      '',
      option.description,
    ];
    if (option.values) lines.push('', `Values: ${option.values.map((v) => `\`${v}\``).join(', ')}.`);
    if (STATUS_NOTE[option.status]) lines.push('', STATUS_NOTE[option.status]);
    return lines.join('\n');
  },
};

function driverMarkdown(driver: unknown, fargate: boolean): string {
  const lines = ["**logDriver**: where the container's output goes.", '', '| driver | Fargate | what it does |', '|---|---|---|'];
  for (const d of LOG_DRIVERS) {
    const name = d.name === driver ? `**${d.name}** ◀` : d.name;
    lines.push(`| ${name} | ${d.fargate ? 'yes' : 'no (EC2 only)'} | ${d.description} |`);
  }
  const info = logDriver(driver);
  if (fargate && info && !info.fargate) lines.push('', `This task targets Fargate, which does not support \`${info.name}\`.`);
  return lines.join('\n');
}

export const loggingCompletion: CompletionProvider = {
  complete(context) {
    const at = logPosition(context);
    if (!at) return undefined;
    const fargate = requiresFargate(taskOf(context.subject));
    if (at.part === 'logDriver') return driverEntries(fargate);
    const driver = driverAt(context, at.config);
    const known = logOptions(driver);
    if (known.length === 0) return undefined;
    const options = valueAt(context.subject.value, [...at.config, 'options']);
    const present = isObject(options) ? Object.keys(options).filter((k) => k !== at.option) : [];
    const keyOnly = context.key?.hasValue ?? false;
    const comma = !keyOnly && context.propertyFollows ? ',' : '';
    const required = (o: LogOptionInfo) => o.required === 'always' || (o.required === 'fargate' && fargate);
    const rank = (o: LogOptionInfo) => (required(o) ? 0 : o.status === 'documented' ? 1 : 2);
    return known
      .filter((o) => !present.includes(o.name))
      .map((o, i) => ({ option: o, order: rank(o) * 100 + i }))
      .sort((a, b) => a.order - b.order)
      .map(({ option }, i): CompletionEntry => ({
        label: JSON.stringify(option.name),
        description: requirement(option, fargate),
        documentation: [option.description, STATUS_NOTE[option.status]].filter(Boolean).join('\n\n'),
        insertText: keyOnly
          ? JSON.stringify(option.name)
          : `${JSON.stringify(option.name)}: "${option.values ? `\${1|${option.values.join(',')}|}` : '$1'}"${comma}`,
        value: { [option.name]: '' },
        snippet: !keyOnly,
        kind: 'property',
        sortText: String(i).padStart(3, '0'),
      }));
  },
};

function driverEntries(fargate: boolean): CompletionEntry[] {
  const drivers = fargate ? LOG_DRIVERS.filter((d) => FARGATE_LOG_DRIVERS.includes(d.name)) : LOG_DRIVERS;
  return drivers.map((d, i) => ({
    ...valueEntry(d.name, d.fargate ? 'Fargate and EC2' : 'EC2 only', i, d.description),
    preselect: i === 0,
  }));
}
