/**
 * Shared readers for what the docs put in HTML/JSX and GFM tables.
 *
 * MDX parses `<table>`, `<tr>`, `<td>` as JSX elements, sometimes flow and
 * sometimes text (wrapped in paragraphs) depending on line breaks, so readers
 * look for descendants by element name instead of relying on tree shape.
 *
 * How a cell becomes text (the one rule for every description):
 * - the cell's source is taken as written (markdown, links, inline code kept);
 * - `<br />` becomes a line break and HTML character references are decoded
 *   (`&gt;` → `>`, `&#123;` → `{`), because the docs generator wrote them only
 *   to get past MDX, and a reader of the description wants the characters;
 * - the result is trimmed.
 */
import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttributeValueExpression, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toString } from 'mdast-util-to-string';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Node, Parent } from 'unist';

export type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;

export function isJsxElement(node: Node, name?: string): node is JsxElement {
  return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && (name === undefined || (node as JsxElement).name === name);
}

export function childrenOf(node: Node): Node[] {
  const children = (node as Partial<Parent>).children;
  return Array.isArray(children) ? children : [];
}

/** A string attribute's value (`code="id"`), or null where absent or an expression. */
export function attribute(element: JsxElement, name: string): string | null {
  for (const attr of element.attributes) {
    if (attr.type === 'mdxJsxAttribute' && attr.name === name) return typeof attr.value === 'string' ? attr.value : null;
  }
  return null;
}

/** An expression attribute (`fields={[…]}`), or null. */
export function expressionAttribute(element: JsxElement, name: string): MdxJsxAttributeValueExpression | null {
  for (const attr of element.attributes) {
    if (attr.type === 'mdxJsxAttribute' && attr.name === name && attr.value !== null && typeof attr.value === 'object') return attr.value;
  }
  return null;
}

/**
 * Descendants of `nodes` (themselves included) that satisfy `match`, in
 * document order; a match is not searched further, so nested tables stay
 * inside their cell.
 */
export function findAll<T extends Node>(nodes: readonly Node[], match: (node: Node) => node is T): T[] {
  const found: T[] = [];
  visitUntil(nodes, match, found);
  return found;
}

// Indexed loops, not for…of: every section reader walks the tree through here, and cold code pays the iterator protocol per node.
function visitUntil<T extends Node>(nodes: readonly Node[], match: (node: Node) => node is T, found: T[]): void {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as Node;
    if (match(node)) found.push(node);
    else visitUntil(childrenOf(node), match, found);
  }
}

export function findElements(nodes: readonly Node[], name: string): JsxElement[] {
  return findAll(nodes, (node): node is JsxElement => isJsxElement(node, name));
}

/** The exact source of a node. */
export function sourceOf(node: Node, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? '' : source.slice(start, end);
}

export interface TableCell {
  node: Node;
  /** The cell's content exactly as written, without the `<td>` tags or pipes. */
  raw: string;
}

export interface TableRow {
  node: Node;
  /** `<tr id="…">`, used by `## Parameters` (`parameter-NAME`). */
  id: string | null;
  cells: TableCell[];
}

/** An HTML `<table>` or a GFM pipe table, read the same way. */
export interface Table {
  node: Node;
  format: 'html' | 'gfm';
  /** Header cells' plain text (`<th>` or the GFM header row); empty for a headerless HTML table (the Overview). */
  header: string[];
  rows: TableRow[];
}

export function isTable(node: Node): node is Node {
  return node.type === 'table' || isJsxElement(node, 'table');
}

/** Top-level tables among `nodes` (a table inside a cell is part of that cell). */
export function findTables(nodes: readonly Node[]): Node[] {
  return findAll(nodes, isTable);
}

export function readTable(node: Node, source: string): Table {
  if (node.type === 'table') return readGfmTable(node, source);
  const rows = findElements(childrenOf(node), 'tr').map((tr): TableRow & { isHeader: boolean } => {
    const cells = findAll(childrenOf(tr), (n): n is JsxElement => isJsxElement(n, 'td') || isJsxElement(n, 'th'));
    return {
      node: tr,
      id: attribute(tr, 'id'),
      isHeader: cells.length > 0 && cells.every((cell) => cell.name === 'th'),
      cells: cells.map((cell) => new HtmlCell(cell, source)),
    };
  });
  const headerRow = rows.find((row) => row.isHeader);
  return {
    node,
    format: 'html',
    header: headerRow ? headerRow.cells.map((cell) => plainText(cell.node)) : [],
    rows: rows.filter((row) => !row.isHeader).map(({ node: rowNode, id, cells }) => ({ node: rowNode, id, cells })),
  };
}

/** A `<td>`/`<th>` whose source is cut out only when read: readers want it of the Description cells alone. */
class HtmlCell implements TableCell {
  constructor(
    readonly node: JsxElement,
    private readonly source: string,
  ) {}

  get raw(): string {
    return innerSource(this.node, this.source);
  }
}

function readGfmTable(node: Node, source: string): Table {
  const [head, ...body] = childrenOf(node).map(
    (row): TableRow => ({
      node: row,
      id: null,
      cells: childrenOf(row).map((cell) => ({ node: cell, raw: gfmCellSource(cell, source) })),
    }),
  );
  return { node, format: 'gfm', header: head ? head.cells.map((cell) => plainText(cell.node)) : [], rows: body };
}

function gfmCellSource(cell: Node, source: string): string {
  const children = childrenOf(cell);
  const first = children[0]?.position?.start.offset;
  const last = children[children.length - 1]?.position?.end.offset;
  return first === undefined || last === undefined ? '' : source.slice(first, last).trim();
}

