// Where a service's tasks run: a launchType or a capacityProviderStrategy, never both ("If a launchType is
// specified, the capacityProviderStrategy parameter must be omitted"); Fargate places tasks itself, so a
// Fargate service takes no placementConstraints or placementStrategy, and no DAEMON scheduling; Windows tasks
// cannot use FARGATE_SPOT; a strategy holds at most 20 providers, Fargate ones or others but not both, at most
// one with a base, weights 0-1000 of which one is above zero when there are several. An empty launchType (as
// ecspresso writes it) is no launch type: the AWS SDK it deploys with does not send it.
import { FARGATE_CAPACITY_PROVIDERS, LAUNCH_TYPES, SERVICE_LIMITS } from '../../ecs-service/facts';
import { type JsonPath, isPlaceholder, valueText } from '../../json';
import { remove, set } from '../../model';
import type { Fix, Report, Rule } from '../../rule';
import { type ServiceView, runsOnFargate, wholeNumberOf } from '../../ecs-service/model';
import { isWindows } from '../../taskdef/model';
import { capitalized, linkedOf, serviceLabel, taskLabel } from './_linked';

interface LaunchData {
  fixes: { title: string; op: 'remove' | 'set'; path: JsonPath; value?: string }[];
}

const LIMITS = SERVICE_LIMITS;
const FARGATE_PROVIDERS = FARGATE_CAPACITY_PROVIDERS;

export const serviceLaunchType: Rule<LaunchData> = {
  meta: {
    id: 'service-launch-type',
    title: 'launchType and capacityProviderStrategy exclude each other; Fargate services take no placement rules; valid strategies',
    defaultSeverity: 'error',
    appliesTo: ['service', 'appspec'],
    fixable: true,
  },
  check({ subject, model, document, report }) {
    const linked = linkedOf(subject, model, document);
    if (!linked) return;
    const { view, link, task } = linked;
    const at = (path: JsonPath) => [...subject.path, ...path];
    const launchType = view.launchType;
    if (launchType && typeof launchType.value === 'string' && !isPlaceholder(launchType.value)) {
      if (!LAUNCH_TYPES.includes(launchType.value)) {
        const upper = launchType.value.toUpperCase();
        report({
          path: launchType.path,
          message: `launchType is one of ${LAUNCH_TYPES.join(', ')}, not ${JSON.stringify(launchType.value)}.`,
          data: LAUNCH_TYPES.includes(upper)
            ? { fixes: [{ title: `Set launchType to "${upper}"`, op: 'set', path: at(launchType.path), value: upper }] }
            : undefined,
        });
      }
      if (view.capacityProviderStrategy) {
        report({
          path: launchType.path,
          message: `${capitalized(serviceLabel(view))} has both a launchType and a capacityProviderStrategy; ECS takes one or the other. Remove launchType to let the strategy place the tasks, or the strategy to use the launch type.`,
          data: {
            fixes: [
              { title: 'Remove launchType (keep the capacity provider strategy)', op: 'remove', path: at(launchType.path) },
              {
                title: 'Remove capacityProviderStrategy (keep the launch type)',
                op: 'remove',
                path: at(view.capacityProviderStrategy.path),
              },
            ],
          },
        });
      }
    }
    const fargate = runsOnFargate(view);
    if (fargate) {
      for (const [field, name] of [
        [view.placementConstraints, 'placementConstraints'],
        [view.placementStrategy, 'placementStrategy'],
      ] as const) {
        if (!field) continue;
        report({
          path: field.path,
          target: 'key',
          message: `Fargate places tasks itself: ECS rejects a Fargate service with ${name} ("not supported with FARGATE launch type").`,
          data: { fixes: [{ title: `Remove ${name}`, op: 'remove', path: at(field.path) }] },
        });
      }
      const scheduling = view.schedulingStrategy;
      if (scheduling?.value === 'DAEMON') {
        report({
          path: scheduling.path,
          message: 'Fargate services use the REPLICA scheduling strategy; DAEMON (one task per container instance) needs EC2.',
          data: { fixes: [{ title: 'Set schedulingStrategy to "REPLICA"', op: 'set', path: at(scheduling.path), value: 'REPLICA' }] },
        });
      }
    }
    checkStrategy(view, report);
    if (task && link && isWindows(task)) {
      const spot = view.strategyItems.find((i) => i.capacityProvider?.value === 'FARGATE_SPOT');
      if (spot?.capacityProvider) {
        const hasFargate = view.strategyItems.some((i) => i.capacityProvider?.value === 'FARGATE');
        report({
          path: spot.capacityProvider.path,
          message: `${capitalized(taskLabel(link, document))} runs Windows containers, and Fargate Spot does not run Windows tasks: use the FARGATE capacity provider.`,
          data: {
            fixes: hasFargate
              ? [{ title: 'Remove the FARGATE_SPOT provider', op: 'remove', path: at(spot.path) }]
              : [{ title: 'Use FARGATE instead of FARGATE_SPOT', op: 'set', path: at(spot.capacityProvider.path), value: 'FARGATE' }],
          },
        });
      }
    }
  },
  fix({ data }) {
    if (!data) return [];
    return data.fixes.map((f, i): Fix => ({
      title: f.title,
      isPreferred: i === 0 || undefined,
      edits: [f.op === 'remove' ? remove(f.path) : set(f.path, f.value)],
    }));
  },
};

