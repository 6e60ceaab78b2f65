// environmentFiles: up to 10 S3 objects (by ARN) whose names end in .env, type "s3".
import type { Rule } from '../../rule';
import { isTemplated, objectItems } from '../../taskdef/containers';
import { LIMITS } from '../../taskdef/limits';
import { containersOf } from '../../taskdef/model';

const S3_OBJECT_ARN = /^arn:aws(?:-[a-z]+)*:s3:::([^/]+)\/(.+)$/;

function valueProblem(value: string): string | undefined {
  if (value.startsWith('s3://')) return 'it is an S3 URL; ECS wants the object ARN, e.g. arn:aws:s3:::bucket/path/app.env';
  const match = S3_OBJECT_ARN.exec(value);
  if (!match) return 'it is not an S3 object ARN such as arn:aws:s3:::bucket/path/app.env';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(match[1])) return `"${match[1]}" is not an S3 bucket name`;
  if (!match[2].endsWith(LIMITS.environmentFiles.extension)) return `the file must have the ${LIMITS.environmentFiles.extension} extension`;
  return undefined;
}

export const environmentFiles: Rule = {
  meta: {
    id: 'environment-files',
    title: 'environmentFiles: at most 10 S3 object ARNs ending in .env, type "s3"',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    const { max, type } = LIMITS.environmentFiles;
    for (const container of containersOf(subject)) {
      const files = objectItems(container.value, container.path, 'environmentFiles');
      if (files.length > max) {
        report({
          path: files[max].path,
          message: `This is environment file ${max + 1} of ${files.length}; a container takes at most ${max}.`,
        });
      }
      for (const file of files) {
        const value = file.value.value;
        if (typeof value === 'string' && value !== '' && !isTemplated(value)) {
          const problem = valueProblem(value);
          if (problem)
            report({ path: [...file.path, 'value'], message: `Environment file ${JSON.stringify(value)} cannot be read: ${problem}.` });
        }
        if (typeof file.value.type === 'string' && file.value.type !== type) {
          report({
            path: [...file.path, 'type'],
            message: `Environment file type ${JSON.stringify(file.value.type)} is not supported; the only type is "${type}".`,
          });
        }
      }
    }
  },
};
