// How a service replaces its tasks. With the rolling update (ECS deployment controller) minimumHealthyPercent and
// maximumPercent must leave room to move: if the service may neither stop a task (the minimum keeps them all) nor
// start one (the maximum is reached), the deployment never progresses. DAEMON services take no maximumPercent
// above 100 (ECS: "The daemon scheduling strategy does not support values above 100 for maximumPercent"). The
// deployment circuit breaker needs both enable and rollback, and works with the ECS controller only. The
// controller is ECS, CODE_DEPLOY or EXTERNAL; CODE_DEPLOY needs a load balancer and REPLICA scheduling, and a
// CodeDeploy AppSpec beside a service means that service must use CODE_DEPLOY.
import { DEPLOYMENT_CONTROLLERS, SERVICE_LIMITS } from '../../ecs-service/facts';
import { type JsonPath, isObject, isPlaceholder } from '../../json';
import { set } from '../../model';
import type { Fix, RelatedLocation, Report, Rule } from '../../rule';
import { linkedTaskDefinition } from '../../ecs-service/link';
import { type ServiceView, anchorOf, wholeNumberOf } from '../../ecs-service/model';
import { basenameOf, dirnameOf, sameUri } from '../../uris';
import type { DocumentContext } from '../../workspace';
import { workspaceSubjects } from '../../workspace-subjects';
import { type Linked, capitalized, linkedOf, serviceLabel } from './_linked';

interface DeploymentData {
  fixes: { title: string; path: JsonPath; value: unknown }[];
}

