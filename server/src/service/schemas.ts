// JSON schemas behind hover, completion and type validation, one language service per document shape.
// vscode-json-languageservice picks a schema by file name; our shapes are known from content, so each
// shape gets its own service with a schema that matches every file.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type JSONDocument, type JSONSchema, type LanguageService, getLanguageService } from 'vscode-json-languageservice';
import projectConfigSchema from '../../../schemas/fargate-lint.schema.json';
import taskDefinitionSchema from '../../../schemas/task-definition.schema.json';
import type { Model } from '../core/model';
import type { RuleMeta } from '../core/rule';
import type { SourceDocument } from '../sources';
import { JsonSourceDocument } from '../sources/json';
import { projectConfigSchemaMeta, taskDefinitionSchemaMeta } from '../core/rules/meta';
import type { DocumentModel } from './models';

type Shape = 'task-definition' | 'task-definition-describe' | 'container-definitions' | 'project-config';

const root = taskDefinitionSchema as JSONSchema & { definitions?: Record<string, JSONSchema> };

const schemas: Record<Shape, JSONSchema> = {
  'task-definition': root,
  'task-definition-describe': {
    type: 'object',
    definitions: root.definitions,
    properties: {
      taskDefinition: { ...root, $schema: undefined, $id: undefined, definitions: undefined },
      tags: { type: 'array', items: { $ref: '#/definitions/Tag' } },
    },
  },
  'container-definitions': {
    type: 'array',
    definitions: root.definitions,
    items: { $ref: '#/definitions/ContainerDefinition' },
  },
  'project-config': projectConfigSchema as JSONSchema,
};

const services = new Map<Shape, LanguageService>();

/**
 * What the task-definition schema says of the field at `path` (API names, relative to the task definition),
 * for sources whose documents the JSON language service cannot read (templates).
 */
export function fieldDocumentation(path: readonly (string | number)[]): string | undefined {
  let schema: JSONSchema | undefined = root;
  let name: string | undefined;
  for (const segment of path) {
    schema = resolve(schema);
    if (typeof segment === 'number') {
      schema = schema && typeof schema.items === 'object' && !Array.isArray(schema.items) ? schema.items : undefined;
    } else {
      const next: JSONSchema | boolean | undefined = schema?.properties?.[segment];
      schema = typeof next === 'object' ? next : undefined;
      name = segment;
    }
    if (!schema) return undefined;
  }
  const text = schema?.markdownDescription ?? schema?.description ?? resolve(schema)?.markdownDescription;
  return name && text ? `**${name}** (in the ECS API)\n\n${text}` : undefined;
}

function resolve(schema: JSONSchema | undefined): JSONSchema | undefined {
  const ref = schema?.$ref;
  if (!ref?.startsWith('#/definitions/')) return schema;
  const target = root.definitions?.[ref.slice('#/definitions/'.length)];
  return typeof target === 'object' ? target : undefined;
}

function shapeOf(classification: Model): Shape | undefined {
  if (classification.kind === 'container-definitions') return 'container-definitions';
  if (classification.kind === 'project-config') return 'project-config';
  if (classification.kind !== 'task-definition') return undefined;
  return classification.subjects[0]?.path.length ? 'task-definition-describe' : 'task-definition';
}

export interface SchemaBinding {
  service: LanguageService;
  /** The diagnostic code its type checks are reported under. */
  meta: RuleMeta;
}

export function schemaFor(classification: Model): SchemaBinding | undefined {
  const shape = shapeOf(classification);
  if (!shape) return undefined;
  let service = services.get(shape);
  if (!service) {
    service = getLanguageService({});
    service.configure({
      validate: true,
      allowComments: true,
      schemas: [{ uri: `fargate-lint:/schemas/${shape}.json`, fileMatch: ['*'], schema: schemas[shape] }],
    });
    services.set(shape, service);
  }
  return { service, meta: shape === 'project-config' ? projectConfigSchemaMeta : taskDefinitionSchemaMeta };
}

/** The schema features (validation, schema hover and completion) are the JSON source's only. */
export function jsonDocumentOf(document: SourceDocument): JsonSourceDocument | undefined {
  return document instanceof JsonSourceDocument && document.model.kind !== 'unknown' ? document : undefined;
}

const schemaDocuments = new WeakMap<DocumentModel, JSONDocument>();

/** The document as vscode-json-languageservice reads it, parsed once per version for validation, hover and completion. */
export function schemaDocumentOf(binding: SchemaBinding, model: DocumentModel, textDocument: TextDocument): JSONDocument {
  const shared = model.document instanceof JsonSourceDocument ? model.document.schemaDocument : undefined;
  if (shared && model.document.text === textDocument.getText()) return shared;
  let parsed = schemaDocuments.get(model);
  if (!parsed) {
    parsed = binding.service.parseJSONDocument(textDocument);
    schemaDocuments.set(model, parsed);
  }
  return parsed;
}