function checkStrategy(view: ServiceView, report: (r: Report<LaunchData>) => void): void {
  const strategy = view.capacityProviderStrategy;
  if (!strategy || !Array.isArray(strategy.value)) return;
  const items = view.strategyItems;
  if (strategy.value.length > LIMITS.capacityProviders) {
    report({
      path: strategy.path,
      target: 'key',
      message: `A capacity provider strategy holds at most ${LIMITS.capacityProviders} providers, not ${strategy.value.length}.`,
    });
  }
  const providers = items.map((i) => i.capacityProvider?.value);
  if (providers.every((p) => typeof p === 'string' && !isPlaceholder(p))) {
    const fargate = providers.filter((p) => FARGATE_PROVIDERS.includes(p as string));
    if (fargate.length > 0 && fargate.length < providers.length) {
      report({
        path: strategy.path,
        target: 'key',
        message: `A capacity provider strategy holds Fargate providers (${FARGATE_PROVIDERS.join(', ')}) or others (Auto Scaling groups), not both: ${(providers as string[]).join(', ')}.`,
      });
    }
  }
  const withBase = items.filter((i) => (wholeNumberOf(i.base?.value) ?? 0) > 0);
  if (withBase.length > 1) {
    report({
      path: withBase[1].base!.path,
      message: `Only one capacity provider of a strategy may have a base; ${withBase.map((i) => (typeof i.capacityProvider?.value === 'string' ? i.capacityProvider.value : valueText(i.capacityProvider?.value ?? null))).join(' and ')} both have one.`,
    });
  }
  for (const item of items) {
    for (const [field, range, name] of [
      [item.weight, LIMITS.weight, 'weight'],
      [item.base, LIMITS.base, 'base'],
    ] as const) {
      const n = wholeNumberOf(field?.value);
      if (field && n !== undefined && (n < range.min || n > range.max)) {
        report({ path: field.path, message: `A capacity provider's ${name} is between ${range.min} and ${range.max}, not ${n}.` });
      }
    }
  }
  const weights = items.map((i) => (i.weight ? wholeNumberOf(i.weight.value) : 0));
  if (items.length > 1 && items.length === strategy.value.length && weights.every((w) => w === 0)) {
    report({
      path: strategy.path,
      target: 'key',
      message:
        'Every capacity provider of this strategy has weight 0 (the default): with several providers, one needs a weight above 0, or ECS rejects the service.',
    });
  }
}
