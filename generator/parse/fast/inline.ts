import type { Node } from 'unist';
import { decodeReferences } from '../html.js';
import type { Locator } from './locate.js';

/**
 * Inline content of a cell or a paragraph (one line, no line break), read
 * into the nodes remark-mdx makes of it, for the forms the docs generator
 * writes:
 *
 * ```
 * text with `code` and &gt; references <br /> <code>x</code>
 * <CopyableCode code="x" />  <a href="#x">…</a>  <b>…</b>
 * ```
 *
 * Markdown emphasis, links, images, strikethrough and escapes (`*`, `_`,
 * `[`, `!`, `~`, `\`) are not modelled: text holding them comes back as
 * `opaque` (its nodes' plain text may differ from remark's), and the caller
 * accepts it only where the page reader takes the cell's source as written.
 * `{`, `}`, `<` other than the known tags and unterminated code spans are
 * what MDX reads as expressions, JSX or errors: the line is `refused`.
 * `unpairedBacktick`: a backtick run left literal for want of a partner on
 * the line, which remark may pair with one on another line of the paragraph.
 */
export type InlineResult = { kind: 'exact' | 'opaque'; nodes: Node[]; unpairedBacktick: boolean } | { kind: 'refused' };

/** JSX elements of inline content, with the attributes each may carry. */
const INLINE_TAGS: Record<string, readonly string[]> = {
  code: [],
  b: [],
  i: [],
  strong: [],
  em: [],
  p: [],
  a: ['href'],
  CopyableCode: ['code'],
  br: [],
};

