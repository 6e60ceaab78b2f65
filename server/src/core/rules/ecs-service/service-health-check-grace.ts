// healthCheckGracePeriodSeconds is how long the service scheduler ignores failing health checks of a new task:
// Elastic Load Balancing, VPC Lattice and container health checks (the ECS API reference; it once was for load
// balancers only). A service with none of them gains nothing from it, which usually means a load balancer or a
// health check was forgotten. The value is 0 to 2,147,483,647 seconds.
import { SERVICE_LIMITS } from '../../ecs-service/facts';
import { type JsonPath, isObject } from '../../json';
import { remove } from '../../model';
import { formatCount } from '../../messages';
import type { Rule } from '../../rule';
import { wholeNumberOf } from '../../ecs-service/model';
import { containersOf, taskOf } from '../../taskdef/model';
import { capitalized, linkedOf, serviceLabel, taskLabel } from './_linked';

interface GraceData {
  /** Absolute path of healthCheckGracePeriodSeconds. */
  path: JsonPath;
}

const RANGE = SERVICE_LIMITS.healthCheckGracePeriodSeconds;

export const serviceHealthCheckGrace: Rule<GraceData> = {
  meta: {
    id: 'service-health-check-grace',
    title: 'healthCheckGracePeriodSeconds is for services with a load balancer, VPC Lattice or container health checks',
    defaultSeverity: 'warning',
    appliesTo: ['service'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    const field = linked?.view.healthCheckGracePeriodSeconds;
    if (!linked || !field) return;
    const seconds = wholeNumberOf(field.value);
    if (seconds === undefined) return;
    if (seconds < RANGE.min || seconds > RANGE.max) {
      report({
        path: field.path,
        severity: 'error',
        message: `healthCheckGracePeriodSeconds is between ${RANGE.min} and ${formatCount(RANGE.max)} seconds, not ${seconds}.`,
      });
      return;
    }
    const { view, link } = linked;
    if (seconds === 0 || view.loadBalancers.length > 0 || view.vpcLatticeConfigurations || !link) return;
    // Every container must be written out to know that none has a health check.
    const definitions = taskOf(link.subject)?.containerDefinitions;
    if (!Array.isArray(definitions) || !definitions.every(isObject)) return;
    if (containersOf(link.subject).some((c) => c.value.healthCheck !== undefined && c.value.healthCheck !== null)) return;
    report({
      path: field.path,
      message: `${capitalized(serviceLabel(view))} has no load balancer, no VPC Lattice target and no container health check in ${taskLabel(link, document)}, so its ${seconds}-second health check grace period has nothing to apply to. Add the load balancer or health check it was meant for, or remove the setting.`,
      data: { path: [...subject.path, ...field.path] },
    });
  },
  fix({ data }) {
    if (!data) return [];
    return [{ title: 'Remove healthCheckGracePeriodSeconds', edits: [remove(data.path)] }];
  },
};
