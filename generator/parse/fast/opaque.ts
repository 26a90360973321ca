import type { Node } from 'unist';

/**
 * Readings of text the fast reader accepts without modelling its markdown.
 * The scanner marks such a paragraph or Description cell `data.fastOpaque`
 * (see `inline.ts`): its text nodes hold the line as written, e.g.
 *
 * ```
 * `SELECT` not *supported* for [this](https://x "t") resource
 * ```
 *
 * where remark's plain text is "SELECT not supported for this resource".
 * remark's plain text of such a run is its raw text with parts taken out:
 * emphasis and strikethrough delimiters (`*`, `_`, `~`), escaping
 * backslashes, link and image brackets (`[`, `]`, `!`), a link's or
 * image's destination and title (a parenthesised group after `]`), and the
 * newline of a hard line break (a line ending in `\`).
 *
 * {@link opaqueReadings} gives the nodes read in several ways, each taking
 * out more of that ({@link mayHoldInUnmodelled} tells cheaply, and in the
 * usual case, that none does). For a phrase holding none of the characters
 * `*_~\[]!()`, if remark's plain text holds it then at least one reading
 * does. Where the phrase lies inside a literal parenthesised group of one
 * text node, the reading that removed the groups nested in it but not it
 * holds it (groups are removed innermost first, one level per reading);
 * otherwise the phrase crosses no literal group, and the reading that
 * removed every group holds it, or, where a destination was cut in two by
 * a code span or a tag, the reading that also removed what is left of a
 * group open at a node's edge (short only where that node also holds a
 * literal parenthesis left open).
 * The readings may hold the phrase where remark's text does not: they are
 * for telling when a page must be left to remark, never for reading it.
 */
export function opaqueReadings(nodes: readonly Node[]): Node[][] {
  const depth = maxGroupDepth(nodes, false);
  const readings: Node[][] = [];
  for (let removed = 0; removed <= depth + 1; removed++) {
    for (const keepBreakNewlines of [true, false]) readings.push(rewrite(nodes, false, (text) => readingOf(text, removed, removed > depth), keepBreakNewlines));
  }
  return readings;
}

/**
 * Whether `nodes` hold text the scanner did not model and, as they are or
 * in any of their {@link opaqueReadings}, might hold `phrase` in their
 * plain text (whitespace runs read as one space); false is certain. Each
 * reading only takes characters out, so a phrase it holds is in the
 * nodes' text with nothing but what a reading takes out between its
 * characters.
 */
export function mayHoldInUnmodelled(nodes: readonly Node[], phrase: string): boolean {
  const text = { value: '', opaque: false };
  collectText(nodes, false, text);
  return text.opaque && mayHoldWord(text.value, phrase);
}

/**
 * `nodes` with the text of opaque runs replaced by a character no phrase
 * holds (NUL): a phrase this still holds lies in modelled text alone, which
 * remark reads the same, so remark's plain text holds it too.
 */
export function withoutOpaqueText(nodes: readonly Node[]): Node[] {
  return rewrite(nodes, false, () => '\u0000', true);
}

const MARKUP = /[*_~\\[\]!]/g;
const INNERMOST_GROUP = /\([^()]*\)/g;
const SKIPPED_BETWEEN_LETTERS = new Set(['*', '_', '~', '\\', '[', ']', '!', '\n']);

/** Whether `word` is in `text` with only markup characters, newlines and parenthesised groups (an unclosed one running to the end) between its characters, a space standing for any run of whitespace. */
function mayHoldWord(text: string, word: string): boolean {
  for (let start = text.indexOf(word[0] ?? ''); start >= 0; start = text.indexOf(word[0] ?? '', start + 1)) {
    let at = start + 1;
    let matched = 1;
    while (matched < word.length && at < text.length) {
      const char = text[at] as string;
      if (char === word[matched] || (word[matched] === ' ' && /\s/.test(char))) {
        // A space of the word stands for a run of whitespace, as the plain text is read with runs collapsed.
        if (word[matched] === ' ') while (at + 1 < text.length && /\s/.test(text[at + 1] as string)) at++;
        matched++;
        at++;
      } else if (SKIPPED_BETWEEN_LETTERS.has(char)) at++;
      else if (char === '(') at = groupEnd(text, at);
      else break;
    }
    if (matched === word.length) return true;
  }
  return false;
}

