import type { Code } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { Node, Parent } from 'unist';
import type { IRExample, IRVerb } from '../../ir/types.js';
import { analyzeExample } from '../../sql/example.js';
import { normalizeTitle, type Section, type SectionContext } from '../context.js';

/**
 * The examples sections of a resource page, each a `<Tabs>` with one
 * `<TabItem value="METHOD">` per method holding a description and a
 * ` ```sql ` fence:
 *
 * ```mdx
 * ## `SELECT` examples
 * <Tabs defaultValue="list_keys" values={[…]}>
 * <TabItem value="list_keys">
 *
 * Lists all the public keys …
 *
 * ```sql
 * SELECT id, … FROM okta.authorizationservers.oauth2_resource_server_jwks
 * WHERE subdomain = '{{ subdomain }}' -- required;
 * ```
 * </TabItem>
 * ```
 *
 * The INSERT section also has a `<TabItem value="manifest">` (read by
 * `readManifest`); `## Lifecycle Methods` holds the EXEC examples. Legacy
 * pages label their tabs `All Properties` / `Manifest`: those examples have
 * no method.
 *
 * The SQL is kept exactly as written; its structure is read by
 * `analyzeExample`. Defects in it are reported by lint (`example/…`), which
 * reads the IR, so they are not reported twice here.
 */
export function readExamples(ctx: SectionContext): IRExample[] {
  const examples: IRExample[] = [];
  const methodNames = new Set(ctx.methods.map((method) => method.name));
  for (const section of ctx.sections) {
    const verb = sectionVerb(section.title);
    if (!verb) continue;
    const tabs = findJsx(section.nodes, 'TabItem');
    if (tabs.length === 0) {
      examples.push(...fencesIn(ctx, section.nodes, verb, null));
      continue;
    }
    for (const tab of tabs) {
      const value = jsxAttribute(tab, 'value');
      if (value !== null && /^manifest$/i.test(value)) continue;
      // A tab that names no method is a legacy `All Properties` tab where the page has no such method.
      const method = value !== null && (methodNames.has(value) || ctx.layout === 'current') ? value : null;
      examples.push(...fencesIn(ctx, tab.children as Node[], verb, method));
    }
  }
  return examples;
}

const SECTION_VERBS: Record<string, IRVerb> = {
  'select examples': 'select',
  'insert examples': 'insert',
  'update examples': 'update',
  'replace examples': 'replace',
  'delete examples': 'delete',
  'exec examples': 'exec',
  'lifecycle methods': 'exec',
};

function sectionVerb(title: string): IRVerb | undefined {
  const key = normalizeTitle(title);
  return Object.hasOwn(SECTION_VERBS, key) ? SECTION_VERBS[key] : undefined;
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

function childrenOf(node: Node): Node[] {
  const children = (node as Partial<Parent>).children;
  return Array.isArray(children) ? children : [];
}

function isJsx(node: Node, name: string): node is JsxElement {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (node as JsxElement).name === name;
}

/** `<NAME>` elements among `nodes` and their descendants, in page order, not searching inside a match. */
export function findJsx(nodes: readonly Node[], name: string): JsxElement[] {
  const found: JsxElement[] = [];
  const visit = (node: Node): void => {
    if (isJsx(node, name)) {
      found.push(node);
      return;
    }
    childrenOf(node).forEach(visit);
  };
  nodes.forEach(visit);
  return found;
}

/** A string attribute (`value="list_keys"`), or null. */
export function jsxAttribute(element: JsxElement, name: string): string | null {
  for (const attr of element.attributes) {
    if (attr.type === 'mdxJsxAttribute' && attr.name === name) return typeof attr.value === 'string' ? attr.value : null;
  }
  return null;
}

/** Every ` ```sql ` fence among `nodes`, with the paragraphs written before it as its description. */
function fencesIn(ctx: SectionContext, nodes: readonly Node[], verb: IRVerb, method: string | null): IRExample[] {
  const examples: IRExample[] = [];
  let description: string[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'code') {
      const code = node as Code;
      if ((code.lang ?? '').toLowerCase() === 'sql') {
        examples.push({
          verb,
          method,
          sql: code.value,
          description: description.join('\n\n'),
          structure: analyzeExample(code.value, verb).structure,
          source: ctx.sourceOf(code),
        });
      }
      description = [];
      return;
    }
    if (node.type === 'paragraph') {
      const text = ctx.text(node).trim();
      if (text !== '') description.push(text);
      return;
    }
    childrenOf(node).forEach(visit);
  };
  nodes.forEach(visit);
  return examples;
}

/** The sections that hold examples, for readers that need them (the manifest). */
export function exampleSections(sections: readonly Section[]): Section[] {
  return sections.filter((section) => sectionVerb(section.title) !== undefined);
}
