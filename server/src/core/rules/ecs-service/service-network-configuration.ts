// A task definition in awsvpc mode gets its own network interface, so its service must say where:
// networkConfiguration.awsvpcConfiguration with at least one subnet ("Network Configuration must be provided when
// networkMode 'awsvpc' is specified"); any other mode takes no network configuration ("Network Configuration is
// not valid for the given networkMode of this task definition"). Fargate runs awsvpc only, so a Fargate service
// needs one even when its task definition is not in the workspace. Limits: 16 subnets, 5 security groups;
// assignPublicIp is ENABLED or DISABLED. In an AppSpec the block is optional, but all or none of its settings.
import { ASSIGN_PUBLIC_IP, SERVICE_LIMITS } from '../../ecs-service/facts';
import { type JsonPath, isObject, isPlaceholder } from '../../json';
import { remove, set } from '../../model';
import type { Fix, Report, Rule } from '../../rule';
import { type ServiceView, anchorOf, runsOnFargate } from '../../ecs-service/model';
import { effectiveNetworkMode } from '../../taskdef/model';
import { capitalized, linkedOf, serviceLabel, taskLabel } from './_linked';

interface NetworkData {
  /** Absolute path of the value. */
  path: JsonPath;
  fix: 'remove' | 'set';
  value?: string;
}

const LIMITS = SERVICE_LIMITS;

export const serviceNetworkConfiguration: Rule<NetworkData> = {
  meta: {
    id: 'service-network-configuration',
    title: 'An awsvpc task definition needs a service networkConfiguration with subnets (within the limits); other modes take none',
    defaultSeverity: 'error',
    appliesTo: ['service', 'appspec'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    if (!linked) return;
    const { view, link, task } = linked;
    const mode = task ? effectiveNetworkMode(task) : runsOnFargate(view) ? 'awsvpc' : undefined;
    const known = typeof mode === 'string' && mode !== '' && !isPlaceholder(mode);
    const why = link ? `${capitalized(taskLabel(link, document))} uses network mode ${mode}` : 'Fargate tasks use the awsvpc network mode';
    if (known && mode !== 'awsvpc' && view.networkConfiguration) {
      report({
        path: view.networkConfiguration.path,
        target: 'key',
        message: `${why}, which takes no network configuration: ECS rejects ${serviceLabel(view)} with networkConfiguration ("not valid for the given networkMode").`,
        data: { path: [...subject.path, ...view.networkConfiguration.path], fix: 'remove' },
      });
      return;
    }
    // A network configuration the source could not read (a template expression) may hold anything.
    const written = view.networkConfiguration?.value;
    const unknownBlock = written !== undefined && (!isObject(written) || Object.values(written).some(isPlaceholder));
    if (known && mode === 'awsvpc' && view.form === 'service' && !view.awsvpc && !unknownBlock) {
      report({
        path: view.networkConfiguration?.path ?? anchorOf(view, subject),
        target: view.networkConfiguration ? 'key' : 'value',
        message: `${why}, so ${serviceLabel(view)} needs networkConfiguration.awsvpcConfiguration with its subnets (and security groups); ECS rejects it without.`,
      });
      return;
    }
    checkAwsvpc(view, subject.path, report);
  },
  fix({ data }) {
    if (!data) return [];
    const fixes: Fix[] = [];
    if (data.fix === 'remove') fixes.push({ title: 'Remove networkConfiguration', edits: [remove(data.path)] });
    if (data.fix === 'set' && data.value) {
      fixes.push({ title: `Set assignPublicIp to "${data.value}"`, isPreferred: true, safe: true, edits: [set(data.path, data.value)] });
    }
    return fixes;
  },
};

function checkAwsvpc(view: ServiceView, subjectPath: JsonPath, report: (r: Report<NetworkData>) => void): void {
  const awsvpc = view.awsvpc;
  if (!awsvpc) return;
  const subnets = awsvpc.subnets;
  if (subnets && Array.isArray(subnets.value) && subnets.value.length > LIMITS.subnets) {
    report({
      path: subnets.path,
      message: `${subnets.value.length} subnets: a service takes at most ${LIMITS.subnets}.`,
    });
  } else if (!subnets && view.form === 'service') {
    report({
      path: awsvpc.path,
      target: 'key',
      message: 'awsvpcConfiguration needs at least one subnet ("subnets"); ECS rejects the service without.',
    });
  }
  const groups = awsvpc.securityGroups;
  if (groups && Array.isArray(groups.value) && groups.value.length > LIMITS.securityGroups) {
    report({
      path: groups.path,
      message: `${groups.value.length} security groups: a service takes at most ${LIMITS.securityGroups}.`,
    });
  }
  const publicIp = awsvpc.assignPublicIp;
  if (publicIp && !isPlaceholder(publicIp.value) && !(typeof publicIp.value === 'string' && ASSIGN_PUBLIC_IP.includes(publicIp.value))) {
    const upper =
      typeof publicIp.value === 'string'
        ? publicIp.value.toUpperCase()
        : publicIp.value === true
          ? 'ENABLED'
          : publicIp.value === false
            ? 'DISABLED'
            : '';
    report({
      path: publicIp.path,
      message: `assignPublicIp is "ENABLED" or "DISABLED", not ${JSON.stringify(publicIp.value)}.`,
      data: ASSIGN_PUBLIC_IP.includes(upper) ? { path: [...subjectPath, ...publicIp.path], fix: 'set', value: upper } : undefined,
    });
  }
  if (view.form === 'appspec') {
    const missing = [
      ['Subnets', awsvpc.subnets],
      ['SecurityGroups', awsvpc.securityGroups],
      ['AssignPublicIp', awsvpc.assignPublicIp],
    ]
      .filter(([, field]) => !field)
      .map(([name]) => name as string);
    if (missing.length > 0 && missing.length < 3) {
      report({
        path: awsvpc.path,
        target: 'key',
        message: `An AppSpec's AwsvpcConfiguration gives all of Subnets, SecurityGroups and AssignPublicIp or none of them; this one lacks ${missing.join(' and ')}.`,
      });
    }
  }
}