const OPAQUE_CHARS = /[*[\]~\\]|!\[/;
const BRACES = /[{}]/;
/**
 * Where the next code span or tag may start on the line being read (its
 * next `` ` `` and `<`), each found by `indexOf` and kept until read past:
 * the reader only moves forward along the line.
 */
interface Specials {
  backtick: number;
  angle: number;
}

/** The first `` ` `` or `<` (where inline markup can start: a code span or a tag) from `from`, else `to`. */
function nextSpecial(text: string, from: number, to: number, next: Specials): number {
  if (next.backtick !== -1 && next.backtick < from) next.backtick = text.indexOf('`', from);
  if (next.angle !== -1 && next.angle < from) next.angle = text.indexOf('<', from);
  const first = next.backtick === -1 ? next.angle : next.angle === -1 ? next.backtick : Math.min(next.backtick, next.angle);
  return first === -1 || first > to ? to : first;
}

/**
 * An underscore run between two alphanumerics can neither open nor close
 * emphasis (CommonMark's intraword rule), so `per_page` is plain text; any
 * other underscore might be emphasis.
 */
function hasLiveUnderscore(text: string): boolean {
  if (!text.includes('_')) return false;
  for (const match of text.matchAll(/_+/g)) {
    const before = text[match.index - 1] ?? '';
    const after = text[match.index + match[0].length] ?? '';
    if (!/[A-Za-z0-9]/.test(before) || !/[A-Za-z0-9]/.test(after)) return true;
  }
  return false;
}

/** Reads `text` (a slice of the page at `offset`, no newline) into inline nodes. */
export function readInline(text: string, offset: number, at: Locator): InlineResult {
  if (text.includes('](') && resourceMayHideMarkup(text)) return { kind: 'refused' };
  const state = { opaque: false, unpairedBacktick: false, next: { backtick: text.indexOf('`'), angle: text.indexOf('<') } };
  const nodes = readRun(text, 0, text.length, offset, at, state, null);
  if (nodes === null) return { kind: 'refused' };
  return { kind: state.opaque ? 'opaque' : 'exact', nodes, unpairedBacktick: state.unpairedBacktick };
}

/**
 * Whether a link's destination or title may hold a backtick or a `<`: there
 * remark reads raw text, where the scanner would read a code span or a tag,
 * so that every later code span shifts, or a tag's partner is left alone (an
 * error in MDX). A destination ends at the first `)`; where it may not (it
 * holds an escape, a parenthesis or a title's quote), all the rest of the
 * line may belong to it; where no `)` follows on the line, the link may run
 * onto the next one, and the line is refused outright.
 */
function resourceMayHideMarkup(text: string): boolean {
  for (let link = text.indexOf(']('); link !== -1; link = text.indexOf('](', link + 2)) {
    const close = text.indexOf(')', link + 2);
    let resource = close === -1 ? text.slice(link + 2) : text.slice(link + 2, close);
    if (close === -1 || /["'(\\]/.test(resource)) resource = text.slice(link + 2);
    if (close === -1 || /[`<]/.test(resource)) return true;
  }
  return false;
}

/** Whether the character at `index` is escaped: an odd run of backslashes before it, from `from` (where the text run starts). */
function isEscaped(text: string, from: number, index: number): boolean {
  let backslashes = 0;
  while (index - backslashes - 1 >= from && text.charCodeAt(index - backslashes - 1) === 0x5c) backslashes += 1;
  return backslashes % 2 === 1;
}

function readRun(
  text: string,
  from: number,
  to: number,
  base: number,
  at: Locator,
  state: { opaque: boolean; unpairedBacktick: boolean; next: Specials },
  closing: string | null,
): Node[] | null {
  const nodes: Node[] = [];
  let textStart = from;
  const flushText = (end: number): boolean => {
    if (end > textStart) {
      const raw = text.slice(textStart, end);
      if (BRACES.test(raw)) return false;
      if (!state.opaque && (OPAQUE_CHARS.test(raw) || hasLiveUnderscore(raw))) state.opaque = true;
      // Text positions are left out: the page reader locates findings at elements, never inside text.
      nodes.push({ type: 'text', value: raw.includes('&') ? decodeReferences(raw) : raw } as Node);
    }
    return true;
  };
  let index = from;
  while (index < to) {
    index = nextSpecial(text, index, to, state.next);
    if (index >= to) break;
    // An escaped backtick or `<` is literal to remark, where the scanner would open a code span or a tag.
    if (index > textStart && text.charCodeAt(index - 1) === 0x5c && isEscaped(text, textStart, index)) return null;
    if (text.charCodeAt(index) === 0x60) {
      const run = backtickRun(text, index, to);
      const close = findClosingRun(text, index + run, to, run);
      if (close === -1) {
        // CommonMark: a backtick run that is never matched is literal text (on this line: a paragraph's next line may match it).
        state.unpairedBacktick = true;
        index += run;
        continue;
      }
      if (!flushText(index)) return null;
      nodes.push({ type: 'inlineCode', value: codeSpanValue(text.slice(index + run, close)) } as Node);
      index = close + run;
      textStart = index;
      continue;
    }
    // Otherwise a `<`: the closing tag being read, or an element.
    if (closing !== null && text.startsWith(closing, index)) {
      if (!flushText(index)) return null;
      return index + closing.length === to ? nodes : null;
    }
    const tag = readTag(text, index, to);
    if (!tag) return null;
    if (!flushText(index)) return null;
    if (tag.selfClosing) {
      nodes.push(element(tag.name, tag.attributes, [], at.span(base + index, base + tag.end)));
      index = tag.end;
    } else {
      const closeTag = `</${tag.name}>`;
      const end = findClose(text, tag.end, to, tag.name, closeTag);
      if (end === -1) return null;
      const children = readRun(text, tag.end, end + closeTag.length, base, at, state, closeTag);
      if (children === null) return null;
      nodes.push(element(tag.name, tag.attributes, children, at.span(base + index, base + end + closeTag.length)));
      index = end + closeTag.length;
    }
    textStart = index;
  }
  if (closing !== null) return null;
  if (!flushText(to)) return null;
  return nodes;
}

function element(name: string, attributes: { name: string; value: string }[], children: Node[], position: Node['position']): Node {
  return {
    type: 'mdxJsxTextElement',
    name,
    attributes: attributes.map((attribute) => ({ type: 'mdxJsxAttribute', name: attribute.name, value: attribute.value })),
    children,
    position,
  } as Node;
}

interface Tag {
  name: string;
  attributes: { name: string; value: string }[];
  selfClosing: boolean;
  end: number;
}

/** `<name attr="v">` or `<name attr="v" />` with the known names and attributes only. */
const TAG = /<([A-Za-z]+)((?: [A-Za-z]+="[^"<>{}&]*")*)\s*(\/?)>/y;

/** Tags without attributes, as the docs write them most: read without the regex. */
const PLAIN_TAGS: readonly { written: string; name: string; selfClosing: boolean }[] = [
  { written: '<code>', name: 'code', selfClosing: false },
  { written: '<br />', name: 'br', selfClosing: true },
  { written: '<b>', name: 'b', selfClosing: false },
  { written: '<i>', name: 'i', selfClosing: false },
  { written: '<p>', name: 'p', selfClosing: false },
  { written: '<strong>', name: 'strong', selfClosing: false },
  { written: '<em>', name: 'em', selfClosing: false },
];

/** `<name attr="value"` up to the value's closing quote, for the two attribute tags the docs write; -1 where the value holds a character the regex refuses. */
function attributeTag(text: string, from: number, prefix: string): number {
  if (!text.startsWith(prefix, from)) return -1;
  const quote = text.indexOf('"', from + prefix.length);
  if (quote === -1 || /["<>{}&]/.test(text.slice(from + prefix.length, quote))) return -1;
  return quote;
}

export function readTag(text: string, from: number, to: number): Tag | null {
  // An indexed loop: `for…of` with destructuring runs the iterator protocol per tag, which cold code pays in full.
  for (let index = 0; index < PLAIN_TAGS.length; index++) {
    const { written, name, selfClosing } = PLAIN_TAGS[index] as (typeof PLAIN_TAGS)[number];
    if (text.startsWith(written, from)) return from + written.length <= to ? { name, attributes: [], selfClosing, end: from + written.length } : null;
  }
  const code = attributeTag(text, from, '<CopyableCode code="');
  if (code !== -1 && text.startsWith('" />', code)) {
    const end = code + 4;
    return end <= to ? { name: 'CopyableCode', attributes: [{ name: 'code', value: text.slice(from + 20, code) }], selfClosing: true, end } : null;
  }
  const href = attributeTag(text, from, '<a href="');
  if (href !== -1 && text.startsWith('">', href)) {
    const end = href + 2;
    return end <= to ? { name: 'a', attributes: [{ name: 'href', value: text.slice(from + 9, href) }], selfClosing: false, end } : null;
  }
  TAG.lastIndex = from;
  const match = TAG.exec(text);
  if (!match || from + match[0].length > to) return null;
  const name = match[1] as string;
  const allowed = Object.hasOwn(INLINE_TAGS, name) ? INLINE_TAGS[name] : undefined;
  if (!allowed) return null;
  const attributes = [...(match[2] ?? '').matchAll(/ ([A-Za-z]+)="([^"]*)"/g)].map((m) => ({ name: m[1] as string, value: m[2] as string }));
  if (!attributes.every((attribute) => allowed.includes(attribute.name))) return null;
  const selfClosing = match[3] === '/';
  // `<br>` without the slash would stay open in JSX; the docs always close it.
  if (name === 'br' && !selfClosing) return null;
  if (name === 'CopyableCode' && !selfClosing) return null;
  return { name, attributes, selfClosing, end: from + match[0].length };
}

/** The matching `</name>`, refusing nesting of the same element (never written by the docs generator). */
function findClose(text: string, from: number, to: number, name: string, closeTag: string): number {
  const close = text.indexOf(closeTag, from);
  if (close === -1 || close + name.length + 3 > to) return -1;
  const reopen = text.indexOf(`<${name}`, from);
  if (reopen !== -1 && reopen < close) return -1;
  return close;
}

function backtickRun(text: string, from: number, to: number): number {
  let end = from;
  while (end < to && text[end] === '`') end += 1;
  return end - from;
}

function findClosingRun(text: string, from: number, to: number, length: number): number {
  for (let index = text.indexOf('`', from); index !== -1 && index < to; ) {
    const run = backtickRun(text, index, to);
    if (run === length) return index;
    index = text.indexOf('`', index + run);
  }
  return -1;
}

/** CommonMark: one leading and one trailing space are stripped when both are there and the content is not all spaces. */
function codeSpanValue(content: string): string {
  if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') return content.slice(1, -1);
  return content;
}

/** The text of inline nodes, as mdast-util-to-string gives it: values concatenated, depth first. */
export function textOf(nodes: readonly Node[]): string {
  let text = '';
  for (const node of nodes) {
    const value = (node as { value?: unknown }).value;
    if (typeof value === 'string') text += value;
    else text += textOf((node as { children?: Node[] }).children ?? []);
  }
  return text;
}
