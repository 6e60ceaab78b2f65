// Builders for the task definitions of rule tests: a small valid task to which each case adds one thing.

export type Json = Record<string, unknown>;

export const container = (name: string, extra: Json = {}): Json => ({ name, image: 'nginx', ...extra });

/** A valid Fargate task definition with the given containers (default: one container "app"). */
export function fargateTask(containers: Json[] = [container('app')], extra: Json = {}): Json {
  return {
    family: 'web',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: containers,
    ...extra,
  };
}

/** An EC2 task definition (bridge mode, no task size) with the given containers. */
export function ec2Task(containers: Json[] = [container('app', { memory: 256 })], extra: Json = {}): Json {
  return { family: 'web', requiresCompatibilities: ['EC2'], containerDefinitions: containers, ...extra };
}
