// Parameters that Fargate rejects at registration (or that make the task fail), all reported at once.
import { type ParameterFixData, parameterFixes, reportParameters } from './_parameter-findings';
import { findParameters } from '../../taskdef/fargate-parameters';
import type { Rule } from '../../rule';
import { isWindows, requiresFargate, taskOf } from '../../taskdef/model';

export const fargateUnsupportedParameter: Rule<ParameterFixData> = {
  meta: {
    id: 'fargate-unsupported-parameter',
    title: 'Parameters that Fargate does not support',
    defaultSeverity: 'error',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check(context) {
    const task = taskOf(context.subject);
    if (!requiresFargate(task)) return;
    let hits = findParameters(context.subject, 'fargate');
    if (isWindows(task)) {
      // fargate-windows-unsupported reports a whole block (linuxParameters) that Windows cannot have at all;
      // the parts of it are not reported again here.
      const blocks = findParameters(context.subject, 'windows').map((h) => h.path);
      hits = hits.filter((h) => !blocks.some((b) => b.length < h.path.length && b.every((segment, i) => segment === h.path[i])));
    }
    reportParameters(context, 'fargate', hits);
  },
  fix: parameterFixes,
};
