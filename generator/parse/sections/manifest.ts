import type { Program, TemplateLiteral } from 'estree';
import type { Code } from 'mdast';
import type { Node, Parent } from 'unist';
import { isMap, isScalar, isSeq, parseDocument, Parser, type Document, type Node as YamlNode, type YAMLError, type YAMLMap } from 'yaml';
import type { IRManifestProp } from '../../ir/types.js';
import type { SectionContext } from '../context.js';
import { exampleSections, findJsx, jsxAttribute } from './examples.js';

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

export interface ManifestProblem {
  code: 'manifest/invalid-yaml' | 'manifest/unindented-block' | 'manifest/unexpected-shape';
  /** 1-based, within the YAML text. */
  line: number;
  column: number;
  message: string;
}

/** Marks a bare `{{ x }}` that was quoted so YAML reads it as one scalar. */
const BARE_MARK = '\u0000bare\u0000';
/** A bare `{{ x }}` that is a whole scalar: after `key: `, `- `, or both. */
const BARE_HOLE = /^([ \t]*(?:-[ \t]+)?(?:[^\s#'"{][^:#\n]*:[ \t]+)?)(\{\{[^{}\n]*\}\})[ \t]*$/gm;
const MARKED_HOLE = new RegExp(`"${BARE_MARK}(\\{\\{[^{}\\n]*\\}\\})"`, 'g');
const TYPE_WORDS = new Set(['string', 'boolean', 'number', 'integer', 'object', 'array']);

/**
 * The props of a manifest's YAML text. Pure; `requiredByMethods` holds the
 * body properties INSERT methods require (without `data__`).
 */
export function parseManifest(yamlText: string, requiredByMethods: ReadonlySet<string> = new Set()): { props: IRManifestProp[]; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  // Both rewrites find nothing without their markers (`{{`, BARE_MARK), which most manifests (okta's: all) never hold: skip their scans.
  let text = yamlText.includes('{{') ? yamlText.replace(BARE_HOLE, (_match, prefix: string, hole: string) => `${prefix}"${BARE_MARK}${hole}"`) : yamlText;
  const unmark = (written: string) => (written.includes(BARE_MARK) ? written.replace(MARKED_HOLE, '$1') : written);
  const read = readYaml(text);
  if (!read.ok) {
    problems.push(read.problem);
    return { props: [], problems };
  }
  const document = read.document;
  if (read.repairedFrom !== null) {
    // Same line count, so positions found in the repaired text hold for the written one.
    problems.push({
      code: 'manifest/unindented-block',
      line: read.repairedFrom,
      column: 1,
      message: 'a multi-line description continues without indentation, which ends its YAML block; read as if indented',
    });
    text = read.text;
  }

  const at = (node: YamlNode | null | undefined) => {
    const position = lineAndColumnOf(text, node?.range?.[0] ?? 0);
    return { line: position.line, column: position.col };
  };
  const root = document.contents;
  if (!isSeq(root)) {
    problems.push({ code: 'manifest/unexpected-shape', ...at(root), message: 'the manifest is not a list of `- name: … props: […]` entries' });
    return { props: [], problems };
  }
  const props: IRManifestProp[] = [];
  for (const entry of root.items) {
    const propsNode = isMap(entry) ? (entry.get('props', true) as YamlNode | undefined) : undefined;
    if (!isSeq(propsNode)) {
      const empty = isMap(entry) && entry.has('props') && (propsNode === undefined || (isScalar(propsNode) && propsNode.value === null));
      problems.push({ code: 'manifest/unexpected-shape', ...at(entry as YamlNode), message: empty ? 'a manifest entry whose `props` list is empty' : 'a manifest entry without a `props` list' });
      continue;
    }
    for (const propNode of propsNode.items) {
      const name = isMap(propNode) ? scalarText(propNode.get('name', true) as YamlNode | undefined) : null;
      if (!isMap(propNode) || name === null || name === '') {
        problems.push({ code: 'manifest/unexpected-shape', ...at(propNode as YamlNode), message: 'a manifest prop without a `name`' });
        continue;
      }
      props.push(readProp(propNode, name, text, unmark, requiredByMethods));
    }
  }
  return { props, problems };
}

function readProp(prop: YAMLMap, name: string, text: string, unmark: (written: string) => string, requiredByMethods: ReadonlySet<string>): IRManifestProp {
  const valueNode = prop.get('value', true) as YamlNode | undefined;
  const written = valueNode?.range ? unmark(text.slice(valueNode.range[0], valueNode.range[1])).trimEnd() : '';
  const description = (scalarText(prop.get('description', true) as YamlNode | undefined) ?? '').trim();
  const validNode = prop.get('valid_values', true) as YamlNode | undefined;
  const validValues = isSeq(validNode) ? validNode.items.map((item) => scalarText(item as YamlNode) ?? '') : null;
  const defaultText = scalarText(prop.get('default', true) as YamlNode | undefined);
  const required = /^Required parameter for the .+ resource\.?$/.test(description) || requiredByMethods.has(name);
  return { name, type: typeOf(valueNode, defaultText), value: written, description, validValues, default: defaultText, required };
}

/**
 * What `value:` says of the type: a type word as written (`integer (int32)`
 * → `integer`), `string` for a quoted hole, the shape of a block value, the
 * type of a literal; for a bare hole, the type of `default:` where it has
 * one; null otherwise.
 */
function typeOf(value: YamlNode | undefined, defaultText: string | null): string | null {
  if (value === undefined) return null;
  if (isSeq(value)) return 'array';
  if (isMap(value)) return 'object';
  if (!isScalar(value)) return null;
  const raw = value.value;
  if (typeof raw === 'string' && raw.startsWith(BARE_MARK)) {
    if (defaultText === 'true' || defaultText === 'false') return 'boolean';
    if (defaultText !== null && defaultText !== '' && Number.isFinite(Number(defaultText))) return 'number';
    return null;
  }
  if (typeof raw === 'boolean') return 'boolean';
  if (typeof raw === 'number') return 'number';
  if (raw === null) return null;
  const textValue = String(raw);
  if (value.type === 'PLAIN') {
    const word = /^([a-z]+)(\s*\(.*\))?$/.exec(textValue.trim())?.[1];
    if (word !== undefined && TYPE_WORDS.has(word)) return word;
  }
  return 'string';
}

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

type YamlRead = { ok: true; document: Document.Parsed; text: string; repairedFrom: number | null } | { ok: false; problem: ManifestProblem };

/**
 * The manifest's document: the text as written where it is valid YAML,
 * else the text with its unindented block lines indented (see
 * `reindentBlockScalars`) where that is valid, else the written text's
 * first error.
 *
 * Where the repair would change the text and YAML's parser (the stage
 * before composing) already finds an error in the written text, the written
 * text cannot be valid, so the repaired text is composed first: composing a
 * broken manifest costs a full parse plus one error object per follow-on
 * error (okta `users/users`: hundreds), and it is needed only when the
 * repair fails too.
 */
function readYaml(text: string): YamlRead {
  const repair = reindentBlockScalars(text);
  const written = repair.firstLine !== null && parserFindsError(text) ? null : parseDocument(text, YAML_OPTIONS);
  if (written !== null && written.errors.length === 0) return { ok: true, document: written, text, repairedFrom: null };
  if (repair.firstLine !== null) {
    const repaired = parseDocument(repair.text, YAML_OPTIONS);
    if (repaired.errors.length === 0) return { ok: true, document: repaired, text: repair.text, repairedFrom: repair.firstLine };
  }
  // One error is enough to locate the defect; YAML's follow-on errors only repeat it.
  const firstError = (written ?? parseDocument(text, YAML_OPTIONS)).errors[0] as YAMLError;
  const position = firstError.linePos?.[0] ?? lineAndColumnOf(text, firstError.pos[0]);
  return { ok: false, problem: { code: 'manifest/invalid-yaml', line: position.line, column: position.col, message: `the manifest is not valid YAML: ${firstError.message.split('\n', 1)[0]}` } };
}

/** Whether YAML's parser yields an error token for `text`: the composer turns each into a document error, so the text is then certainly not valid. */
function parserFindsError(text: string): boolean {
  for (const token of new Parser().parse(text)) if (token.type === 'error') return true;
  return false;
}

/** A line the manifest writer starts a key with: `- name:`, `value:`, `description:`, … */
const KEY_LINE = /^[ \t]*(-[ \t]+)?[A-Za-z_][\w$@.-]*:([ \t]|$)/;

/**
 * The docs generator writes multi-line descriptions into `description: >`
 * without indenting their later lines (okta `users/users`), which ends the
 * block scalar. Lines after a block scalar's header that are neither blank,
 * indented enough, nor a key line are given the block's indentation.
 */
function reindentBlockScalars(text: string): { text: string; firstLine: number | null } {
  const lines = text.split('\n');
  let firstLine: number | null = null;
  let blockIndent: number | null = null;
  lines.forEach((line, index) => {
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20 || line.charCodeAt(indent) === 0x09) indent += 1;
    if (blockIndent !== null && indent < blockIndent && line.trim() !== '') {
      if (KEY_LINE.test(line)) {
        blockIndent = null;
      } else {
        lines[index] = ' '.repeat(blockIndent) + line.trimStart();
        firstLine ??= index + 1;
        return;
      }
    }
    // Every manifest is read through here: test the header pattern only on lines that can hold one.
    if (!line.includes('>') && !line.includes('|')) return;
    const header = /^([ \t]*)(-[ \t]+)?[A-Za-z_][\w$@.-]*:[ \t]*[>|][-+0-9]*[ \t]*$/.exec(line);
    if (header) blockIndent = (header[1]?.length ?? 0) + (header[2]?.length ?? 0) + 2;
  });
  return { text: firstLine === null ? text : lines.join('\n'), firstLine };
}

function scalarText(node: YamlNode | null | undefined): string | null {
  if (!isScalar(node)) return null;
  if (node.value === null || node.value === undefined) return null;
  const value = String(node.value);
  return value.startsWith(BARE_MARK) ? value.slice(BARE_MARK.length) : value;
}

function lineAndColumnOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
