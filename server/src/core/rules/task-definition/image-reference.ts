// The image must be a reference that ECS registers and the container runtime can pull.
import type { Rule } from '../../rule';
import { type ImageProblem, imageProblems, parseImage } from '../../taskdef/image';
import { isTemplated } from '../../taskdef/containers';
import { containersOf } from '../../taskdef/model';

/** Upper-case words such as IMAGE, ACCOUNT_ID or REPLACED_BY_CI are fill-in-later placeholders, not names. */
const SHOUTED = /^(?=[^a-z]*[A-Z])[A-Z0-9_]+$/;

function isPlaceholderProblem(problem: ImageProblem, image: string): boolean {
  const reference = parseImage(image);
  if (problem.code === 'uppercase' || problem.code === 'repository') {
    return reference.repository.split('/').some((part) => SHOUTED.test(part));
  }
  if (problem.code === 'host') return (reference.host ?? '').split(/[.:]/).some((part) => SHOUTED.test(part));
  return false;
}

export const imageReference: Rule = {
  meta: {
    id: 'image-reference',
    title: 'The image must be a valid reference (at most 255 characters, sha256 digests, lowercase repository)',
    defaultSeverity: 'error',
    appliesTo: ['task-definition', 'container-definitions'],
  },
  check({ subject, report }) {
    for (const container of containersOf(subject)) {
      const image = container.value.image;
      // An empty image is filled in later (amazon-ecs-render-task-definition) or dropped by the deploy action;
      // template text ({{tag}}, ${ACCOUNT}, <your-account-id>) is replaced before the file reaches ECS.
      if (typeof image !== 'string' || image === '' || isTemplated(image)) continue;
      const path = [...container.path, 'image'];
      const problems = imageProblems(image).filter((p) => !isPlaceholderProblem(p, image));
      if (problems.length === 0) continue;
      report({ path, message: `The image "${image}" cannot be used: ${problems.map((p) => p.message).join('; ')}.` });
    }
  },
};
