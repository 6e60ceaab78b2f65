// What ECS accepts in a service and what ECS Exec needs (facts/ecs-services.json, with its sources): the one
// module that reads the file.
import facts from '../facts/ecs-services.json';

export const LAUNCH_TYPES: readonly string[] = facts.launchTypes;
export const FARGATE_CAPACITY_PROVIDERS: readonly string[] = facts.fargateCapacityProviders;
export const ASSIGN_PUBLIC_IP: readonly string[] = facts.assignPublicIp;
export const DEPLOYMENT_CONTROLLERS: readonly string[] = facts.deploymentControllers;
export const SERVICE_LIMITS = facts.limits;
/** The task role's actions ECS Exec needs, and on what. */
export const ECS_EXEC = facts.ecsExec;
