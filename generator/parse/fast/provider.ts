import type { Root, RootContent } from 'mdast';
import type { Node, Position } from 'unist';
import { normalizeTitle } from '../context.js';
import { readInline, textOf } from './inline.js';
import { Locator } from './locate.js';

/**
 * The provider page the docs generator writes (`index.md` at the docs root),
 * read into the blocks remark-mdx makes of it, at the same positions:
 *
 * ```mdx
 * ---⏎ yaml ⏎---                                  frontmatter
 * import CopyableCode from '…';                   imports
 * Authentication and authorization services.      paragraphs (`:::info[…]`, `__55__`, links, hard breaks)
 * * * *                                           thematic break
 * ## Installation                                 headings
 * ```bash ⏎ REGISTRY PULL okta; ⏎ ```             fences
 * > To view previous provider versions, see [here](…).   one-line quotes
 * - <CopyableCode code="OKTA_API_TOKEN" /> - Okta API Token (see <a href="…">…</a>)
 * <details> ⏎ <summary>…</summary> ⏎ … ⏎ </details>
 * <div class="row"> ⏎ <div class="providerDocColumn"> ⏎ <a href="/services/x/">x</a><br /> ⏎ … </div> ⏎ </div>
 * ```
 *
 * Lines may end in LF or CRLF (generated pages mix them). Every line must
 * be one of these forms, in a place where markdown cannot read it any other
 * way (no setext underline, lazy continuation, loose list, flow tag inside a
 * paragraph, `{`, unknown tag): anything else returns null and the page goes
 * to remark. The provider page reader takes paragraphs and list items by
 * their source, finds `<CopyableCode>` as an item's first child and fences
 * anywhere in a section, and reads headings and the Services section's
 * links by their text: so list items must start with the CopyableCode, and
 * headings and every line of a Services section must be inline content this
 * reader models exactly.
 */
export function providerPageTree(source: string): Root | null {
  const lines = splitLines(source);
  if (lines === null) return null;
  const scanner = new ProviderScanner(source, lines);
  try {
    return scanner.root();
  } catch (error) {
    if (error instanceof Refused) return null;
    throw error;
  }
}

/** One line: its text without the line ending, and where it starts and its text ends on the page. */
interface Line {
  text: string;
  start: number;
  end: number;
}

/** Lines split at LF or CRLF; null where a CR stands alone (markdown ends a line there too, which this does not model). */
function splitLines(source: string): Line[] | null {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = source.indexOf('\n', start);
    const stop = newline === -1 ? source.length : newline;
    const end = stop > start && source.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop;
    const text = source.slice(start, end);
    if (text.includes('\r')) return null;
    lines.push({ text, start, end });
    if (newline === -1) return lines;
    start = newline + 1;
  }
}

/** Thrown inside the scanner only, to leave a page it does not recognise; never escapes `providerPageTree`. */
class Refused extends Error {}

function refuse(): never {
  throw new Refused('refused');
}

const IMPORT_LINE = /^import [A-Za-z]+ from '[^']+';?$/;
const BLANK = /^[ \t]*$/;
const FENCE_OPEN = /^(`{3,})([A-Za-z0-9_-]*)$/;
const THEMATIC_BREAK = /^\*(?:[ \t]*\*){2,}[ \t]*$/;
const FLOW_OPEN = /^<(details|div)((?: class="[^"<>{}&]*")?)>$/;
const LIST_ITEM = /^- <CopyableCode code="[^"<>{}&]*" \/>/;
/** What GFM may turn into a link in text (`www.`, a URL, an e-mail address): a link in Services would be read as a service. */
const AUTOLINK_LITERAL = /www\.|[a-z]+:|@/i;

/** A line markdown could read as something other than paragraph text: a block opener, a definition, an expression, ESM. */
function opensOtherBlock(text: string): boolean {
  return (
    /^[ \t#>{}|=]/.test(text) ||
    /^[-*+](?:[ \t]|$)/.test(text) ||
    /^\d+[.)]/.test(text) ||
    /^(?:```|~~~)/.test(text) ||
    /^(?:import|export)\b/.test(text) ||
    /^\[[^\]]*\]:/.test(text) ||
    /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(text) ||
    // Tags alone on a line are a flow element in MDX, not paragraph text.
    (text.startsWith('<') && text.replace(/<[^<>]*>/g, '').trim() === '') ||
    // A pipe may make a GFM table of this line and the next.
    text.includes('|')
  );
}

class ProviderScanner {
  private readonly at: Locator;
  private index = 0;
  /** Whether the current `##` section is Services, whose links are read by their text. */
  private inServices = false;

  constructor(
    private readonly source: string,
    private readonly lines: readonly Line[],
  ) {
    this.at = new Locator(source);
  }

  private line(index = this.index): Line | undefined {
    return this.lines[index];
  }

