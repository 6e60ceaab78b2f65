// Services, AppSpecs and the task definitions they run, for the service rule tests. A case's own file is
// file:///ws/service.json (or appspec.json); the task definition lies beside it unless a case says otherwise.
import { container, fargateTask } from '../../../helpers/taskdefs';

export type Json = Record<string, unknown>;

const SUBNETS = { awsvpcConfiguration: { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] } };

/** A Fargate service of task definition family "web" with a load balancer on web:80. */
export function service(extra: Json = {}): Json {
  return {
    serviceName: 'web',
    taskDefinition: 'web:3',
    desiredCount: 2,
    launchType: 'FARGATE',
    loadBalancers: [
      {
        targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef',
        containerName: 'web',
        containerPort: 80,
      },
    ],
    networkConfiguration: SUBNETS,
    ...extra,
  };
}

/** The task definition of family "web": container web maps 80 (named http), container side maps 9102. */
export function webTask(extra: Json = {}, containers?: Json[]): Json {
  return fargateTask(
    containers ?? [
      container('web', { essential: true, portMappings: [{ containerPort: 80, name: 'http' }] }),
      container('side', { essential: false, portMappings: [{ containerPort: 9102 }] }),
    ],
    extra,
  );
}

/** A CodeDeploy AppSpec for ECS with the CodePipeline placeholder. */
export function appspec(properties: Json = {}, name = 'TargetService'): Json {
  return {
    version: 0.0,
    Resources: [
      {
        [name]: {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: '<TASK_DEFINITION>', LoadBalancerInfo: { ContainerName: 'web', ContainerPort: 80 }, ...properties },
        },
      },
    ],
  };
}

/** A service case: its own file is service.json, with task-definition.json (family web) beside it. */
export const beside = (task: Json = webTask()) => ({ fileName: 'service.json', files: { 'task-definition.json': task } });
export const besideAppSpec = (task: Json = webTask()) => ({ fileName: 'appspec.json', files: { 'taskdef.json': task } });

/** The statement ECS Exec needs in the task role's policy. */
export const ECS_EXEC_STATEMENT = {
  Effect: 'Allow',
  Action: [
    'ssmmessages:CreateControlChannel',
    'ssmmessages:CreateDataChannel',
    'ssmmessages:OpenControlChannel',
    'ssmmessages:OpenDataChannel',
  ],
  Resource: '*',
};
