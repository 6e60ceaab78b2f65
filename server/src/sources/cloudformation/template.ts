// What a document is (a CloudFormation template or not), and the parts of a template the reader uses:
// Parameters (Type, Default, AllowedValues), Mappings, and Resources (Type, Properties, Condition).
import { type MapNode, type ScalarNode, type SyntaxNode, type SyntaxTree, entryOf, lastEntries, literalString, valueOf } from './syntax';

interface Parameter {
  name: string;
  type: string;
  /** As CloudFormation hands it to a Ref: a string (a list for list types). */
  default?: string | string[];
  allowedValues?: string[];
}

export interface Resource {
  logicalId: string;
  type: string;
  /** The logical id as written (the key under Resources). */
  keyNode: ScalarNode;
  node: MapNode;
  properties: SyntaxNode | undefined;
  /** The resource's Condition: it exists only when that condition is true. */
  condition?: string;
}

export interface Template {
  tree: SyntaxTree;
  root: MapNode;
  parameters: Map<string, Parameter>;
  mappings: SyntaxNode | undefined;
  /** Condition definitions by name. */
  conditions: Map<string, SyntaxNode>;
  resources: Map<string, Resource>;
}

/** A cheap look at the text, before parsing: could this be a template? */
export function mightBeTemplate(text: string): boolean {
  return text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && text.includes('AWS::'));
}

/** Go templates (`{{ .Version }}` actions at line starts) are sources of templates, not templates: not read. */
export function isGoTemplate(text: string): boolean {
  return /^[ \t-]*\{\{/m.test(text);
}

/**
 * The template in a syntax tree: a map with AWSTemplateFormatVersion, or with Resources whose entries have
 * a Type in the AWS:: namespace (SAM's AWS::Serverless::* and CDK's output included).
 */
export function readTemplate(tree: SyntaxTree): Template | undefined {
  const root = tree.root;
  if (root?.kind !== 'map') return undefined;
  const resourcesNode = valueOf(root, 'Resources');
  const resources = new Map<string, Resource>();
  if (resourcesNode?.kind === 'map') {
    for (const entry of lastEntries(resourcesNode)) {
      const node = entry.value;
      // Fn::ForEach::Name (AWS::LanguageExtensions) expands to several resources: none we can read.
      if (node?.kind !== 'map' || entry.key.startsWith('Fn::')) continue;
      const type = literalString(valueOf(node, 'Type'));
      if (!type) continue;
      resources.set(entry.key, {
        logicalId: entry.key,
        type,
        keyNode: entry.keyNode,
        node,
        properties: valueOf(node, 'Properties'),
        condition: literalString(valueOf(node, 'Condition')),
      });
    }
  }
  const isTemplate =
    entryOf(root, 'AWSTemplateFormatVersion') !== undefined || [...resources.values()].some((r) => r.type.startsWith('AWS::'));
  if (!isTemplate) return undefined;
  const conditions = new Map<string, SyntaxNode>();
  const conditionsNode = valueOf(root, 'Conditions');
  if (conditionsNode?.kind === 'map')
    for (const entry of lastEntries(conditionsNode)) if (entry.value) conditions.set(entry.key, entry.value);
  return {
    tree,
    root,
    parameters: readParameters(valueOf(root, 'Parameters')),
    mappings: valueOf(root, 'Mappings'),
    conditions,
    resources,
  };
}

function readParameters(node: SyntaxNode | undefined): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  if (node?.kind !== 'map') return parameters;
  for (const entry of lastEntries(node)) {
    const declaration = entry.value;
    if (declaration?.kind !== 'map') continue;
    const type = literalString(valueOf(declaration, 'Type')) ?? 'String';
    const isList = type.startsWith('List<') || type === 'CommaDelimitedList';
    const parameter: Parameter = { name: entry.key, type };
    const defaultNode = valueOf(declaration, 'Default');
    const defaultText = scalarText(defaultNode);
    if (defaultText !== undefined) parameter.default = isList ? defaultText.split(',').map((s) => s.trim()) : defaultText;
    else if (defaultNode?.kind === 'seq' && isList) {
      const items = defaultNode.items.map(scalarText);
      if (items.every((i) => i !== undefined)) parameter.default = items as string[];
    }
    const allowed = valueOf(declaration, 'AllowedValues');
    if (allowed?.kind === 'seq' && !isList) {
      const values = allowed.items.map(scalarText).filter((v): v is string => v !== undefined);
      if (values.length > 0 && values.length === allowed.items.length) parameter.allowedValues = [...new Set(values)];
    }
    parameters.set(entry.key, parameter);
  }
  return parameters;
}

/** A scalar as CloudFormation hands parameters over: as text. */
function scalarText(node: SyntaxNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
