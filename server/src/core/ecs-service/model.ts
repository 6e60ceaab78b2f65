// Reading a service subject (ECS CreateService/UpdateService fields, or one service of describe-services
// output) and an AppSpec subject (one ECS resource of a CodeDeploy AppSpec) into one view, so that each
// service rule is written once for both. Every field carries its path relative to the subject, for findings.
//
// What counts as "not set": null, an empty array, and, for fields whose values are one of a list (launchType,
// assignPublicIp, ...), an empty string: ecspresso writes "" for unset values, and the AWS SDK for Go it deploys
// with does not send an empty enum value (facts/ecs-services.json). AppSpec keys are compared without case (the
// CodeDeploy docs write AwsvpcConfiguration, real JSON AppSpecs awsvpcConfiguration).
import { type JsonPath, isObject } from '../json';
import type { Subject } from '../model';

interface Field {
  value: unknown;
  /** Relative to the subject. */
  path: JsonPath;
}

interface LoadBalancerView {
  path: JsonPath;
  containerName?: Field;
  containerPort?: Field;
}

interface AwsvpcView {
  path: JsonPath;
  subnets?: Field;
  securityGroups?: Field;
  assignPublicIp?: Field;
}

interface StrategyItemView {
  path: JsonPath;
  capacityProvider?: Field;
  weight?: Field;
  base?: Field;
}

interface ServiceConnectServiceView {
  path: JsonPath;
  portName?: Field;
}

export interface ServiceView {
  form: 'service' | 'appspec';
  /** The service's or resource's name, for messages (serviceName, or the AppSpec resource name). */
  name?: string;
  taskDefinition?: Field;
  loadBalancers: LoadBalancerView[];
  /** The networkConfiguration block, when written (and not null). */
  networkConfiguration?: Field;
  awsvpc?: AwsvpcView;
  launchType?: Field;
  /** The strategy array, when it has items. */
  capacityProviderStrategy?: Field;
  strategyItems: StrategyItemView[];
  platformVersion?: Field;
  placementConstraints?: Field;
  placementStrategy?: Field;
  schedulingStrategy?: Field;
  healthCheckGracePeriodSeconds?: Field;
  desiredCount?: Field;
  /** deploymentController.type */
  deploymentController?: Field;
  deploymentConfiguration?: Field;
  enableExecuteCommand?: Field;
  serviceConnectEnabled?: Field;
  serviceConnectServices: ServiceConnectServiceView[];
  vpcLatticeConfigurations?: Field;
  serviceRegistries?: Field;
}

/** The path, relative to an AppSpec subject, of its properties. */
const APPSPEC_PROPERTIES = 'Properties';

function unset(value: unknown, isEnum: boolean): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isEnum && value === '');
}

/** Reads fields of one object: exact keys for services, keys without case for AppSpecs. */
class Reader {
  constructor(
    private readonly form: 'service' | 'appspec',
    private readonly object: Record<string, unknown> | undefined,
    private readonly base: JsonPath,
  ) {}

  /** The key as written, for `name`. */
  private keyOf(name: string): string | undefined {
    if (!this.object) return undefined;
    if (Object.prototype.hasOwnProperty.call(this.object, name)) return name;
    if (this.form === 'service') return undefined;
    const lower = name.toLowerCase();
    return Object.keys(this.object).find((k) => k.toLowerCase() === lower);
  }

  field(name: string, isEnum = false): Field | undefined {
    const key = this.keyOf(name);
    if (key === undefined) return undefined;
    const value = this.object![key];
    return unset(value, isEnum) ? undefined : { value, path: [...this.base, key] };
  }

  child(name: string): Reader {
    const field = this.field(name);
    return new Reader(this.form, field && isObject(field.value) ? field.value : undefined, field?.path ?? [...this.base, name]);
  }

  items(name: string): { reader: Reader; path: JsonPath }[] {
    const field = this.field(name);
    if (!field || !Array.isArray(field.value)) return [];
    return field.value.flatMap((item, i) =>
      isObject(item) ? [{ reader: new Reader(this.form, item, [...field.path, i]), path: [...field.path, i] }] : [],
    );
  }

  get path(): JsonPath {
    return this.base;
  }

  get exists(): boolean {
    return this.object !== undefined;
  }
}

