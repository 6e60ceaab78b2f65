// Task definitions, policies and role files shared by the execution-role rule tests.
export const ACCOUNT = '123456789012';
const IMAGE = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2`;
export const MANAGED = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
export const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export function policy(...statements: Record<string, unknown>[]) {
  return { Version: '2012-10-17', Statement: statements };
}

export interface TaskOptions {
  role?: string | null;
  image?: string;
  logs?: boolean;
  createGroup?: boolean;
  secrets?: { name: string; valueFrom: string }[];
  fargate?: boolean;
  extra?: Record<string, unknown>;
  container?: Record<string, unknown>;
}

export function task(options: TaskOptions = {}) {
  const container: Record<string, unknown> = { name: 'app', image: options.image ?? IMAGE, essential: true };
  if (options.logs !== false) {
    const logOptions: Record<string, string> = {
      'awslogs-group': '/ecs/web',
      'awslogs-region': 'eu-west-1',
      'awslogs-stream-prefix': 'app',
    };
    if (options.createGroup) logOptions['awslogs-create-group'] = 'true';
    container.logConfiguration = { logDriver: 'awslogs', options: logOptions };
  }
  if (options.secrets) container.secrets = options.secrets;
  Object.assign(container, options.container);
  const definition: Record<string, unknown> = { family: 'web' };
  if (options.role !== null) definition.executionRoleArn = `arn:aws:iam::${ACCOUNT}:role/${options.role ?? 'execRole'}`;
  if (options.fargate !== false)
    Object.assign(definition, { networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' });
  definition.containerDefinitions = [container];
  return { ...definition, ...options.extra };
}

/** fargate-lint.json for execRole with these policy files (and optional managed ARNs). */
export function config(policies: string[], managedPolicyArns?: string[], trustPolicy = 'iam/trust.json', role = 'execRole') {
  return { roles: { [role]: { trustPolicy, policies, ...(managedPolicyArns ? { managedPolicyArns } : {}) } } };
}