/** The index after the group opened at `open` (balanced parentheses), or the text's end where it is never closed. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '(') depth++;
    else if (text[at] === ')' && --depth === 0) return at + 1;
  }
  return text.length;
}

/** The text and code of `nodes`, joined, as the readings hold it before anything is taken out; and whether any of it is opaque. */
function collectText(nodes: readonly Node[], inOpaque: boolean, into: { value: string; opaque: boolean }): void {
  for (const node of nodes) {
    const opaque = inOpaque || isOpaque(node);
    into.opaque ||= opaque;
    const value = (node as { value?: unknown }).value;
    if (typeof value === 'string') into.value += value;
    const alt = (node as { alt?: unknown }).alt;
    if (typeof alt === 'string') into.value += alt;
    collectText(childrenOf(node), opaque, into);
  }
}

/** `text` with `removed` levels of parenthesised groups taken out (and, with `unclosed`, a group left open at either end), then the markup characters. */
function readingOf(text: string, removed: number, unclosed: boolean): string {
  let reading = text;
  for (let level = 0; level < removed && reading.includes('('); level++) reading = reading.replace(INNERMOST_GROUP, '');
  if (unclosed) {
    // What is left of a group cut by a code span or a tag: an open `(` runs to the node's end, a lone `)` from its start.
    const open = reading.indexOf('(');
    if (open >= 0) reading = reading.slice(0, open);
    const close = reading.lastIndexOf(')');
    if (close >= 0) reading = reading.slice(close + 1);
  }
  return reading.replace(MARKUP, '');
}

function maxGroupDepth(nodes: readonly Node[], inOpaque: boolean): number {
  let depth = 0;
  for (const node of nodes) {
    const opaque = inOpaque || isOpaque(node);
    const value = (node as { value?: unknown }).value;
    if (opaque && node.type === 'text' && typeof value === 'string') depth = Math.max(depth, groupDepth(value));
    depth = Math.max(depth, maxGroupDepth(childrenOf(node), opaque));
  }
  return depth;
}

function groupDepth(text: string): number {
  let depth = 0;
  for (let reading = text; INNERMOST_GROUP.test(reading); reading = reading.replace(INNERMOST_GROUP, '')) {
    INNERMOST_GROUP.lastIndex = 0;
    depth++;
  }
  INNERMOST_GROUP.lastIndex = 0;
  return depth;
}

/** `nodes` with the text of opaque runs replaced by `read` of it; without `keepBreakNewlines`, the newline after a line ending in `\` is dropped too. */
function rewrite(nodes: readonly Node[], inOpaque: boolean, read: (text: string) => string, keepBreakNewlines: boolean): Node[] {
  const result: Node[] = [];
  for (const [index, node] of nodes.entries()) {
    const opaque = inOpaque || isOpaque(node);
    const value = (node as { value?: unknown }).value;
    if (opaque && node.type === 'text' && typeof value === 'string') {
      const previous = (nodes[index - 1] as { value?: unknown } | undefined)?.value;
      if (!keepBreakNewlines && value === '\n' && typeof previous === 'string' && previous.endsWith('\\')) continue;
      result.push({ ...node, value: read(value) } as Node);
      continue;
    }
    const children = childrenOf(node);
    result.push(children.length === 0 ? node : ({ ...node, children: rewrite(children, opaque, read, keepBreakNewlines) } as Node));
  }
  return result;
}

function isOpaque(node: Node): boolean {
  return (node.data as { fastOpaque?: unknown } | undefined)?.fastOpaque === true;
}

function childrenOf(node: Node): readonly Node[] {
  const children = (node as { children?: unknown }).children;
  return Array.isArray(children) ? (children as Node[]) : [];
}
