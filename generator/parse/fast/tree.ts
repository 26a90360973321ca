import type { Root, RootContent } from 'mdast';
import type { Node, Position } from 'unist';
import { readInline, textOf } from './inline.js';
import { Locator } from './locate.js';

/**
 * A line scanner that builds, for pages in the docs generator's current
 * layout, the mdast tree the page reader needs: the nodes remark-mdx makes,
 * at the same positions, so the page reader's own section readers run on it
 * unchanged. It accepts only lines of the forms below and returns null for
 * anything else, so the caller can hand the page to remark-mdx:
 *
 * ```
 * ---⏎ yaml ⏎---                          frontmatter
 * import X from '…';                      imports
 * ## Title                                headings (inline code allowed)
 * plain paragraph lines                   (no block markup, no `{`/`}`)
 * <table> … </table>                      thead/tbody/tr/th/td, one cell per line or one row per line
 * <Tabs⏎ defaultValue="…"⏎ values={[⏎ { label: '…', value: '…' },⏎ ]}⏎>
 * <TabItem value="…"> … </TabItem>        holding paragraphs, tables, fences, CodeBlocks
 * ```sql … ```                            fenced code
 * <CodeBlock language="yaml">{`…`}</CodeBlock>
 * ```
 *
 * Where the tree differs from remark's (no paragraph wrappers around inline
 * JSX, one text node per line, no estree on expressions), it differs only in
 * shape: the page reader finds elements by name, reads cells by source
 * offsets and reads text through `mdast-util-to-string`, and this tree gives
 * the same answers to all three. Cells whose markdown this scanner does not
 * model (emphasis, links) are accepted only in Description columns, which
 * the reader takes as written.
 */
export function buildTree(source: string): Root | null {
  const result = scan(source);
  return 'tree' in result ? result.tree : null;
}

/** Where the scanner stopped recognising a page (1-based line), for tuning it; null where it recognises the page. */
export function refusedAt(source: string): { line: number; text: string } | null {
  const result = scan(source);
  return 'refusedLine' in result ? { line: result.refusedLine + 1, text: source.split('\n')[result.refusedLine] ?? '' } : null;
}

function scan(source: string): { tree: Root } | { refusedLine: number } {
  if (source.includes('\r')) return { refusedLine: 0 };
  const scanner = new Scanner(source);
  try {
    return { tree: scanner.root() };
  } catch (error) {
    if (error instanceof Refused) return { refusedLine: error.offset === null ? scanner.line : new Locator(source).point(error.offset).line - 1 };
    throw error;
  }
}

/** Thrown inside the scanner only, to leave a page it does not recognise; never escapes `buildTree`. */
class Refused extends Error {
  constructor(readonly offset: number | null) {
    super('refused');
  }
}

function refuse(offset: number | null = null): never {
  throw new Refused(offset);
}

