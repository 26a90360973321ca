import type { Program, TemplateLiteral } from 'estree';
import type { Code } from 'mdast';
import type { Node, Parent } from 'unist';
import type { IRManifestProp } from '../../ir/types.js';
import type { SectionContext } from '../context.js';
import { exampleSections, findJsx, jsxAttribute } from './examples.js';
import { readManifestLayout } from './manifest-layout.js';
import { reindentBlockScalars, UNINDENTED_BLOCK_MESSAGE } from './manifest-repair.js';
import { parseManifestWithYaml, type ManifestProblem } from './manifest-yaml.js';

export type { ManifestProblem } from './manifest-yaml.js';

/**
 * The YAML manifest of `## \`INSERT\` examples`, in `<TabItem value="manifest">`:
 *
 * ```yaml
 * # Description fields are for documentation purposes
 * - name: oauth2_resource_server_jwks
 *   props:
 *     - name: status
 *       value: string
 *       description: >
 *         Status of the JSON Web Key
 *       valid_values: ['ACTIVE', 'INACTIVE']
 * ```
 *
 * written either as a ` ```yaml ` fence or as
 * `<CodeBlock language="yaml">{`…`}</CodeBlock>` (an MDX expression holding a
 * template literal whose backticks are escaped: its cooked value is the
 * YAML). Newer pages write `value: "{{ owner }}"` (a string) or
 * `value: {{ private }}` (a number, boolean or structure), which YAML would
 * read as a nested map: such bare holes are read as placeholders.
 *
 * The manifest is auxiliary: what is wrong with it is a warning, never an error.
 */
export function readManifest(ctx: SectionContext): IRManifestProp[] {
  const found = findManifestText(ctx);
  if (!found) return [];
  const requiredByMethods = new Set<string>();
  for (const method of ctx.methods) {
    if (method.verb !== 'insert') continue;
    for (const name of method.required) requiredByMethods.add(name.startsWith('data__') ? name.slice('data__'.length) : name);
  }
  const { props, problems } = parseManifest(found.text, requiredByMethods);
  for (const problem of problems) {
    ctx.report({ line: found.firstLine + problem.line - 1, column: problem.line === 1 ? found.firstColumn + problem.column - 1 : problem.column }, 'warning', problem.code, problem.message);
  }
  return props;
}

/** The manifest's YAML text and where its first character is on the page. */
interface ManifestText {
  text: string;
  firstLine: number;
  firstColumn: number;
}

function findManifestText(ctx: SectionContext): ManifestText | null {
  for (const section of exampleSections(ctx.sections)) {
    for (const tab of findJsx(section.nodes, 'TabItem')) {
      const value = jsxAttribute(tab, 'value');
      if (value === null || !/^manifest$/i.test(value)) continue;
      const found = yamlIn(ctx, tab.children as Node[]);
      if (found) return found;
    }
  }
  return null;
}

function yamlIn(ctx: SectionContext, nodes: readonly Node[]): ManifestText | null {
  for (const node of nodes) {
    if (node.type === 'code' && /^ya?ml$/i.test((node as Code).lang ?? '')) {
      // The fence's content starts on the line after ```yaml.
      return { text: (node as Code).value, firstLine: (node.position?.start.line ?? 1) + 1, firstColumn: node.position?.start.column ?? 1 };
    }
    for (const block of findJsx([node], 'CodeBlock')) {
      if (!/^ya?ml$/i.test(jsxAttribute(block, 'language') ?? '')) continue;
      const template = templateLiteralOf(block, ctx.source);
      if (template !== null) return { text: template.text, firstLine: template.line, firstColumn: template.column };
    }
  }
  return null;
}

/**
 * The cooked value of `{`…`}` (an MDX expression holding one template
 * literal without substitutions), else null. The MDX parser strips each
 * line's leading blanks inside an expression before building the estree, so
 * the estree's own cooked value loses YAML indentation: the literal's text is
 * taken from the page at the estree's offsets and cooked here.
 */
function templateLiteralOf(node: Node, source: string): { text: string; line: number; column: number } | null {
  if (node.type !== 'mdxFlowExpression' && node.type !== 'mdxTextExpression') {
    for (const child of (node as Partial<Parent>).children ?? []) {
      const inner = templateLiteralOf(child, source);
      if (inner !== null) return inner;
    }
    return null;
  }
  const program = (node as { data?: { estree?: Program | null } }).data?.estree;
  const statement = program?.body[0];
  if (!statement || statement.type !== 'ExpressionStatement' || statement.expression.type !== 'TemplateLiteral') return null;
  const template: TemplateLiteral = statement.expression;
  const [quasi] = template.quasis;
  if (template.expressions.length > 0 || quasi === undefined) return null;
  const { start, end } = quasi as { start?: number; end?: number };
  const loc = quasi.loc?.start;
  if (typeof start !== 'number' || typeof end !== 'number' || loc === undefined) {
    return { text: quasi.value.cooked ?? quasi.value.raw, line: node.position?.start.line ?? 1, column: (node.position?.start.column ?? 1) + 2 };
  }
  return { text: cookTemplate(source.slice(start, end)), line: loc.line, column: loc.column + 1 };
}

