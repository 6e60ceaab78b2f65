// Fargate sends container output only through awslogs, splunk or awsfirelens.
import { set } from '../../model';
import { type JsonPath, isPlaceholder, valueAt } from '../../json';
import type { Rule } from '../../rule';
import { FARGATE_LOG_DRIVERS, awslogsDefaults, logConfigurationsOf } from '../../taskdef/logging';
import { requiresFargate, taskOf } from '../../taskdef/model';

interface LogDriverFixData {
  /** Relative to the subject: the logConfiguration object. */
  config: JsonPath;
}

export const fargateLogDriver: Rule<LogDriverFixData> = {
  meta: {
    id: 'fargate-log-driver',
    title: 'Fargate supports only the awslogs, splunk and awsfirelens log drivers',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    if (!requiresFargate(taskOf(subject))) return;
    for (const config of logConfigurationsOf(subject)) {
      const driver = config.value.logDriver;
      if (typeof driver !== 'string' || FARGATE_LOG_DRIVERS.includes(driver) || isPlaceholder(driver)) continue;
      report({
        path: [...config.path, 'logDriver'],
        message: `Fargate supports only the awslogs, splunk and awsfirelens log drivers, not ${JSON.stringify(driver)} (container "${config.container}"): a Fargate task has no host where ${driver} could write or run.`,
        data: { config: config.path },
      });
    }
  },
  fix({ subject, subjectPath, data: d }) {
    if (!d || !Array.isArray(d.config)) return [];
    const configPath = [...subjectPath, ...d.config];
    const { placeholderRegion, ...options } = awslogsDefaults(subject.value, valueAt(subject.value, d.config.slice(0, -1)));
    return [
      {
        title: `Send the logs to CloudWatch Logs instead (awslogs, group "${options['awslogs-group']}", Region ${options['awslogs-region']}${placeholderRegion ? ' (placeholder: check it)' : ''})`,
        isPreferred: true,
        edits: [set(configPath, { logDriver: 'awslogs', options })],
      },
    ].filter((f) => f.edits.length > 0);
  },
};