const IMPORT_LINE = /^import [A-Za-z]+ from '[^']+';?$/;
const FENCE_OPEN = /^(`{3,})([A-Za-z0-9_-]*)$/;
/** `*   text`: a bullet, one to four spaces (more would start indented code in the item), the item's text. */
const LIST_ITEM = /^([*+-]) {1,4}(\S.*)$/;
const THEMATIC = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const TAB_VALUE = /^ {8}\{ label: '[^'\\{}]*', value: '[^'\\{}]*' \},?$/;

class Scanner {
  private readonly lines: string[];
  private readonly at: Locator;
  private index = 0;

  constructor(private readonly source: string) {
    this.lines = source.split('\n');
    this.at = new Locator(source);
  }

  /** The line being read (0-based). */
  get line(): number {
    return this.index;
  }

  private start(line: number): number {
    return this.at.lineStarts[line] as number;
  }

  private end(line: number): number {
    return this.start(line) + (this.lines[line] as string).length;
  }

  private span(fromLine: number, fromColumn: number, toLine: number, toColumn: number): Position {
    return this.at.span(this.start(fromLine) + fromColumn, this.start(toLine) + toColumn);
  }

  root(): Root {
    const children: RootContent[] = [];
    this.frontmatter(children);
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (line === '') {
        this.index += 1;
        continue;
      }
      if (IMPORT_LINE.test(line)) children.push(this.imports());
      else if (line.startsWith('#')) children.push(this.heading());
      else children.push(...this.flow('root'));
    }
    return { type: 'root', children, position: this.at.span(0, this.source.length) } as Root;
  }

  private frontmatter(children: RootContent[]): void {
    if (!/^--- *$/.test(this.lines[0] ?? '')) return;
    let close = 1;
    while (close < this.lines.length && this.lines[close] !== '---') close += 1;
    if (close >= this.lines.length) refuse();
    const value = this.lines.slice(1, close).join('\n');
    children.push({ type: 'yaml', value, position: this.span(0, 0, close, 3) } as RootContent);
    this.index = close + 1;
  }

  private imports(): RootContent {
    const first = this.index;
    while (this.index < this.lines.length && IMPORT_LINE.test(this.lines[this.index] as string)) this.index += 1;
    const last = this.index - 1;
    const value = this.lines.slice(first, last + 1).join('\n');
    return { type: 'mdxjsEsm', value, position: this.span(first, 0, last, (this.lines[last] as string).length) } as RootContent;
  }

  private heading(): RootContent {
    const line = this.lines[this.index] as string;
    const match = /^(#{1,6}) (\S(?:.*\S)?)$/.exec(line);
    if (!match || /#$/.test(line)) refuse();
    const depth = (match[1] as string).length;
    const textStart = depth + 1;
    const inline = readInline(match[2] as string, this.start(this.index) + textStart, this.at);
    if (inline.kind !== 'exact') refuse();
    const node = { type: 'heading', depth, children: inline.nodes, position: this.span(this.index, 0, this.index, line.length) };
    this.index += 1;
    return node as RootContent;
  }

  /**
   * Flow content up to the end of the page (`root`) or of the enclosing
   * `</TabItem>` (`tab`): paragraphs, tables, fences, Tabs, CodeBlocks.
   * Returns one block per call at the root, all blocks of the tab otherwise.
   */
  private flow(context: 'root' | 'tab'): RootContent[] {
    const blocks: RootContent[] = [];
    let previousWasList = false;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (line === '') {
        this.index += 1;
        continue;
      }
      if (context === 'tab' && line === '</TabItem>') return blocks;
      const listItem = context === 'tab' ? LIST_ITEM.exec(line) : null;
      // A second item after a blank line would make one loose list of both.
      if (previousWasList && listItem) refuse();
      previousWasList = listItem !== null;
      if (listItem) blocks.push(this.list(listItem));
      else if (line.startsWith('<table')) blocks.push(this.table());
      else if (line === '<Tabs') blocks.push(this.tabs());
      else if (line.startsWith('<CodeBlock ')) blocks.push(this.codeBlock());
      else if (line.startsWith('```')) blocks.push(this.fence());
      else if (context === 'root' && (line.startsWith('#') || IMPORT_LINE.test(line))) return blocks;
      else blocks.push(this.paragraph());
      if (context === 'root') return blocks;
    }
    if (context === 'tab') refuse();
    return blocks;
  }

  /**
   * A bullet list of one item on one line, followed by a blank line: what
   * the docs generator makes of a markdown list in a description (its items
   * joined with `<br />`). The item holds one paragraph, as text would.
   */
  private list(match: RegExpExecArray): RootContent {
    const line = this.lines[this.index] as string;
    const content = match[2] as string;
    const contentStart = line.length - content.length;
    if (THEMATIC.test(line) || /\s$/.test(line) || this.lines[this.index + 1] !== '') refuse();
    if (!startsParagraphText(content, true) || /^(?:import|export)\b/.test(content) || /^\d+[.)]/.test(content) || content.startsWith('```') || content.includes('<table')) refuse();
    const inline = readInline(content, this.start(this.index) + contentStart, this.at);
    if (inline.kind === 'refused') refuse();
    const paragraph = { type: 'paragraph', children: inline.nodes, position: this.span(this.index, contentStart, this.index, line.length) };
    if (inline.kind === 'opaque') (paragraph as { data?: unknown }).data = { fastOpaque: true };
    const position = this.span(this.index, 0, this.index, line.length);
    this.index += 1;
    const item = { type: 'listItem', spread: false, checked: null, children: [paragraph], position };
    return { type: 'list', ordered: false, start: null, spread: false, children: [item], position } as RootContent;
  }

  private paragraph(): RootContent {
    const first = this.index;
    const children: Node[] = [];
    let opaque = false;
    let unpairedBacktick = false;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (line === '') break;
      // Anything that could open another block, continue a list or quote, or be trimmed by markdown.
      if (!startsParagraphText(line, this.index === first) || /^(?:import|export)\b/.test(line) || /^\d+[.)]/.test(line) || line.startsWith('```') || /\s$/.test(line) || line.includes('<table')) refuse();
      if (this.index > first) children.push({ type: 'text', value: '\n', position: this.at.span(this.start(this.index) - 1, this.start(this.index)) } as Node);
      const inline = readInline(line, this.start(this.index), this.at);
      if (inline.kind === 'refused') refuse();
      if (inline.kind === 'opaque') opaque = true;
      unpairedBacktick ||= inline.unpairedBacktick;
      children.push(...inline.nodes);
      this.index += 1;
    }
    const last = this.index - 1;
    // remark pairs backtick runs across the paragraph's lines, where the scanner read each line alone.
    if (unpairedBacktick && last > first) refuse();
    const node = { type: 'paragraph', children, position: this.span(first, 0, last, (this.lines[last] as string).length) };
    if (opaque) (node as { data?: unknown }).data = { fastOpaque: true };
    return node as RootContent;
  }

  private fence(): RootContent {
    const first = this.index;
    const match = FENCE_OPEN.exec(this.lines[first] as string);
    if (!match) refuse();
    const ticks = (match[1] as string).length;
    let close = first + 1;
    while (close < this.lines.length && !isClosingFence(this.lines[close] as string, ticks)) {
      const line = this.lines[close] as string;
      // A container's closing tag inside a fence would end the fence early in MDX.
      if (line === '</TabItem>' || line === '</Tabs>') refuse();
      close += 1;
    }
    if (close >= this.lines.length) refuse();
    const value = this.lines.slice(first + 1, close).join('\n');
    this.index = close + 1;
    return {
      type: 'code',
      lang: match[2] === '' ? null : match[2],
      meta: null,
      value,
      position: this.span(first, 0, close, (this.lines[close] as string).length),
    } as RootContent;
  }

  /** `<CodeBlock language="yaml">{`…`}</CodeBlock>`: a template literal without escapes or substitutions. */
  private codeBlock(): RootContent {
    const first = this.index;
    const opening = /^<CodeBlock language="([A-Za-z0-9_-]+)">\{`/.exec(this.lines[first] as string);
    if (!opening) refuse();
    let close = first;
    while (close < this.lines.length && !(this.lines[close] as string).endsWith('`}</CodeBlock>')) close += 1;
    if (close >= this.lines.length) refuse();
    const expressionStart = this.start(first) + opening[0].length - 2;
    const expressionEnd = this.end(close) - '</CodeBlock>'.length;
    const literal = stripExpressionIndent(this.source.slice(expressionStart + 1, expressionEnd - 1));
    if (literal === null) refuse();
    const cooked = cookTemplate(literal);
    if (cooked === null) refuse();
    this.index = close + 1;
    const expression = {
      type: 'mdxFlowExpression',
      value: literal,
      position: this.at.span(expressionStart, expressionEnd),
      data: { estree: templateProgram(literal.slice(1, -1), cooked, expressionStart + 2, expressionEnd - 2, this.at) },
    };
    return {
      type: 'mdxJsxFlowElement',
      name: 'CodeBlock',
      attributes: [{ type: 'mdxJsxAttribute', name: 'language', value: opening[1] }],
      children: [expression],
      position: this.at.span(this.start(first), this.end(close)),
    } as RootContent;
  }

  private tabs(): RootContent {
    const first = this.index;
    const defaultLine = /^ {4}defaultValue="([^"{}<>&]*)"$/.exec(this.lines[first + 1] ?? '');
    if (!defaultLine || this.lines[first + 2] !== '    values={[') refuse();
    let line = first + 3;
    while (TAB_VALUE.test(this.lines[line] ?? '')) line += 1;
    if (this.lines[line] !== '    ]}' || this.lines[line + 1] !== '>') refuse();
    const valuesStart = this.start(first + 2) + '    values={'.length;
    const valuesEnd = this.start(line) + '    ]'.length;
    const attributes = [
      { type: 'mdxJsxAttribute', name: 'defaultValue', value: defaultLine[1] },
      { type: 'mdxJsxAttribute', name: 'values', value: { type: 'mdxJsxAttributeValueExpression', value: this.source.slice(valuesStart, valuesEnd) } },
    ];
    this.index = line + 2;
    const children: RootContent[] = [];
    for (;;) {
      while (this.lines[this.index] === '') this.index += 1;
      const current = this.lines[this.index];
      if (current === undefined) refuse();
      if (current === '</Tabs>') break;
      children.push(this.tabItem());
    }
    const last = this.index;
    this.index += 1;
    return { type: 'mdxJsxFlowElement', name: 'Tabs', attributes, children, position: this.span(first, 0, last, '</Tabs>'.length) } as RootContent;
  }

  private tabItem(): RootContent {
    const first = this.index;
    const opening = /^<TabItem value="([^"{}<>&]*)">$/.exec(this.lines[first] as string);
    if (!opening) refuse();
    this.index += 1;
    const children = this.flow('tab');
    const last = this.index;
    this.index += 1;
    return {
      type: 'mdxJsxFlowElement',
      name: 'TabItem',
      attributes: [{ type: 'mdxJsxAttribute', name: 'value', value: opening[1] }],
      children,
      position: this.span(first, 0, last, '</TabItem>'.length),
    } as RootContent;
  }

  /**
   * `<table>` up to the first line that ends with `</table>`, read as a
   * stream of tags with whitespace between: table > thead? > tbody > tr > th|td.
   */
  private table(): RootContent {
    const first = this.index;
    let last = first;
    while (last < this.lines.length && !(this.lines[last] as string).trimEnd().endsWith('</table>')) last += 1;
    if (last >= this.lines.length) refuse();
    const reader = new TableReader(this.source, this.start(first), this.end(last), this.at);
    const node = reader.read();
    this.index = last + 1;
    return node;
  }
}

