// A secret in a plain environment variable is stored in the task definition for anyone who can describe
// it (and in every revision, forever). `secrets` fetches it from Secrets Manager or Parameter Store at
// start-up instead.
import { append, remove, set } from '../../model';
import { type JsonPath, isObject, valueAt } from '../../json';
import type { Fix, Rule } from '../../rule';
import { literalString, objectItems } from '../../taskdef/containers';
import { taskLocation } from '../../taskdef/location';
import { containersOf, taskOf } from '../../taskdef/model';
import { ssmParameterArn } from '../../taskdef/secrets';
import { type SecretEvidence, secretEvidence } from '../../taskdef/sensitive';

interface SecretInEnvironmentData {
  /** Relative to the subject: the container holding the variable. */
  containerPath: JsonPath;
  name: string;
  /** The placeholder reference the fix writes. */
  valueFrom: string;
}

function reason(evidence: SecretEvidence, name: string): string {
  switch (evidence.kind) {
    case 'aws-access-key':
      return `the value of ${name} is an AWS ${evidence.temporary ? 'temporary ' : ''}access key ID`;
    case 'url-credentials':
      return `the value of ${name} is a URL with a password in it`;
    case 'name':
      return `${name} is named like a secret (${evidence.word})`;
  }
}

export const secretInEnvironment: Rule<SecretInEnvironmentData> = {
  meta: {
    id: 'secret-in-environment',
    title: 'Secrets belong in `secrets` (Secrets Manager or Parameter Store), not in plain `environment` values',
    defaultSeverity: 'warning',
    appliesTo: ['task-definition', 'container-definitions'],
    fixable: true,
  },
  check({ subject, report }) {
    // Where the task lives (for the reference the fix writes) is worked out at the first secret only.
    let reference: ((name: string) => string) | undefined;
    const referenceFor = () => {
      const where = taskLocation(subject);
      const family = literalString(taskOf(subject)?.family) ?? 'app';
      return (name: string) =>
        ssmParameterArn(`/${family}/${name}`, {
          partition: where.partition,
          region: where.region ?? 'REGION',
          account: where.account ?? 'ACCOUNT_ID',
        });
    };
    for (const container of containersOf(subject)) {
      const environment = container.value.environment;
      if (!Array.isArray(environment)) continue;
      // Most of a large task definition is its environment: each variable is looked at without building anything.
      for (let index = 0; index < environment.length; index++) {
        const variable: unknown = environment[index];
        if (!isObject(variable)) continue;
        const { name, value } = variable;
        if (typeof name !== 'string' || typeof value !== 'string') continue;
        const evidence = secretEvidence(name, value);
        if (!evidence) continue;
        reference ??= referenceFor();
        const data: SecretInEnvironmentData = { containerPath: container.path, name, valueFrom: reference(name) };
        report({
          path: [...container.path, 'environment', index, 'value'],
          message: `Plain-text secret: ${reason(evidence, name)}. Environment values are stored in the task definition, readable by anyone allowed to describe it and kept in every revision. Put the value in Secrets Manager or SSM Parameter Store and reference it from "secrets" instead.`,
          data,
        });
      }
    }
  },
  fix({ subject, subjectPath, data: d }) {
    if (!d) return [];
    const containerPath = [...subjectPath, ...d.containerPath];
    const container = valueAt(subject.value, d.containerPath);
    if (!isObject(container)) return [];
    const index = objectItems(container, containerPath, 'environment').find((v) => v.value.name === d.name)?.index;
    if (index === undefined) return [];
    const removal = remove([...containerPath, 'environment', index]);
    const secrets = container.secrets;
    const already = Array.isArray(secrets) && secrets.some((s) => isObject(s) && s.name === d.name);
    if (already) {
      return [{ title: `Remove ${d.name} from environment (it is already in secrets)`, isPreferred: true, edits: [removal] }];
    }
    const entry = { name: d.name, valueFrom: d.valueFrom };
    const addition = Array.isArray(secrets) ? append([...containerPath, 'secrets'], entry) : set([...containerPath, 'secrets'], [entry]);
    const fix: Fix = {
      title: `Move ${d.name} to secrets (valueFrom ${d.valueFrom}; create that parameter and let the execution role read it)`,
      isPreferred: true,
      edits: [removal, addition],
    };
    return [fix];
  },
};
