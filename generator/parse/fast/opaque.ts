import type { Node } from 'unist';

/**
 * Whether remark's plain text of a section might hold a phrase, told from
 * the fast reader's tree without reading the markdown it did not model.
 *
 * The scanner marks a paragraph or Description cell whose inline content it
 * did not model `data.fastOpaque` (see `inline.ts`): its nodes hold the line
 * as written, e.g.
 *
 * ```
 * `SELECT` not *supported* for [this](https://x "t") resource
 * ```
 *
 * where remark's plain text is "SELECT not supported for this resource".
 * Reading remark's text back from those nodes is not possible in general: a
 * link destination or title is raw text, so it can swallow what the scanner
 * read as the start of a code span or a tag (`[](x`)` shifts every later
 * code span; `[](x "<b>")` hides a tag), an escaped or encoded parenthesis
 * (`\(`, `&#40;`) does not count in a destination's balance, a title may hold
 * a lone parenthesis, a code span may hold a character reference that remark
 * decodes once the span is gone, and `[text][label]` drops its label. So the
 * check below reads the page's source of an opaque node, not its nodes, and
 * over-approximates everything remark may take out of it.
 *
 * **Why a "no" is certain.** The section's plain text is its nodes' text
 * joined in document order; a node the scanner modelled has the text remark
 * gives it. Inside an opaque node, every character of remark's text is a
 * character of the node's source, in the same order, or the character (one
 * or two) a reference `&…;` decodes to. What remark takes out between two
 * characters it keeps is, piece by piece:
 * - single characters: emphasis and strikethrough runs (`*`, `_`, `~`),
 *   escaping backslashes, link and image brackets (`[`, `]`, `!`), footnote
 *   `^`, code span backticks, expression braces (`{`, `}`), whitespace
 *   (a code span's edge space, a hard break's line ending, a continuation
 *   line's indent);
 * - stretches that may hold anything: a link's or image's destination and
 *   title (from the `(` right after the link text's `]` to a `)`), a full
 *   reference's label (from the `[` right after the link text's `]` to a
 *   `]`), a footnote reference (from `[^` to a `]`), a JSX tag (from `<` to
 *   a `>`). A stretch lies within one block, and its closing character is in
 *   the source: the syntax needs it.
 *
 * {@link mayHoldInUnmodelled} runs an automaton over that text that lets a
 * phrase's characters be separated by any of the single characters, and by a
 * stretch from such an opening character to any later `)`, `]` or `>` of the
 * same opaque node (not only the matching one, so escapes, titles, code
 * spans and tags inside the stretch need no modelling); a reference may
 * stand for one or two of the phrase's characters, and a space of the phrase
 * for any whitespace (the plain text is read with whitespace runs as one
 * space). If
 * remark's text holds the phrase, its characters are in the source with
 * only such things between them, so the automaton accepts. Its answer
 * "no" is therefore certain; "yes" only means the fast reader cannot tell.
 */
export function mayHoldInUnmodelled(nodes: readonly Node[], phrase: string, source: string): boolean {
  // A section the scanner modelled throughout reads as remark reads it: its verdict needs no check.
  if (!holdsUnmodelled(nodes)) return false;
  const automaton = new PhraseAutomaton(phrase);
  const walk = (list: readonly Node[]): boolean => {
    for (const node of list) {
      if (isOpaque(node)) {
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        // Without its place in the page, the node's text cannot be read: the check must not say "no".
        if (start === undefined || end === undefined) return true;
        if (automaton.feed(source, start, end, true)) return true;
        continue;
      }
      // As mdast-util-to-string: a node's value, else its alt, else its children's text.
      const value = (node as { value?: unknown }).value;
      if (typeof value === 'string') {
        if (automaton.feed(value, 0, value.length, false)) return true;
        continue;
      }
      const alt = (node as { alt?: unknown }).alt;
      if (typeof alt === 'string' && alt !== '') {
        if (automaton.feed(alt, 0, alt.length, false)) return true;
        continue;
      }
      if (walk(childrenOf(node))) return true;
    }
    return false;
  };
  return walk(nodes);
}

/** Whether any of `nodes` is text the scanner did not model. */
export function holdsUnmodelled(nodes: readonly Node[]): boolean {
  return nodes.some((node) => isOpaque(node) || holdsUnmodelled(childrenOf(node)));
}

/**
 * `nodes` with everything inside an opaque node (text, code spans, tags)
 * replaced by a character no phrase holds (NUL): a phrase this still holds
 * lies in modelled text alone, which remark reads the same, so remark's
 * plain text holds it too. Code spans go as well, since remark may not see
 * them where the scanner did (see above).
 */
export function withoutOpaqueText(nodes: readonly Node[]): Node[] {
  return nodes.map((node) => {
    if (isOpaque(node)) return { ...node, children: [{ type: 'text', value: '\u0000' }] } as Node;
    const children = childrenOf(node);
    return children.length === 0 ? node : ({ ...node, children: withoutOpaqueText(children) } as Node);
  });
}

/**
 * Tracks, character by character, which prefixes of a phrase (of at most 31
 * characters; a longer phrase is looked for by its first 31, still a
 * necessary condition) may end at the current character of remark's text:
 * bit k of `matched` is set where the first k may. Bit 0 is always set, so
 * the phrase may start anywhere. `inStretch` holds the same bits for a
 * stretch opened after such a prefix and not yet closed.
 */
