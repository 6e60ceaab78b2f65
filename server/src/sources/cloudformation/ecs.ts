// AWS::ECS::TaskDefinition and AWS::ECS::Service properties <-> the RegisterTaskDefinition and CreateService
// requests the rules read: property names per type from task-definition-properties.json and
// service-properties.json (with their sources), and scalar types. CloudFormation hands every scalar to ECS as
// a string, so `Memory: 512`, `Essential: "true"` and `ContainerPort: "80"` all register; the model holds them
// in the API's types and no rule ever sees the difference.
import type { JsonPath } from '../../core/model';
import serviceMapping from './service-properties.json';
import taskMapping from './task-definition-properties.json';
import type { Loc } from './evaluate';
import { ownObject } from '../text';

type Spec = string | null | { api: string; type?: string; items?: string; object?: string; map?: string };
type ScalarType = 'string' | 'integer' | 'boolean' | 'number';

/** One table per resource type: property types by name (names repeat across tables: Tag, Secret, ...). */
const TABLES = {
  task: taskMapping.types as Record<string, Record<string, Spec>>,
  service: serviceMapping.types as Record<string, Record<string, Spec>>,
};
type Table = keyof typeof TABLES;

/** What a value is at some place of a task definition or a service. */
export type Shape =
  | { kind: 'object'; table: Table; type: string }
  | { kind: 'list'; item: Shape }
  | { kind: 'user-keys' }
  | { kind: 'scalar'; scalar: ScalarType }
  /** Not described (a property the table does not know): taken as written. */
  | { kind: 'free' };

export const TASK_DEFINITION: Shape = { kind: 'object', table: 'task', type: 'Properties' };
export const SERVICE: Shape = { kind: 'object', table: 'service', type: 'Properties' };

/** The shape of a resource's Properties, for the resource types whose names the model maps. */
export function resourceShape(type: string | undefined): Shape | undefined {
  if (type === 'AWS::ECS::TaskDefinition') return TASK_DEFINITION;
  if (type === 'AWS::ECS::Service') return SERVICE;
  return undefined;
}

function shapeOf(spec: Exclude<Spec, null>, table: Table): Shape {
  if (typeof spec === 'string') return { kind: 'scalar', scalar: 'string' };
  if (spec.object) return { kind: 'object', table, type: spec.object };
  if (spec.items) {
    return TABLES[table][spec.items]
      ? { kind: 'list', item: { kind: 'object', table, type: spec.items } }
      : { kind: 'list', item: { kind: 'scalar', scalar: spec.items as ScalarType } };
  }
  if (spec.map) return { kind: 'user-keys' };
  return { kind: 'scalar', scalar: (spec.type as ScalarType | undefined) ?? 'string' };
}

function apiName(spec: Exclude<Spec, null>): string {
  return typeof spec === 'string' ? spec : spec.api;
}

const lowerFirst = (key: string) => key.charAt(0).toLowerCase() + key.slice(1);
const upperFirst = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/** The CloudFormation name of an API member in an object of type `type` (unknown members: first letter upper-cased). */
export function templateKey(shape: Shape, apiKey: string): string {
  if (shape.kind !== 'object') return apiKey;
  for (const [key, spec] of Object.entries(TABLES[shape.table][shape.type] ?? {}))
    if (spec !== null && apiName(spec) === apiKey) return key;
  return upperFirst(apiKey);
}

/** The shape of the child `segment` of a value of shape `shape`. */
export function childShape(shape: Shape, segment: string | number): Shape {
  if (shape.kind === 'list' && typeof segment === 'number') return shape.item;
  if (shape.kind === 'user-keys') return { kind: 'scalar', scalar: 'string' };
  if (shape.kind !== 'object' || typeof segment !== 'string') return { kind: 'free' };
  for (const spec of Object.values(TABLES[shape.table][shape.type] ?? {}))
    if (spec !== null && apiName(spec) === segment) return shapeOf(spec, shape.table);
  return { kind: 'free' };
}

export function shapeAt(shape: Shape, path: JsonPath): Shape {
  return path.reduce<Shape>((s, segment) => childShape(s, segment), shape);
}

// --- Template -> model ----------------------------------------------------------------------------------

/** A template value and its locations in API terms: names renamed, scalars in the API's types. */
export function toModel(value: unknown, loc: Loc | undefined, shape: Shape): { value: unknown; loc: Loc | undefined } {
  switch (shape.kind) {
    case 'scalar':
      return { value: coerce(value, shape.scalar), loc };
    case 'list': {
      if (!Array.isArray(value)) return { value, loc };
      const children = new Map<string | number, Loc>();
      const items = value.map((item, i) => {
        const converted = toModel(item, loc?.children?.get(i), shape.item);
        if (converted.loc) children.set(i, converted.loc);
        return converted.value;
      });
      return { value: items, loc: loc && { ...loc, children } };
    }
    case 'user-keys': {
      if (!isPlainObject(value)) return { value, loc };
      // Model objects have no prototype (sources/source.ts): a key such as __proto__ is data.
      const out = ownObject();
      for (const [key, v] of Object.entries(value)) out[key] = coerce(v, 'string');
      return { value: out, loc };
    }
    case 'object': {
      if (!isPlainObject(value)) return { value, loc };
      const specs = TABLES[shape.table][shape.type] ?? {};
      const out = ownObject();
      const children = new Map<string | number, Loc>();
      for (const [key, v] of Object.entries(value)) {
        // Keys are the template's text: only the table's own entries count (not "constructor").
        const spec = Object.hasOwn(specs, key) ? specs[key] : undefined;
        // A property that exists only in CloudFormation (TaskDefinitionArn) is never sent to ECS.
        if (spec === null) continue;
        const api = spec === undefined ? lowerFirst(key) : apiName(spec);
        const converted = toModel(v, loc?.children?.get(key), spec === undefined ? { kind: 'free' } : shapeOf(spec, shape.table));
        out[api] = converted.value;
        if (converted.loc) children.set(api, converted.loc);
      }
      return { value: out, loc: loc && { ...loc, children } };
    }
    case 'free':
      return { value, loc };
  }
}

/** A scalar in the API's type, as ECS reads what CloudFormation passes (always a string). */
function coerce(value: unknown, scalar: ScalarType): unknown {
  if (Array.isArray(value)) return value.map((v) => coerce(v, scalar));
  switch (scalar) {
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'integer':
      return typeof value === 'string' && /^[-+]?\d+$/.test(value.trim()) ? Number(value) : value;
    case 'number':
      return typeof value === 'string' && /^[-+]?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    case 'boolean':
      if (typeof value !== 'string') return value;
      if (/^true$/i.test(value)) return true;
      if (/^false$/i.test(value)) return false;
      return value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- Model -> template ----------------------------------------------------------------------------------

/** A model value (API names) as the template writes it at a place of shape `shape`. */
export function toTemplate(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return shape.kind === 'list' ? value.map((v) => toTemplate(v, shape.item)) : value;
  if (!isPlainObject(value) || shape.kind !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[templateKey(shape, key)] = toTemplate(v, childShape(shape, key));
  return out;
}