  private span(start: number, end: number): Position {
    return this.at.span(start, end);
  }

  root(): Root {
    const children: RootContent[] = [];
    this.frontmatter(children);
    children.push(...this.blocks(null));
    return { type: 'root', children, position: this.span(0, this.source.length) } as Root;
  }

  /** `---` (trailing blanks allowed) up to the first `---` line, as remark-frontmatter reads it. */
  private frontmatter(children: RootContent[]): void {
    const first = this.line(0);
    if (!first || !/^--- *$/.test(first.text)) return;
    let close = 1;
    while (close < this.lines.length && this.lines[close]?.text !== '---') close += 1;
    const closing = this.line(close);
    if (!closing) refuse();
    const value = close === 1 ? '' : this.source.slice((this.line(1) as Line).start, (this.line(close - 1) as Line).end);
    children.push({ type: 'yaml', value, position: this.span(0, closing.end) } as RootContent);
    this.index = close + 1;
  }

  /** Blocks up to the end of the page (`container` null) or up to the container's closing tag line (left unread). */
  private blocks(container: string | null): RootContent[] {
    const blocks: RootContent[] = [];
    let previousWasList = false;
    for (let line = this.line(); line !== undefined; line = this.line()) {
      const text = line.text;
      if (BLANK.test(text)) {
        this.index += 1;
        continue;
      }
      if (container !== null && text === `</${container}>`) return blocks;
      // A list item after a list and blank lines would continue that list (a loose one).
      if (previousWasList && /^[-*+](?:[ \t]|$)/.test(text)) refuse();
      previousWasList = false;
      if (container === null && IMPORT_LINE.test(text)) blocks.push(this.imports());
      else if (text.startsWith('#')) blocks.push(this.heading(container));
      else if (text.startsWith('```')) blocks.push(this.fence());
      else if (text.startsWith('> ')) blocks.push(this.blockquote());
      else if (THEMATIC_BREAK.test(text)) blocks.push(this.thematicBreak());
      else if (text.startsWith('- ')) {
        blocks.push(this.list());
        previousWasList = true;
      } else if (FLOW_OPEN.test(text)) blocks.push(this.flowElement());
      else blocks.push(this.paragraph(container));
    }
    if (container !== null) refuse();
    return blocks;
  }

  private imports(): RootContent {
    const first = this.line() as Line;
    let last = first;
    while (this.line() !== undefined && IMPORT_LINE.test((this.line() as Line).text)) last = this.lines[this.index++] as Line;
    const value = this.source.slice(first.start, last.end);
    // A line right after the imports would be read as more ESM.
    const next = this.line();
    if (next !== undefined && !BLANK.test(next.text)) refuse();
    return { type: 'mdxjsEsm', value, position: this.span(first.start, last.end) } as RootContent;
  }

