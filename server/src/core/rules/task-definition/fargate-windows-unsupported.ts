// Windows containers on Fargate: the Linux-only parameters (user, linuxParameters, ulimits, FireLens, EFS, ...).
import { type ParameterFixData, parameterFixes, reportParameters } from './_parameter-findings';
import type { Rule } from '../../rule';
import { isWindows, requiresFargate, taskOf } from '../../taskdef/model';

export const fargateWindowsUnsupported: Rule<ParameterFixData> = {
  meta: {
    id: 'fargate-windows-unsupported',
    title: 'Parameters that Windows containers on Fargate do not support',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check(context) {
    const task = taskOf(context.subject);
    if (!requiresFargate(task) || !isWindows(task)) return;
    reportParameters(context, 'windows');
  },
  fix: parameterFixes,
};
