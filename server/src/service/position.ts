// The position context the hover and completion providers read: the source's cursor, the model, and the
// document's context.
import type { PositionContext } from '../core/position';
import type { CostOptions } from '../core/taskdef/pricing';
import { type WorkspaceView, withOwnModel } from '../core/workspace';
import type { SourceDocument } from '../sources';

export function positionContextOf(
  document: SourceDocument,
  offset: number,
  workspace: WorkspaceView | undefined,
  cost?: CostOptions,
): PositionContext | undefined {
  const cursor = document.cursor(offset);
  if (!cursor) return undefined;
  const context = withOwnModel({ uri: document.uri, fileName: document.fileName, workspace }, document.model);
  return { ...cursor, model: document.model, document: context, cost };
}