  private heading(container: string | null): RootContent {
    const line = this.line() as Line;
    const match = /^(#{1,6}) (\S(?:.*\S)?)$/.exec(line.text);
    if (container !== null || !match || line.text.endsWith('#')) refuse();
    const depth = (match[1] as string).length;
    const inline = readInline(match[2] as string, line.start + depth + 1, this.at);
    if (inline.kind !== 'exact') refuse();
    const node = { type: 'heading', depth, children: inline.nodes, position: this.span(line.start, line.end) } as RootContent;
    if (depth <= 2) {
      const title = normalizeTitle(textOf(inline.nodes));
      // An Overview would make readPageTree read the page as a resource or service.
      if (title === 'overview') refuse();
      this.inServices = title === 'services';
    }
    this.index += 1;
    return node;
  }

  private fence(): RootContent {
    const first = this.line() as Line;
    const match = FENCE_OPEN.exec(first.text);
    if (!match) refuse();
    const ticks = (match[1] as string).length;
    let close = this.index + 1;
    for (; close < this.lines.length; close += 1) {
      const text = (this.lines[close] as Line).text;
      if (/^`{3,}$/.test(text) && text.length >= ticks) break;
      // A closing tag inside a fence may end its container in MDX.
      if (text.startsWith('</')) refuse();
    }
    const closing = this.line(close);
    if (!closing) refuse();
    const value = close === this.index + 1 ? '' : this.source.slice((this.line(this.index + 1) as Line).start, (this.line(close - 1) as Line).end);
    this.index = close + 1;
    return { type: 'code', lang: match[2] === '' ? null : match[2], meta: null, value, position: this.span(first.start, closing.end) } as RootContent;
  }

  /** `> text` on one line, followed by a blank line or the page's end. */
  private blockquote(): RootContent {
    const line = this.line() as Line;
    const content = line.text.slice(2);
    if (BLANK.test(content) || opensOtherBlock(content)) refuse();
    this.requireBlankAfter();
    const paragraph = { type: 'paragraph', children: this.inline(content, line.start + 2), position: this.span(line.start + 2, line.end) };
    this.index += 1;
    return { type: 'blockquote', children: [paragraph], position: this.span(line.start, line.end) } as RootContent;
  }

  private thematicBreak(): RootContent {
    const line = this.line() as Line;
    this.index += 1;
    return { type: 'thematicBreak', position: this.span(line.start, line.end) } as RootContent;
  }

  /** `- <CopyableCode code="…" /> - text` items, one line each, then a blank line or the page's end. */
  private list(): RootContent {
    const items: RootContent[] = [];
    const first = this.line() as Line;
    let last = first;
    while (this.line() !== undefined && (this.line() as Line).text.startsWith('- ')) {
      const line = this.line() as Line;
      if (!LIST_ITEM.test(line.text) || /\s$/.test(line.text)) refuse();
      const paragraph = { type: 'paragraph', children: this.inline(line.text.slice(2), line.start + 2), position: this.span(line.start + 2, line.end) };
      items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: this.span(line.start, line.end) } as RootContent);
      last = line;
      this.index += 1;
    }
    this.index -= 1;
    this.requireBlankAfter();
    this.index += 1;
    return { type: 'list', ordered: false, start: null, spread: false, children: items, position: this.span(first.start, last.end) } as RootContent;
  }

  /** `<details>` or `<div class="…">` alone on its line, its blocks, and its closing tag alone on a line. */
  private flowElement(): RootContent {
    const first = this.line() as Line;
    const match = FLOW_OPEN.exec(first.text) as RegExpExecArray;
    const name = match[1] as string;
    const className = /^ class="(.*)"$/.exec(match[2] as string)?.[1];
    this.index += 1;
    const children = this.blocks(name);
    const closing = this.line() as Line;
    this.index += 1;
    const attributes = className === undefined ? [] : [{ type: 'mdxJsxAttribute', name: 'class', value: className }];
    return { type: 'mdxJsxFlowElement', name, attributes, children, position: this.span(first.start, closing.end) } as RootContent;
  }

  /**
   * Lines of text up to a blank line, or up to a line that ends a paragraph
   * in markdown for certain: a heading, a fence, a thematic break, the
   * container's closing tag. Any other line that is not plain text is refused.
   */
  private paragraph(container: string | null): RootContent {
    const first = this.line() as Line;
    if (first.text.startsWith('<summary>')) return this.summary();
    if (opensOtherBlock(first.text)) refuse();
    const children: Node[] = [];
    let last = first;
    const unpaired = { backtick: false };
    for (let line = this.line(); line !== undefined; line = this.line()) {
      const text = line.text;
      if (line !== first) {
        if (BLANK.test(text) || text.startsWith('#') || text.startsWith('```') || THEMATIC_BREAK.test(text) || (container !== null && text === `</${container}>`)) break;
        // A setext underline would make the paragraph a heading.
        if (opensOtherBlock(text) || /^-+[ \t]*$/.test(text)) refuse();
        children.push({ type: 'text', value: '\n', position: this.span(last.end, line.start) } as Node);
      }
      children.push(...this.inline(text, line.start, unpaired));
      last = line;
      this.index += 1;
    }
    // remark pairs backtick runs across the paragraph's lines, where the scanner read each line alone.
    if (unpaired.backtick && last !== first) refuse();
    return { type: 'paragraph', children, position: this.span(first.start, last.end) } as RootContent;
  }

  /** `<summary>…</summary>` alone on its line (a paragraph holding the element), followed by a blank line. */
  private summary(): RootContent {
    const line = this.line() as Line;
    const match = /^<summary>(.*)<\/summary>$/.exec(line.text);
    if (!match || (match[1] as string).includes('<')) refuse();
    this.requireBlankAfter();
    const children = this.inline(match[1] as string, line.start + '<summary>'.length);
    const element = { type: 'mdxJsxTextElement', name: 'summary', attributes: [], children, position: this.span(line.start, line.end) };
    this.index += 1;
    return { type: 'paragraph', children: [element], position: this.span(line.start, line.end) } as RootContent;
  }

  /** Inline nodes of one line's text; refused where MDX could read it otherwise, or (in Services) where its text might differ from remark's. */
  private inline(text: string, offset: number, unpaired?: { backtick: boolean }): Node[] {
    const inline = readInline(text, offset, this.at);
    if (inline.kind === 'refused') refuse();
    if (unpaired && inline.unpairedBacktick) unpaired.backtick = true;
    if (this.inServices && (inline.kind !== 'exact' || /\s$/.test(text) || AUTOLINK_LITERAL.test(text.replace(/<[^<>]*>/g, '')))) refuse();
    return inline.nodes;
  }

  private requireBlankAfter(): void {
    const next = this.line(this.index + 1);
    if (next !== undefined && !BLANK.test(next.text)) refuse();
  }
}

