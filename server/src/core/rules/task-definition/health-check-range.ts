// Health check timing: interval 5-300 s, timeout 2-60 s, retries 1-10, startPeriod 0-300 s.
import { isObject } from '../../json';
import type { Rule } from '../../rule';
import { isWrittenCommand } from './health-check-command';
import { HEALTH_CHECK_RANGES } from '../../taskdef/limits';
import { containersOf } from '../../taskdef/model';

const UNITS: Record<string, string> = { interval: ' seconds', timeout: ' seconds', retries: '', startPeriod: ' seconds' };

export const healthCheckRange: Rule = {
  meta: {
    id: 'health-check-range',
    title: 'healthCheck interval 5-300, timeout 2-60, retries 1-10, startPeriod 0-300',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      const check = container.value.healthCheck;
      // The timings apply only to a command; without one (or in a CLI skeleton's [""]) there is nothing to time.
      if (!isObject(check) || !isWrittenCommand(check.command)) continue;
      for (const [field, range] of Object.entries(HEALTH_CHECK_RANGES)) {
        const value = check[field];
        const number = typeof value === 'number' ? value : undefined;
        if (number === undefined || (number >= range.min && number <= range.max)) continue;
        const unit = UNITS[field];
        const fallback = range.default === undefined ? '' : ` (default ${range.default}${unit})`;
        report({
          path: [...container.path, 'healthCheck', field],
          message: `healthCheck.${field} is ${number}${unit}; ECS accepts ${range.min} to ${range.max}${unit}${fallback}.`,
        });
      }
    }
  },
};
