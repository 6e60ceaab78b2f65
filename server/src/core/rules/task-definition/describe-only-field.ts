// Fields that describe-task-definition returns but register-task-definition rejects.
import { hasKey, isObject } from '../../json';
import { remove } from '../../model';
import type { Rule } from '../../rule';
import { taskOf } from '../../taskdef/model';

/** Source: botocore ECS model (TaskDefinition vs RegisterTaskDefinitionRequest), and the list that
 *  aws-actions/amazon-ecs-deploy-task-definition strips before registering (checked 2026-11). */
export const DESCRIBE_ONLY_FIELDS = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
  'deleteRequestedAt',
] as const;

export const describeOnlyField: Rule = {
  meta: {
    id: 'describe-only-field',
    title: 'Field from describe-task-definition output that register-task-definition rejects',
    defaultSeverity: 'information',
    appliesTo: ['task-definition'],
    fixable: true,
  },
  check({ subject, report }) {
    const task = taskOf(subject);
    if (!task) return;
    for (const field of DESCRIBE_ONLY_FIELDS) {
      if (!hasKey(task, field)) continue;
      report({
        path: [field],
        target: 'key',
        message: `"${field}" is part of describe-task-definition output; register-task-definition rejects it as an unknown parameter. Remove it before registering (the GitHub deploy action drops it for you).`,
      });
    }
  },
  fix({ subject, subjectPath }) {
    const task = subject.value;
    if (!isObject(task)) return [];
    const present = DESCRIBE_ONLY_FIELDS.filter((f) => hasKey(task, f));
    return [
      {
        title: `Remove describe-only fields (${present.join(', ')})`,
        safe: true,
        isPreferred: true,
        edits: present.map((f) => remove([...subjectPath, f])),
      },
    ];
  },
};
