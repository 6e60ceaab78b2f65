// The task-definition limits and value shapes (facts/task-definition-limits.json), with their patterns
// compiled once. Patterns come from the data file only, never from user text.
import facts from '../facts/task-definition-limits.json';

export interface Range {
  min: number;
  max: number;
  default?: number;
}

export const LIMITS = facts;

export const NAME_PATTERN = new RegExp(facts.namePattern);
export const HEALTH_CHECK_RANGES: Record<'interval' | 'timeout' | 'retries' | 'startPeriod', Range> = facts.healthCheck;
export const DEPENDS_ON_CONDITIONS: Record<string, string> = facts.dependsOnConditions;

export const IMAGE_PATTERNS = {
  digest: new RegExp(facts.image.digestPattern),
  tag: new RegExp(facts.image.tagPattern),
  pathComponent: new RegExp(facts.image.pathComponentPattern),
  domainComponent: new RegExp(facts.image.domainComponentPattern),
  ecrHost: new RegExp(facts.image.ecrHostPattern),
};

export const ARN_PATTERNS = {
  partition: new RegExp(facts.arn.partitionPattern),
  region: new RegExp(facts.arn.regionPattern),
  account: new RegExp(facts.arn.accountPattern),
  secretName: new RegExp(facts.arn.secretNamePattern),
  secretRandomSuffix: new RegExp(facts.arn.secretRandomSuffixPattern),
  ssmParameterName: new RegExp(facts.arn.ssmParameterNamePattern),
  roleName: new RegExp(facts.arn.roleNamePattern),
};