/** A template literal's raw text → its value: JavaScript's escapes, CRLF read as LF. */
export function cookTemplate(raw: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
  return raw.replace(/\r\n?/g, '\n').replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|[\s\S])/g, (_match, escape: string) => {
    if (escape === '\n') return '';
    if (escape.startsWith('u{')) return String.fromCodePoint(Number.parseInt(escape.slice(2, -1), 16));
    if (escape.length > 1) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    return simple[escape] ?? escape;
  });
}

/**
 * The props of a manifest's YAML text. Pure; `requiredByMethods` holds the
 * body properties INSERT methods require (without `data__`).
 *
 * A manifest in the layout the docs generator writes is read by
 * `readManifestLayout`, which takes only texts whose reading it knows to be
 * the YAML library's (problems included); every other text goes through the
 * library.
 */
export function parseManifest(yamlText: string, requiredByMethods: ReadonlySet<string> = new Set()): { props: IRManifestProp[]; problems: ManifestProblem[] } {
  const layout = readManifestLayout(yamlText, requiredByMethods);
  if (layout !== null) return layout;
  return readRepairedLayout(yamlText, requiredByMethods) ?? parseManifestWithYaml(yamlText, requiredByMethods);
}

/**
 * What the library path makes of a manifest with unindented description
 * lines (see `reindentBlockScalars`), without the library, where that is
 * certain: the repaired text is in the layout reader's subset, and the
 * written text is certainly not valid YAML, so the library path would read
 * the repaired text and report the repair. The text before the first
 * repaired line is the repaired text's, a root block sequence at column 0
 * inside a block scalar; a non-blank line at column 0 ends the scalar and
 * every collection but the root sequence. Certain where that line:
 * - starts with none of `-`, `#`, `%`, `.`, blank: it ends the root sequence
 *   too without starting an entry, a comment, a directive or a document
 *   marker, so it is content after the document's root, which YAML rejects;
 * - or is `- ` and a plain scalar on one line (a letter or digit, then no
 *   `: `, `#` or tab, no `:` at its end), and the next non-blank line is
 *   indented by spaces and is a key line (`  key:` or `  - key:`): the entry
 *   is then a plain scalar that the indented line continues, up to the
 *   key's `:`, and a scalar of several lines before a `:` is an implicit key
 *   on several lines, which YAML rejects (okta `templates/sms_templates`:
 *   `- Just like…` in a description, then `    - name: type`).
 * Texts with `{{` holes are left to the library, which rewrites them before
 * repairing.
 */
export function readRepairedLayout(text: string, requiredByMethods: ReadonlySet<string>): { props: IRManifestProp[]; problems: ManifestProblem[] } | null {
  if (text.includes('{{')) return null;
  const repair = reindentBlockScalars(text);
  if (repair.firstLine === null) return null;
  const lines = text.split('\n');
  const firstRepaired = lines[repair.firstLine - 1] ?? '';
  if (!/^[^\s\-#%.]/.test(firstRepaired) && !continuedIntoKey(lines, repair.firstLine - 1)) return null;
  const layout = readManifestLayout(repair.text, requiredByMethods);
  if (layout === null) return null;
  // The library path reports the repair before what it then finds in the repaired text.
  return { props: layout.props, problems: [{ code: 'manifest/unindented-block', line: repair.firstLine, column: 1, message: UNINDENTED_BLOCK_MESSAGE }, ...layout.problems] };
}

/** Whether `lines[index]` is a root entry holding a one-line plain scalar that the next non-blank line, an indented key line, continues up to its `:` (see `readRepairedLayout`). */
function continuedIntoKey(lines: readonly string[], index: number): boolean {
  const entry = lines[index] ?? '';
  if (!/^- [A-Za-z0-9][^\t#\r]*$/.test(entry) || entry.includes(': ') || entry.endsWith(':')) return false;
  let next = index + 1;
  while (next < lines.length && /^ *$/.test(lines[next] as string)) next += 1;
  return next < lines.length && /^ +(?:- +)?[A-Za-z_][\w$@.-]*:(?: |$)/.test(lines[next] as string);
}
