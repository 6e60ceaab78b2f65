// References to secrets in `secrets[].valueFrom` and `logConfiguration.secretOptions[].valueFrom`:
// a Secrets Manager secret ARN (optionally with `:json-key:version-stage:version-id`), an SSM Parameter
// Store parameter ARN, or a parameter name (a parameter in the task's own Region). Pure: no I/O.
import { type Arn, parseArn } from '../arn';
import { ARN_PATTERNS } from './limits';

interface SecretsManagerReference {
  kind: 'secretsmanager';
  partition: string;
  region: string;
  account: string;
  /** The secret's name as written in the ARN, with the six random characters if present. */
  secretId: string;
  /** The name without the `-XXXXXX` suffix that Secrets Manager appends (equal to secretId without one). */
  name: string;
  /** Whether the ARN ends with the random suffix, i.e. it is the complete ARN. */
  complete: boolean;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
  /** The secret's ARN without the json-key/stage/id part: what GetSecretValue and IAM policies see. */
  secretArn: string;
}

interface SsmReference {
  kind: 'ssm';
  /** `arn` when written as an ARN; `name` when only the parameter name is given (same Region as the task). */
  form: 'arn' | 'name';
  /** The parameter name, with its leading "/" when it is hierarchical. */
  name: string;
  partition?: string;
  region?: string;
  account?: string;
  arn?: string;
}

interface InvalidReference {
  kind: 'invalid';
  reason: string;
}

export type SecretReference = SecretsManagerReference | SsmReference | InvalidReference;

/** Reads a `valueFrom`. The reason of an invalid one is a sentence fragment for a message. */
export function parseValueFrom(text: string): SecretReference {
  if (text.trim() === '') return { kind: 'invalid', reason: 'it is empty' };
  if (/\s/.test(text)) return { kind: 'invalid', reason: 'it contains spaces or line breaks' };
  if (!text.startsWith('arn:')) return parameterName(text);
  const arn = parseArn(text);
  if (!arn)
    return {
      kind: 'invalid',
      reason: 'it starts like an ARN but does not have the six ARN fields (arn:partition:service:region:account:resource)',
    };
  if (arn.service !== 'secretsmanager' && arn.service !== 'ssm') {
    return {
      kind: 'invalid',
      reason: `it is an ARN of the "${arn.service}" service; ECS reads secrets only from Secrets Manager and SSM Parameter Store`,
    };
  }
  const fieldProblem = arnFieldProblem(arn);
  if (fieldProblem) return { kind: 'invalid', reason: fieldProblem };
  return arn.service === 'secretsmanager' ? secretsManagerArn(arn) : ssmArn(arn, text);
}

function arnFieldProblem(arn: Arn): string | undefined {
  if (!ARN_PATTERNS.partition.test(arn.partition)) return `"${arn.partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`;
  if (!ARN_PATTERNS.region.test(arn.region))
    return `"${arn.region}" is not a Region name such as us-east-1 (the ARN of a secret or parameter names its Region)`;
  if (!ARN_PATTERNS.account.test(arn.account)) return `"${arn.account}" is not a 12-digit account ID`;
  return undefined;
}

function secretsManagerArn(arn: Arn): SecretReference {
  if (!arn.resource.startsWith('secret:')) {
    return { kind: 'invalid', reason: 'a Secrets Manager ARN must continue with "secret:" and the secret name' };
  }
  const parts = arn.resource.slice('secret:'.length).split(':');
  if (parts.length !== 1 && parts.length !== 4) {
    return {
      kind: 'invalid',
      reason: `after the secret name ECS expects nothing or exactly three more fields ":json-key:version-stage:version-id" (leave a field empty to use its default, e.g. "NAME:password::"); this one has ${parts.length - 1}`,
    };
  }
  const [secretId, jsonKey, versionStage, versionId] = parts;
  if (!ARN_PATTERNS.secretName.test(secretId)) {
    return { kind: 'invalid', reason: `"${secretId}" is not a secret name (letters, digits and /_+=.@-)` };
  }
  const complete = ARN_PATTERNS.secretRandomSuffix.test(secretId);
  const secretArn = `arn:${arn.partition}:secretsmanager:${arn.region}:${arn.account}:secret:${secretId}`;
  return {
    kind: 'secretsmanager',
    partition: arn.partition,
    region: arn.region,
    account: arn.account,
    secretId,
    name: complete ? secretId.slice(0, -7) : secretId,
    complete,
    jsonKey: jsonKey || undefined,
    versionStage: versionStage || undefined,
    versionId: versionId || undefined,
    secretArn,
  };
}

function ssmArn(arn: Arn, text: string): SecretReference {
  if (!arn.resource.startsWith('parameter/')) {
    return { kind: 'invalid', reason: 'an SSM Parameter Store ARN must continue with "parameter/" and the parameter name' };
  }
  const path = arn.resource.slice('parameter/'.length);
  if (path === '' || path.startsWith('/')) {
    return {
      kind: 'invalid',
      reason: 'the ARN of a hierarchical parameter has one "/" after "parameter" (arn:...:parameter/app/db, not parameter//app/db)',
    };
  }
  if (!ARN_PATTERNS.ssmParameterName.test(path)) {
    return { kind: 'invalid', reason: `"${path}" is not a parameter name (letters, digits and _.-/)` };
  }
  return {
    kind: 'ssm',
    form: 'arn',
    name: path.includes('/') ? `/${path}` : path,
    partition: arn.partition,
    region: arn.region,
    account: arn.account,
    arn: text,
  };
}

function parameterName(text: string): SecretReference {
  // Parameter Store also reads "name:version" and "name:label"; the selector is not part of the name.
  const selector = /:[A-Za-z0-9_.-]+$/.exec(text);
  const name = selector ? text.slice(0, selector.index) : text;
  if (!ARN_PATTERNS.ssmParameterName.test(name)) {
    return {
      kind: 'invalid',
      reason:
        'it is neither an ARN nor a Parameter Store parameter name (letters, digits and _.-/); a Secrets Manager secret must be given by its full ARN',
    };
  }
  return { kind: 'ssm', form: 'name', name };
}

/** The ARN of a Parameter Store parameter, for a policy or a placeholder (hierarchical names keep one "/"). */
export function ssmParameterArn(name: string, where: { partition?: string; region: string; account: string }): string {
  const path = name.startsWith('/') ? name.slice(1) : name;
  return `arn:${where.partition ?? 'aws'}:ssm:${where.region}:${where.account}:parameter/${path}`;
}