/** The view of a service or AppSpec subject; undefined for other subjects. */
export function serviceOf(subject: Subject): ServiceView | undefined {
  if (!isObject(subject.value)) return undefined;
  if (subject.kind === 'service') return read('service', new Reader('service', subject.value, []), subject);
  if (subject.kind !== 'appspec') return undefined;
  const root = new Reader('appspec', subject.value, []);
  const properties = root.child(APPSPEC_PROPERTIES);
  return read('appspec', properties, subject);
}

function read(form: 'service' | 'appspec', r: Reader, subject: Subject): ServiceView {
  const loadBalancers: LoadBalancerView[] =
    form === 'service'
      ? r.items('loadBalancers').map(({ reader, path }) => ({
          path,
          containerName: reader.field('containerName'),
          containerPort: reader.field('containerPort'),
        }))
      : lbInfo(r.child('LoadBalancerInfo'));
  const network = r.field('networkConfiguration');
  const awsvpcReader = r.child('networkConfiguration').child('awsvpcConfiguration');
  const awsvpc: AwsvpcView | undefined = awsvpcReader.exists
    ? {
        path: awsvpcReader.path,
        subnets: awsvpcReader.field('subnets'),
        securityGroups: awsvpcReader.field('securityGroups'),
        assignPublicIp: awsvpcReader.field('assignPublicIp', true),
      }
    : undefined;
  const serviceConnect = r.child('serviceConnectConfiguration');
  const name = form === 'service' ? (r.field('serviceName')?.value ?? r.field('service')?.value) : subject.name;
  return {
    form,
    name: typeof name === 'string' ? name : undefined,
    taskDefinition: r.field('taskDefinition', true),
    loadBalancers,
    networkConfiguration: network,
    awsvpc,
    launchType: r.field('launchType', true),
    capacityProviderStrategy: r.field('capacityProviderStrategy'),
    strategyItems: r.items('capacityProviderStrategy').map(({ reader, path }) => ({
      path,
      capacityProvider: reader.field('capacityProvider', true),
      weight: reader.field('weight'),
      base: reader.field('base'),
    })),
    platformVersion: r.field('platformVersion', true),
    placementConstraints: r.field('placementConstraints'),
    placementStrategy: r.field('placementStrategy'),
    schedulingStrategy: r.field('schedulingStrategy', true),
    healthCheckGracePeriodSeconds: r.field('healthCheckGracePeriodSeconds'),
    desiredCount: r.field('desiredCount'),
    deploymentController: r.child('deploymentController').field('type', true),
    deploymentConfiguration: r.field('deploymentConfiguration'),
    enableExecuteCommand: r.field('enableExecuteCommand'),
    serviceConnectEnabled: serviceConnect.field('enabled'),
    serviceConnectServices: serviceConnect.items('services').map(({ reader, path }) => ({ path, portName: reader.field('portName') })),
    vpcLatticeConfigurations: r.field('vpcLatticeConfigurations'),
    serviceRegistries: r.field('serviceRegistries'),
  };
}

function lbInfo(info: Reader): LoadBalancerView[] {
  if (!info.exists) return [];
  return [{ path: info.path, containerName: info.field('ContainerName'), containerPort: info.field('ContainerPort') }];
}

/** A port as written: a whole number, or (AppSpecs write "80") a string of digits. */
export function portNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,5}$/.test(value)) return Number(value);
  return undefined;
}

/** A whole number, also from a string of digits (AppSpec and template values). */
export function wholeNumberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,10}$/.test(value)) return Number(value);
  return undefined;
}

/** The service runs on Fargate: launchType FARGATE, or a strategy of Fargate capacity providers only. */
export function runsOnFargate(view: ServiceView): boolean | undefined {
  const launchType = view.launchType?.value;
  if (typeof launchType === 'string') return launchType.toUpperCase() === 'FARGATE';
  const providers = view.strategyItems.map((i) => i.capacityProvider?.value);
  if (providers.length === 0 || providers.some((p) => typeof p !== 'string')) return undefined;
  return providers.every((p) => p === 'FARGATE' || p === 'FARGATE_SPOT');
}

/** Where a finding about the whole service goes: its task definition, else its name, else the first key. */
export function anchorOf(view: ServiceView, subject: Subject): JsonPath {
  if (view.taskDefinition) return view.taskDefinition.path;
  if (view.form === 'appspec') return [APPSPEC_PROPERTIES];
  const value = isObject(subject.value) ? subject.value : {};
  for (const key of ['serviceName', 'service', 'launchType']) if (key in value) return [key];
  const first = Object.keys(value)[0];
  return first === undefined ? [] : [first];
}