/** `<td …>content</td>` → `content` as written. */
function innerSource(element: JsxElement, source: string): string {
  const whole = sourceOf(element, source);
  // What `/^<[A-Za-z][^>]*>/` and `/<\/[A-Za-z]*>\s*$/` would strip, found without a regex scan per cell (`\s` is what trimEnd drops).
  const trimmed = whole.trimEnd();
  if (trimmed.endsWith('/>') && !whole.includes('</')) return '';
  const opened = whole.charCodeAt(0) === 0x3c && isAsciiLetter(whole.charCodeAt(1)) ? whole.indexOf('>') + 1 : 0;
  const inner = whole.slice(opened);
  const closing = trimmed.endsWith('>') ? inner.lastIndexOf('</') : -1;
  return closing !== -1 && isClosingTagTail(inner, closing + 2, trimmed.length - opened - 1) ? inner.slice(0, closing) : inner;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Whether `text[from, to)` is letters only: the name of a closing tag whose `>` is at `to`. */
function isClosingTagTail(text: string, from: number, to: number): boolean {
  if (from > to) return false;
  for (let index = from; index < to; index++) if (!isAsciiLetter(text.charCodeAt(index))) return false;
  return true;
}

/** Plain text of a node: what a reader sees, markup dropped. */
export function plainText(node: Node): string {
  return toString(node as Root | RootContent).replace(/\s+/g, ' ').trim();
}

/**
 * Whether `pattern` matches `plainText` of `nodes` (taken as one root's
 * children), without building that text: a section's plain text is all of
 * its tables' text, while the phrases looked for are a few words. Text is
 * taken as mdast-util-to-string takes it (a node's `value`, else its `alt`,
 * else its children's text, joined without separators), whitespace runs
 * read as one space, and the text is tested in windows that overlap by
 * `maxMatchLength`, so `pattern` must never match more characters than that
 * and must neither start nor end with whitespace. Every match must contain
 * `required`, a run without whitespace: a window without it is not tested
 * (or normalised, but for the overlap it carries on).
 */
export function plainTextMatches(nodes: readonly Node[], pattern: RegExp, maxMatchLength: number, required: string): boolean {
  let window = '';
  let found = false;
  const test = (): void => {
    if (!window.includes(required)) {
      // Collapsing whitespace keeps every run without it, so the window holds no match; carry on only its normalised tail.
      window = normalizedTail(window, maxMatchLength);
      return;
    }
    const normalized = window.replace(/\s+/g, ' ');
    found = pattern.test(normalized);
    window = normalized.slice(-maxMatchLength);
  };
  const visit = (value: unknown): void => {
    if (found) return;
    if (value !== null && typeof value === 'object') {
      if ('value' in value) {
        const text = (value as { value: unknown }).value;
        // to-string joins the parts with Array#join, which writes null and undefined as ''.
        if (text !== null && text !== undefined) window += String(text);
        if (window.length > WINDOW_CHARACTERS) test();
        return;
      }
      const alt = (value as { alt?: unknown }).alt;
      if ('alt' in value && alt) {
        window += String(alt);
        return;
      }
      if ('children' in value) return visit((value as { children: unknown }).children);
    }
    if (Array.isArray(value)) for (const item of value) visit(item);
  };
  visit(nodes);
  if (!found) test();
  return found;
}

/**
 * The last `length` characters of `text` with its whitespace runs read as
 * one space, normalising only a suffix: a suffix's normal form is a suffix
 * of the whole's (a run cut in two still reads as one space), so one long
 * enough gives the same characters.
 */
function normalizedTail(text: string, length: number): string {
  for (let take = 2 * length; ; take *= 2) {
    const tail = text.slice(-take).replace(/\s+/g, ' ');
    if (tail.length >= length || take >= text.length) return tail.slice(-length);
  }
}

const WINDOW_CHARACTERS = 8192;

/**
 * The names a cell shows as code, in order: `<CopyableCode code="x" />`,
 * `<code>x</code>`, `` `x` ``. Links around them are looked through.
 */
export function codesIn(node: Node): string[] {
  const codes: string[] = [];
  const visit = (n: Node): void => {
    if (isJsxElement(n, 'CopyableCode')) {
      const code = attribute(n, 'code');
      if (code !== null) codes.push(code);
      return;
    }
    if (isJsxElement(n, 'code')) {
      codes.push(toString(n));
      return;
    }
    if (n.type === 'inlineCode') {
      codes.push((n as unknown as { value: string }).value);
      return;
    }
    for (const child of childrenOf(n)) visit(child);
  };
  visit(node);
  return codes;
}

/** A name cell: its first code, else its plain text. */
export function nameIn(node: Node): string {
  return codesIn(node)[0] ?? plainText(node);
}

/** Markdown as written, with `<br />` as line breaks and character references decoded (see the module comment). */
export function cellMarkdown(raw: string): string {
  // Most cells are one line of plain text: no tag to read as a break, no reference, no line to trim on its own.
  if (!raw.includes('<') && !raw.includes('&') && !raw.includes('\n')) return raw.trim();
  return decodeReferences(raw.replace(/<br\s*\/?>/gi, '\n'))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** A hint value (`pattern: <code>^a&#123;2&#125;$</code>`) as its characters: wrapping `<code>` dropped, references decoded. */
export function hintText(raw: string): string {
  const trimmed = raw.trim();
  const unwrapped = /^<code>([\s\S]*)<\/code>$/.exec(trimmed)?.[1] ?? trimmed;
  return cellMarkdown(unwrapped);
}

export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    const decoded = decodeNamedCharacterReference(body);
    return decoded === false ? whole : decoded;
  });
}
