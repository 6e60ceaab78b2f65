// Where a task definition lives (partition, Region, account), as far as the file itself tells: from its
// role ARNs, private ECR images, awslogs Region and secret ARNs. Used to write ARNs that fit the file.
import { parseArn } from '../arn';
import { isObject, scalarText } from '../json';
import type { Subject } from '../model';
import { isPlaceholderField } from './containers';
import { parseImage } from './image';
import { ARN_PATTERNS } from './limits';
import { containersOf, taskOf } from './model';

export interface TaskLocation {
  partition?: string;
  region?: string;
  account?: string;
}

export function taskLocation(subject: Subject): TaskLocation {
  const found: TaskLocation = {};
  const take = (partition?: string, region?: string, account?: string) => {
    if (!found.partition && partition && ARN_PATTERNS.partition.test(partition)) found.partition = partition;
    if (!found.region && region && ARN_PATTERNS.region.test(region) && !isPlaceholderField(region)) found.region = region;
    if (!found.account && account && ARN_PATTERNS.account.test(account) && !isPlaceholderField(account)) found.account = account;
  };
  const fromArn = (text: unknown) => {
    const arn = typeof text === 'string' ? parseArn(text) : undefined;
    if (arn) take(arn.partition, arn.region, arn.account);
  };
  const task = taskOf(subject);
  if (task) {
    fromArn(task.executionRoleArn);
    fromArn(task.taskRoleArn);
  }
  for (const container of containersOf(subject)) {
    if (typeof container.value.image === 'string') {
      const image = parseImage(container.value.image);
      if (image.registryKind === 'ecr') take(image.partition, image.region, image.account);
    }
    const log = container.value.logConfiguration;
    if (isObject(log) && isObject(log.options)) take(undefined, scalarText(log.options['awslogs-region']) ?? '');
    const secrets = container.value.secrets;
    if (Array.isArray(secrets)) for (const secret of secrets) if (isObject(secret)) fromArn(secret.valueFrom);
  }
  return found;
}
