// What the service rules share: the service's view and the task definition it runs (core/ecs-service/link.ts),
// and how a message names that task definition.
import type { Model, Subject } from '../../model';
import { type ServiceView, serviceOf } from '../../ecs-service/model';
import { type TaskDefinitionLink, linkedTaskDefinition } from '../../ecs-service/link';
import { taskOf } from '../../taskdef/model';
import { basenameOf } from '../../uris';
import type { DocumentContext } from '../../workspace';

export interface Linked {
  view: ServiceView;
  link?: TaskDefinitionLink;
  /** The linked task definition's task-level object. */
  task?: Record<string, unknown>;
}

export function linkedOf(subject: Subject, model: Model, document: DocumentContext): Linked | undefined {
  const view = serviceOf(subject);
  if (!view) return undefined;
  const link = linkedTaskDefinition(subject, model, document).link;
  return { view, link, task: link ? taskOf(link.subject) : undefined };
}

/** "task definition web (taskdef.json)", or for one in the same document "task definition TaskDef". */
export function taskLabel(link: TaskDefinitionLink, document: DocumentContext): string {
  const written = taskOf(link.subject)?.family;
  const family = link.subject.resource ?? (typeof written === 'string' ? written : undefined);
  const file = link.uri && link.uri !== document.uri ? basenameOf(link.uri) : undefined;
  if (family && file) return `task definition ${family} (${file})`;
  if (file) return `the task definition in ${file}`;
  return family ? `task definition ${family}` : 'the task definition';
}

/** The service as messages name it: 'service web' or 'this service'. */
export function serviceLabel(view: ServiceView): string {
  if (view.form === 'appspec') return 'this AppSpec';
  return view.name ? `service ${view.name}` : 'this service';
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
