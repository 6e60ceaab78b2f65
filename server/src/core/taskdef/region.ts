// Guessing the task's Region from what the file already says, for fixes that must write one.
import { isObject, isPlaceholder } from '../json';

export interface RegionHint {
  region: string;
  /** Where it was found, for the fix title: "awslogs-region", "ECR image", "ARN". */
  from: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ARN_REGION = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d+):/;
const ECR_HOST = /^\d{12}\.dkr[.-]ecr(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)\//;

function isRegion(value: unknown): value is string {
  return typeof value === 'string' && REGION.test(value);
}

/**
 * The Region the file points at: another container's awslogs-region first, then the Region of a private
 * ECR image, then the Region of any ARN (secrets, parameters, log groups). Undefined when nothing says.
 */
// The model never changes once built: each task definition is searched once, however many rules ask.
const hints = new WeakMap<object, RegionHint | undefined>();

export function regionHint(value: unknown): RegionHint | undefined {
  if (!isObject(value)) return searchRegion(value);
  if (!hints.has(value)) hints.set(value, searchRegion(value));
  return hints.get(value);
}

function searchRegion(value: unknown): RegionHint | undefined {
  const found: Record<string, string | undefined> = {};
  // One walk, in document order; the first awslogs-region wins over anything else, so it ends the walk. A
  // string is tested only for what it can still give: an ARN only until one is found, and only when it
  // starts like one.
  const visit = (node: unknown, key: string | undefined, depth: number): void => {
    if (depth > 64 || found.awslogs) return;
    if (typeof node === 'string') {
      if (key === 'awslogs-region' && isRegion(node)) {
        if (!isPlaceholder(node)) found.awslogs = node;
      } else if (key === 'image') {
        if (found.ecr === undefined && !isPlaceholder(node)) found.ecr = ECR_HOST.exec(node)?.[1];
      } else if (found.arn === undefined && node.startsWith('arn:aws') && !isPlaceholder(node)) {
        found.arn = ARN_REGION.exec(node)?.[1];
      }
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, key, depth + 1);
    } else if (isObject(node)) {
      for (const k of Object.keys(node)) visit(node[k], k, depth + 1);
    }
  };
  visit(value, undefined, 0);
  if (found.awslogs) return { region: found.awslogs, from: 'awslogs-region' };
  if (found.ecr) return { region: found.ecr, from: 'ECR image' };
  if (found.arn) return { region: found.arn, from: 'ARN' };
  return undefined;
}
