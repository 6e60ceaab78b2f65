// A task definition whose containers need the execution role (private ECR image, awslogs, secrets, ...)
// must name one: ECS rejects it at registration otherwise ("Fargate requires task definition to have
// execution role ARN to support ECR images", "When you are specifying container secrets, you must also
// specify a value for 'executionRoleArn'").
import { parseArn } from '../../arn';
import { set } from '../../model';
import { featureTitle, type FeatureId, requirementsOf } from '../../execution-role/requirements';
import { hasKey, isPlaceholder } from '../../json';
import type { Rule } from '../../rule';
import { parseImage } from '../../taskdef/image';
import { requiresFargate, taskOf } from '../../taskdef/model';

/** Needed with any launch type: ECS checks these at registration on EC2 too. */
const ANY_LAUNCH_TYPE = new Set<FeatureId>(['secret-ssm', 'secret-secretsmanager']);

const DEFAULT_EXECUTION_ROLE = 'ecsTaskExecutionRole';

/** Where the task lives, as far as the file tells: the fix writes the role ARN in that account. */
interface RequiredData {
  where?: { partition: string; account: string };
}

export const executionRoleRequired: Rule<RequiredData> = {
  meta: {
    id: 'execution-role-required',
    title: 'A task definition that pulls from ECR, uses awslogs or reads secrets needs an executionRoleArn',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    const role = task.executionRoleArn;
    if (
      (typeof role === 'string' && role.trim() !== '') ||
      isPlaceholder(role) ||
      (role !== undefined && role !== null && typeof role !== 'string')
    )
      return;
    const fargate = requiresFargate(task);
    const needing = requirementsOf(subject).filter((r) => fargate || ANY_LAUNCH_TYPE.has(r.feature));
    if (needing.length === 0) return;
    const features = [...new Set(needing.map((r) => featureTitle(r.feature)))];
    const launch = fargate ? 'Fargate rejects it at registration' : 'ECS rejects it at registration';
    const present = hasKey(task, 'executionRoleArn');
    report({
      path: present ? ['executionRoleArn'] : needing[0].path,
      message: `This task definition has no execution role, but ECS needs one to ${features.join(', ')}; ${launch}. Set executionRoleArn to a role that ECS tasks can assume.`,
      related: needing.slice(present ? 0 : 1).map((r) => ({ path: r.path, message: `needs the execution role to ${r.reason}` })),
      data: { where: accountOf(task) },
    });
  },
  fix({ subjectPath, data }) {
    const where = data?.where;
    const arn = `arn:${where?.partition ?? 'aws'}:iam::${where?.account ?? 'ACCOUNT_ID'}:role/${DEFAULT_EXECUTION_ROLE}`;
    return [{ title: `Set executionRoleArn to ${arn}`, isPreferred: true, edits: [set([...subjectPath, 'executionRoleArn'], arn)] }];
  },
};

/** The account (and partition) the file names elsewhere: the task role, an ECR image, a secret's ARN. */
function accountOf(task: Record<string, unknown>): { partition: string; account: string } | undefined {
  const found: { partition: string; account: string }[] = [];
  const visit = (value: unknown) => {
    if (found.length) return;
    if (typeof value === 'string') {
      const arn = parseArn(value);
      if (arn && /^\d{12}$/.test(arn.account)) found.push({ partition: arn.partition, account: arn.account });
      const image = parseImage(value);
      if (image.registryKind === 'ecr' && image.account) found.push({ partition: image.partition ?? 'aws', account: image.account });
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(task.taskRoleArn);
  visit(task.containerDefinitions);
  return found[0];
}