class PhraseAutomaton {
  private readonly word: string;
  private readonly complete: number;
  /** For each ASCII character, the bits k where the phrase's character k is that character (a space: any whitespace). */
  private readonly masks = new Int32Array(128);
  /** The same for the phrase's characters beyond ASCII. */
  private readonly wideMasks = new Map<number, number>();
  private readonly spaceMask: number;
  /** The phrase's first character, where only it can start the phrase (it is not whitespace); else null. */
  private readonly first: string | null;
  private matched = 1;

  constructor(phrase: string) {
    this.word = phrase.slice(0, 31);
    this.complete = 1 << this.word.length;
    let spaceMask = 0;
    for (let index = 0; index < this.word.length; index++) {
      const code = this.word.charCodeAt(index);
      if (code === 0x20) spaceMask |= 1 << index;
      else if (code < 128) this.masks[code] = (this.masks[code] as number) | (1 << index);
      else this.wideMasks.set(code, (this.wideMasks.get(code) ?? 0) | (1 << index));
    }
    this.spaceMask = spaceMask;
    for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) this.masks[code] = (this.masks[code] as number) | spaceMask;
    const first = this.word[0] ?? '';
    this.first = first !== '' && !/\s/.test(first) ? first : null;
  }

  /** Feeds `text[from, to)`: an opaque node's source when `raw`, else text remark reads as it is. True once the whole phrase may have been read. */
  feed(text: string, from: number, to: number, raw: boolean): boolean {
    const first = this.first;
    let matched = this.matched;
    // A stretch never leaves its block, so it starts empty in each node.
    let inStretch = 0;
    // The next `&` at or after the cursor (in raw text only, where a reference may stand for the first character).
    let nextReference = raw ? -2 : to;
    for (let at = from; at < to; at++) {
      if (matched === 1 && inStretch === 0 && first !== null) {
        // Nothing in progress: only the phrase's first character, or a reference, can change that.
        if (nextReference !== to && nextReference < at) {
          nextReference = text.indexOf('&', at);
          if (nextReference === -1 || nextReference > to) nextReference = to;
        }
        const next = text.indexOf(first, at);
        at = next === -1 || next > nextReference ? nextReference : next;
        if (at >= to) break;
      }
      const code = text.charCodeAt(at);
      if (raw && code === 0x26) {
        const length = referenceLength(text, at, to);
        if (length > 0) {
          // Decoded, a reference is one or two characters of any kind; left as written, it ends in `;`, which no phrase holds.
          matched = 1 | (matched << 1) | (matched << 2);
          at += length - 1;
          if ((matched & this.complete) !== 0) return true;
          continue;
        }
      }
      let next = 1 | ((matched & this.maskOf(code)) << 1);
      if (isTakenOut(code)) next |= matched;
      if (raw) {
        if (code === 0x29 || code === 0x5d || code === 0x3e) next |= inStretch;
        if (opensStretch(text, at, from, code)) inStretch |= matched & ~1;
      }
      matched = next;
      if ((matched & this.complete) !== 0) return true;
    }
    this.matched = matched;
    return false;
  }

  private maskOf(code: number): number {
    if (code < 128) return this.masks[code] as number;
    return (this.wideMasks.get(code) ?? 0) | (/\s/.test(String.fromCharCode(code)) ? this.spaceMask : 0);
  }
}

/**
 * Whether the character at `at` may open what remark takes out whole: a
 * destination and title `(` right after a link's `]`, a label `[` right
 * after one (`[text][label]`), a footnote reference `[^`, a tag `<`. A
 * parenthesis or bracket anywhere else stays in remark's text.
 */
function opensStretch(text: string, at: number, from: number, code: number): boolean {
  if (code === 0x3c) return true;
  if (code !== 0x28 && code !== 0x5b) return false;
  if (at > from && text.charCodeAt(at - 1) === 0x5d) return true;
  return code === 0x5b && text.charCodeAt(at + 1) === 0x5e;
}

/** `* _ ~ \ [ ] ! ^ ` { }` and whitespace: what remark may take out as a single character. */
function isTakenOut(code: number): boolean {
  switch (code) {
    case 0x2a: // *
    case 0x5f: // _
    case 0x7e: // ~
    case 0x5c: // \
    case 0x5b: // [
    case 0x5d: // ]
    case 0x21: // !
    case 0x5e: // ^
    case 0x60: // `
    case 0x7b: // {
    case 0x7d: // }
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
      return true;
    default:
      return code >= 128 && /\s/.test(String.fromCharCode(code));
  }
}

const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/** The length of a character reference at `at`, as CommonMark writes one (whether or not the name is known), else 0. */
function referenceLength(text: string, at: number, to: number): number {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(text);
  return match !== null && at + match[0].length <= to ? match[0].length : 0;
}

function isOpaque(node: Node): boolean {
  return (node.data as { fastOpaque?: unknown } | undefined)?.fastOpaque === true;
}

function childrenOf(node: Node): readonly Node[] {
  const children = (node as { children?: unknown }).children;
  return Array.isArray(children) ? (children as Node[]) : [];
}