export const serviceDeploymentConfiguration: Rule<DeploymentData> = {
  meta: {
    id: 'service-deployment-configuration',
    title: 'Deployment percentages that let a deployment progress, a complete circuit breaker, and the deployment controller that fits',
    defaultSeverity: 'error',
    appliesTo: ['service'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    if (!linked) return;
    const { view } = linked;
    const at = (path: JsonPath) => [...subject.path, ...path];
    const controllerField = view.deploymentController;
    const written = controllerField?.value;
    const controller = !controllerField ? 'ECS' : typeof written === 'string' && !isPlaceholder(written) ? written : undefined;
    if (
      controllerField &&
      typeof controllerField.value === 'string' &&
      !isPlaceholder(controllerField.value) &&
      !DEPLOYMENT_CONTROLLERS.includes(controllerField.value)
    ) {
      const upper = controllerField.value.toUpperCase();
      report({
        path: controllerField.path,
        message: `The deployment controller type is one of ${DEPLOYMENT_CONTROLLERS.join(', ')}, not ${JSON.stringify(controllerField.value)}.`,
        data: DEPLOYMENT_CONTROLLERS.includes(upper)
          ? { fixes: [{ title: `Set the type to "${upper}"`, path: at(controllerField.path), value: upper }] }
          : undefined,
      });
      return;
    }
    const daemon = view.schedulingStrategy?.value === 'DAEMON';
    checkPercentages(view, controller, daemon, at, report);
    checkCircuitBreaker(view, controller, report);
    if (controller === 'CODE_DEPLOY' || controller === 'EXTERNAL') {
      if (daemon) {
        report({
          path: view.schedulingStrategy!.path,
          message: `The ${controller} deployment controller works with REPLICA scheduling only, not DAEMON.`,
          data: { fixes: [{ title: 'Set schedulingStrategy to "REPLICA"', path: at(view.schedulingStrategy!.path), value: 'REPLICA' }] },
        });
      }
      if (
        controller === 'CODE_DEPLOY' &&
        view.loadBalancers.length === 0 &&
        view.form === 'service' &&
        !isPlaceholder(loadBalancersValue(subject.value))
      ) {
        report({
          path: controllerField!.path,
          message:
            'A CODE_DEPLOY (blue/green) service needs an Application or Network Load Balancer in loadBalancers: CodeDeploy shifts traffic between two target groups.',
        });
      }
    }
    if (controller !== 'CODE_DEPLOY' && controller !== undefined)
      checkAppSpecBeside(linked, subject.path, document, controller, controllerField?.path ?? anchorOf(view, subject), report);
  },
  fix({ data }) {
    if (!data) return [];
    return data.fixes.map((f, i): Fix => ({ title: f.title, isPreferred: i === 0 || undefined, edits: [set(f.path, f.value)] }));
  },
};

function loadBalancersValue(value: unknown): unknown {
  return isObject(value) ? value.loadBalancers : undefined;
}

function percentOf(
  configuration: Record<string, unknown> | undefined,
  key: string,
): { value?: number; written: boolean; unknown: boolean } {
  const raw = configuration?.[key];
  if (raw === undefined || raw === null) return { written: false, unknown: false };
  const value = wholeNumberOf(raw);
  return { value, written: true, unknown: value === undefined };
}

function checkPercentages(
  view: ServiceView,
  controller: string | undefined,
  daemon: boolean,
  at: (path: JsonPath) => JsonPath,
  report: (r: Report<DeploymentData>) => void,
): void {
  const field = view.deploymentConfiguration;
  const configuration = field && isObject(field.value) ? field.value : undefined;
  const path = (key: string) => [...(field?.path ?? ['deploymentConfiguration']), key];
  const min = percentOf(configuration, 'minimumHealthyPercent');
  const max = percentOf(configuration, 'maximumPercent');
  for (const [key, p] of [
    ['minimumHealthyPercent', min],
    ['maximumPercent', max],
  ] as const) {
    if (p.value !== undefined && p.value < 0)
      report({ path: path(key), message: `${key} is a percentage of desiredCount: it cannot be negative (${p.value}).` });
  }
  if (daemon && max.value !== undefined && max.value > SERVICE_LIMITS.daemonMaximumPercent) {
    report({
      path: path('maximumPercent'),
      message: `A DAEMON service runs one task per instance and takes no maximumPercent above 100 (this one is ${max.value}); ECS rejects it.`,
      data: { fixes: [{ title: 'Set maximumPercent to 100', path: at(path('maximumPercent')), value: 100 }] },
    });
    return;
  }
  // The rolling update of a REPLICA service: defaults 100 and 200.
  const strategy = configuration?.strategy;
  if (
    controller !== 'ECS' ||
    daemon ||
    (strategy !== undefined && strategy !== null && strategy !== 'ROLLING') ||
    min.unknown ||
    max.unknown
  )
    return;
  const minimum = min.value ?? 100;
  const maximum = max.value ?? 200;
  if (minimum < 0 || maximum < 0) return;
  const desired = wholeNumberOf(view.desiredCount?.value);
  if (view.desiredCount && desired === undefined) return;
  const stuck = (n: number) => Math.ceil((n * minimum) / 100) >= n && Math.floor((n * maximum) / 100) <= n;
  const blocked = desired !== undefined ? desired > 0 && stuck(desired) : minimum >= 100 && maximum <= 100;
  if (!blocked) return;
  const tasks = desired !== undefined ? `${desired} task${desired === 1 ? '' : 's'}` : 'its tasks';
  const target = max.written
    ? path('maximumPercent')
    : min.written
      ? path('minimumHealthyPercent')
      : (field?.path ?? ['deploymentConfiguration']);
  report({
    path: target,
    message: `With minimumHealthyPercent ${minimum} and maximumPercent ${maximum}, a rolling deployment of ${tasks} may neither stop an old task nor start a new one, so it never progresses. Raise maximumPercent above 100 (start new tasks first) or lower minimumHealthyPercent (stop old ones first).`,
    data: configuration ? { fixes: [{ title: 'Set maximumPercent to 200', path: at(path('maximumPercent')), value: 200 }] } : undefined,
  });
}

function checkCircuitBreaker(view: ServiceView, controller: string | undefined, report: (r: Report<DeploymentData>) => void): void {
  const field = view.deploymentConfiguration;
  const configuration = field && isObject(field.value) ? field.value : undefined;
  const breaker = configuration?.deploymentCircuitBreaker;
  if (!isObject(breaker) || !field) return;
  const path: JsonPath = [...field.path, 'deploymentCircuitBreaker'];
  const missing = ['enable', 'rollback'].filter((key) => breaker[key] === undefined || breaker[key] === null);
  const wrong = ['enable', 'rollback'].filter(
    (key) => breaker[key] !== undefined && breaker[key] !== null && typeof breaker[key] !== 'boolean' && !isPlaceholder(breaker[key]),
  );
  if (missing.length) {
    report({
      path,
      target: 'key',
      message: `The deployment circuit breaker needs both "enable" and "rollback"; ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
    });
  }
  for (const key of wrong) report({ path: [...path, key], message: `"${key}" is true or false, not ${JSON.stringify(breaker[key])}.` });
  if (breaker.enable === true && controller !== undefined && controller !== 'ECS') {
    report({
      path: [...path, 'enable'],
      message: `The deployment circuit breaker works with the rolling update (ECS deployment controller) only; this service uses ${controller}.`,
    });
  }
}

/** An AppSpec in the service's folder (for the same task definition, when both are known) is for CodeDeploy. */
function checkAppSpecBeside(
  linked: Linked,
  subjectPath: JsonPath,
  document: DocumentContext,
  controller: string,
  path: JsonPath,
  report: (r: Report<DeploymentData>) => void,
): void {
  const { workspace, uri } = document;
  if (!workspace || !uri) return;
  const folder = dirnameOf(uri);
  const related: RelatedLocation[] = [];
  for (const { file, subject: appspec } of workspaceSubjects(workspace).ofKind('appspec')) {
    if (sameUri(file.uri, uri) || !sameUri(dirnameOf(file.uri), folder)) continue;
    const other = linkedTaskDefinition(appspec, file.model, { uri: file.uri, workspace }).link;
    const same = !other || !linked.link || (other.uri === linked.link.uri && samePath(other.subject.path, linked.link.subject.path));
    if (same) related.push({ file: file.uri, path: appspec.path, message: 'the CodeDeploy AppSpec' });
  }
  if (related.length === 0) return;
  const service = linked.view;
  report({
    path,
    severity: 'warning',
    message: `${capitalized(serviceLabel(service))} uses the ${controller} deployment controller, but ${basenameOf(related[0].file!)} beside it is a CodeDeploy AppSpec: a blue/green deployment with it fails unless the service is created with deploymentController CODE_DEPLOY.`,
    related,
    data: {
      fixes: [
        service.deploymentController
          ? {
              title: 'Set the deployment controller to CODE_DEPLOY',
              path: [...subjectPath, ...service.deploymentController.path],
              value: 'CODE_DEPLOY',
            }
          : {
              title: 'Set the deployment controller to CODE_DEPLOY',
              path: [...subjectPath, 'deploymentController'],
              value: { type: 'CODE_DEPLOY' },
            },
      ],
    },
  });
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