/**
 * micromark-factory-mdx-expression drops up to two spaces of indent from
 * each line of an expression after its first (it reserves them for
 * container prefixes), so the value and estree of `{`…`}` lack them too.
 * A tab there is split into columns in ways this does not model: refused.
 */
export function stripExpressionIndent(text: string): string | null {
  const [first, ...rest] = text.split('\n');
  if (rest.some((line) => /^ {0,2}\t/.test(line))) return null;
  return [first, ...rest.map((line) => line.replace(/^ {1,2}/, ''))].join('\n');
}

/**
 * The cooked value of a template literal `` `…` `` whose only escapes are
 * `` \` ``, `\\` and `\$` (all the docs write), without `${`; null otherwise.
 * Braces must balance, since MDX finds the expression's end by counting them.
 */
export function cookTemplate(literal: string): string | null {
  if (!/^`(?:[^`\\$]|\\[`\\$]|\$(?!\{))*`$/.test(literal)) return null;
  // Brace to brace by `indexOf`: a manifest's literal is long and holds few.
  let depth = 0;
  let open = literal.indexOf('{');
  let close = literal.indexOf('}');
  while (close !== -1) {
    if (open !== -1 && open < close) {
      depth += 1;
      open = literal.indexOf('{', open + 1);
    } else {
      if ((depth -= 1) < 0) return null;
      close = literal.indexOf('}', close + 1);
    }
  }
  if (open !== -1 || depth !== 0) return null;
  return literal.slice(1, -1).replace(/\\([`\\$])/g, '$1');
}

/**
 * The estree remark-mdx attaches to `{`…`}`: one expression statement
 * holding the template literal, whose element carries page offsets
 * (`start`/`end`, `loc` with 0-based columns) as acorn reports them.
 */
function templateProgram(raw: string, cooked: string, start: number, end: number, at: Locator): unknown {
  const where = (offset: number) => {
    const point = at.point(offset);
    return { line: point.line, column: point.column - 1, offset };
  };
  const quasi = { type: 'TemplateElement', start, end, loc: { start: where(start), end: where(end) }, range: [start, end], value: { raw, cooked }, tail: true };
  const expression = { type: 'TemplateLiteral', start: start - 1, end: end + 1, loc: { start: where(start - 1), end: where(end + 1) }, range: [start - 1, end + 1], expressions: [], quasis: [quasi] };
  return { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression }] };
}

/**
 * A line that markdown can only read as paragraph text: it opens no block
 * (list, quote, heading, fence, JSX flow element). `&gt;` is a character
 * reference, not a quote; `**x` is emphasis, not a list; a `<br />` glued
 * to text starts a paragraph, but only on its first line (a later line
 * starting with a tag may be a flow element that ends the paragraph).
 */
function startsParagraphText(line: string, isFirst: boolean): boolean {
  if (/^[A-Za-z0-9("'`&]/.test(line)) return true;
  if (/^\*\*[^\s*]/.test(line)) return true;
  return isFirst && /^<br \/>[A-Za-z]/.test(line);
}

function isClosingFence(line: string, ticks: number): boolean {
  const match = /^(`{3,}) *$/.exec(line);
  return match !== null && (match[1] as string).length >= ticks;
}

/** The opening and closing tags of the table elements read by name, written once instead of per row and cell. */
const OPEN_TAG = { thead: '<thead>', tbody: '<tbody>', td: '<td>', th: '<th>' } as const;
const CLOSE_TAG = { thead: '</thead>', tbody: '</tbody>', td: '</td>', th: '</th>' } as const;

/** `<tr>` or `<tr id="…">` at the reader's cursor (sticky: matched where the cursor is, not searched for). */
const ROW_OPEN = /<tr(?: id="([^"{}<>&]*)")?>/y;

/** Reads one HTML table from `from` (its `<table`) to `to` (just after `</table>`). */
class TableReader {
  private cursor: number;
  /** Header cell texts, lowercased, to know which column is a description. */
  private header: string[] = [];

  constructor(
    private readonly source: string,
    private readonly from: number,
    private readonly to: number,
    private readonly at: Locator,
  ) {
    this.cursor = from;
  }

  read(): RootContent {
    this.expect('<table>');
    const children: Node[] = [];
    this.skipSpace();
    if (this.source.startsWith('<thead>', this.cursor)) children.push(this.group('thead'));
    this.skipSpace();
    children.push(this.group('tbody'));
    this.skipSpace();
    this.expect('</table>');
    if (this.cursor !== this.to) refuse(this.cursor);
    return { type: 'mdxJsxFlowElement', name: 'table', attributes: [], children, position: this.at.span(this.from, this.to) } as RootContent;
  }

  private group(name: 'thead' | 'tbody'): Node {
    const start = this.cursor;
    this.expect(OPEN_TAG[name]);
    const closing = CLOSE_TAG[name];
    const rows: Node[] = [];
    for (;;) {
      this.skipSpace();
      if (this.source.startsWith(closing, this.cursor)) break;
      rows.push(this.row(name === 'thead'));
    }
    this.expect(closing);
    return element(name, [], rows, this.at.span(start, this.cursor));
  }

  private row(isHeader: boolean): Node {
    const start = this.cursor;
    let attributes: unknown[] = [];
    // Most rows open bare: no regex match for them.
    if (this.source.startsWith('<tr>', this.cursor)) this.cursor += '<tr>'.length;
    else {
      ROW_OPEN.lastIndex = this.cursor;
      const opening = ROW_OPEN.exec(this.source);
      if (!opening) refuse(this.cursor);
      this.cursor += opening[0].length;
      if (opening[1] !== undefined) attributes = [{ type: 'mdxJsxAttribute', name: 'id', value: opening[1] }];
    }
    const cells: Node[] = [];
    const texts: string[] = [];
    for (;;) {
      this.skipSpace();
      if (this.source.startsWith('</tr>', this.cursor)) break;
      const cell = this.cell(isHeader ? 'th' : 'td', cells.length, texts[0] ?? null);
      cells.push(cell.node);
      texts.push(cell.text);
    }
    this.expect('</tr>');
    if (isHeader) this.header = texts.map((text) => text.toLowerCase());
    return element('tr', attributes, cells, this.at.span(start, this.cursor));
  }

  /** One `<td>…</td>` on one line; its inline content must be exact unless it is a description (see `buildTree`). */
  private cell(name: 'td' | 'th', column: number, rowLabel: string | null): { node: Node; text: string } {
    const start = this.cursor;
    this.expect(OPEN_TAG[name]);
    const close = this.source.indexOf(CLOSE_TAG[name], this.cursor);
    if (close === -1 || close > this.to) refuse(this.cursor);
    const content = this.source.slice(this.cursor, close);
    if (content.includes('\n') || /<\/?(?:table|thead|tbody|tr|td|th)\b/.test(content)) refuse(this.cursor);
    const inline = readInline(content, this.cursor, this.at);
    if (inline.kind === 'refused') refuse(this.cursor);
    const isDescription = this.header.length > 0 ? this.header[column] === 'description' : column === 1 && rowLabel === 'Description';
    if (inline.kind === 'opaque' && !isDescription) refuse(this.cursor);
    this.cursor = close + name.length + 3;
    // Only header cells and the Overview's labels are looked up by their text.
    const text = inline.kind === 'exact' && (name === 'th' || (this.header.length === 0 && column === 0)) ? plainTextOf(inline.nodes) : '';
    const node = element(name, [], inline.nodes, this.at.span(start, this.cursor));
    if (inline.kind === 'opaque') (node as { data?: unknown }).data = { fastOpaque: true };
    return { node, text };
  }

  private expect(token: string): void {
    if (!this.source.startsWith(token, this.cursor)) refuse(this.cursor);
    this.cursor += token.length;
  }

  private skipSpace(): void {
    for (;;) {
      const code = this.source.charCodeAt(this.cursor);
      if (this.cursor >= this.to || (code !== 0x20 && code !== 0x0a && code !== 0x09)) return;
      this.cursor += 1;
    }
  }
}

function element(name: string, attributes: unknown[], children: Node[], position: Position): Node {
  return { type: 'mdxJsxFlowElement', name, attributes, children, position } as Node;
}

function plainTextOf(nodes: readonly Node[]): string {
  return textOf(nodes).replace(/\s+/g, ' ').trim();
}

