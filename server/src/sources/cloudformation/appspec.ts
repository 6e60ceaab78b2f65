// A CodeDeploy AppSpec for ECS written in YAML (appspec.yaml, appspec.yml, or any YAML of that shape), read with
// the same syntax tree, locations, cursor and YAML editor as a template. Its model is the one the JSON source
// gives a JSON AppSpec (sources/json/classify.ts): the document's value as written, with one `appspec` subject per
// ECS resource, so the same rules, hover, completion and fixes apply. Which it is goes by shape: an AppSpec's
// Resources is a list (`- TargetService: {Type: AWS::ECS::Service, Properties: ...}`), a template's is a map;
// a document that is a template (readTemplate) is never read here.
import { classifyAppSpec } from '../json/classify';
import { Evaluator, Markers } from './evaluate';
import type { ReadModel } from './read';
import { type SyntaxTree, valueOf } from './syntax';
import type { Template } from './template';

/** A cheap look at the text, before parsing: could this be an AppSpec for ECS? */
export function mightBeAppSpec(text: string): boolean {
  return /resources/i.test(text) && /taskdefinition|loadbalancerinfo/i.test(text);
}

/** The AppSpec in a syntax tree: a map whose Resources (in any case) is a list holding ECS resources. */
export function readAppSpec(tree: SyntaxTree): ReadModel | undefined {
  const root = tree.root;
  if (root?.kind !== 'map') return undefined;
  const resourcesKey = root.entries.find((e) => e.key.toLowerCase() === 'resources')?.key;
  if (resourcesKey === undefined || valueOf(root, resourcesKey)?.kind !== 'seq') return undefined;
  // An AppSpec has no intrinsics, parameters or resources to resolve: the evaluator only reads values and where they are.
  const template: Template = { tree, root, parameters: new Map(), mappings: undefined, conditions: new Map(), resources: new Map() };
  const markers = new Markers();
  const evaluator = new Evaluator(template, markers);
  const { value, loc } = evaluator.evaluate(root, { choices: {} });
  const classification = classifyAppSpec(value);
  if (!classification) return undefined;
  const located = classification.subjects.flatMap((subject) => {
    let at: typeof loc | undefined = loc;
    for (const segment of subject.path) at = at?.children?.get(segment);
    return at ? [{ subject, loc: at }] : [];
  });
  return { model: { ...classification, value }, located, properties: new Map(), markers, evaluator };
}
