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
 * {@link mayHoldInUnmodelled} joins the section's text with each opaque
 * node's source in its place, and runs an automaton over it that lets a
 * phrase's characters be separated by any of the single characters, and by a
 * stretch from such an opening character to any later `)`, `]` or `>` before
 * the opaque node ends (not only the matching one, so escapes, titles, code
 * spans and tags inside the stretch need no modelling); a reference may
 * stand for one or two of the phrase's characters, and a space of the phrase
 * for any whitespace (the plain text is read with whitespace runs as one
 * space). If remark's text holds the phrase, its characters are in that
 * joined text with only such things between them, so the automaton accepts.
 * Its answer "no" is therefore certain; "yes" only means the fast reader
 * cannot tell. The same rules read modelled text too, where they only let
 * more through: one pass over one string costs less than telling the two
 * apart, and no okta or github page comes close to the phrase either way.
 */
export function mayHoldInUnmodelled(nodes: readonly Node[], phrase: string, source: string): boolean {
  const text = { value: '', opaque: false, placed: true };
  collectText(nodes, source, text);
  // A section the scanner modelled throughout reads as remark reads it: its verdict needs no check.
  if (!text.opaque) return false;
  // Without an opaque node's place in the page its text cannot be read: the check must not say "no".
  return !text.placed || mayHoldPhrase(text.value, phrase);
}

/**
 * Whether any reader's plain text of `nodes` might hold `phrase`, modelled
 * text and unmodelled alike: the same pass as {@link mayHoldInUnmodelled}
 * over all of it. Its "no" is certain for remark's text (see above) and for
 * the scanner's, whose text of an opaque node is characters of that node's
 * source in order, with references decoded (a reference left as written,
 * in a code span, ends in `;`, which no phrase holds); so a reader told
 * "no" need not look for the phrase at all.
 */
export function mayHoldAnywhere(nodes: readonly Node[], phrase: string, source: string): boolean {
  const text = { value: '', opaque: false, placed: true };
  collectText(nodes, source, text);
  return !text.placed || mayHoldPhrase(text.value, phrase);
}

/**
 * The text of `nodes` as remark's plain text is joined (as
 * mdast-util-to-string: a node's value, else its alt, else its children's
 * text), each opaque node's source in place of its text, between two
 * {@link BLOCK_EDGE}s.
 */
function collectText(nodes: readonly Node[], source: string, into: { value: string; opaque: boolean; placed: boolean }): void {
  // An indexed loop: this walks every node of a section, and cold code pays for…of's iterator protocol per node.
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as Node;
    if (isOpaque(node)) {
      into.opaque = true;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) into.placed = false;
      else into.value += BLOCK_EDGE + source.slice(start, end) + BLOCK_EDGE;
      continue;
    }
    const value = (node as { value?: unknown }).value;
    if (typeof value === 'string') {
      into.value += value;
      continue;
    }
    const alt = (node as { alt?: unknown }).alt;
    if (typeof alt === 'string' && alt !== '') into.value += alt;
    else collectText(childrenOf(node), source, into);
  }
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
 * Marks where an opaque node's source starts and ends in the joined text: no
 * stretch crosses it, and it stands for nothing in remark's text.
 */
const BLOCK_EDGE = '\u0001';

/**
 * Whether `text` may be read by remark with `phrase` in it, by the rules
 * above (applied to modelled text too, where they only let more through). A
 * bit-parallel automaton: bit k of `matched` is set where the phrase's first
 * k characters may end at the current character, bit 0 always (the phrase
 * may start anywhere); `inStretch` holds the same bits for a stretch opened
 * after such a prefix and not yet closed. A phrase longer than 31 characters
 * is looked for by its first 31, still a necessary condition.
 */
function mayHoldPhrase(text: string, phrase: string): boolean {
  const word = phrase.slice(0, 31);
  const complete = 1 << word.length;
  const masks = phraseMasks(word);
  // Only the phrase's first character, or a reference, can start a match: jump to the next of either while nothing is in progress.
  const first = word[0] !== undefined && !/\s/.test(word[0]) ? word[0] : null;
  let nextReference = -1;
  let matched = 1;
  let inStretch = 0;
  for (let at = 0; at < text.length; at++) {
    if (matched === 1 && inStretch === 0 && first !== null) {
      if (nextReference !== text.length && nextReference < at) {
        nextReference = text.indexOf('&', at);
        if (nextReference === -1) nextReference = text.length;
      }
      let next = text.indexOf(first, at);
      // A letter or digit after it (spaces, taken out, aside) that is not the phrase's second character ends that start at once: look on.
      while (next !== -1 && next < nextReference && endsStartAt(text, next + 1, word.length, masks.ascii, masks.space)) next = text.indexOf(first, next + 1);
      at = next === -1 || next > nextReference ? nextReference : next;
      if (at >= text.length) break;
    }
    const code = text.charCodeAt(at);
    if (code === 0x26) {
      const length = referenceLength(text, at);
      if (length > 0) {
        // Decoded, a reference is one or two characters of any kind; left as written, it ends in `;`, which no phrase holds.
        matched = 1 | (matched << 1) | (matched << 2);
        at += length - 1;
        if ((matched & complete) !== 0) return true;
        continue;
      }
    }
    let next = 1 | ((matched & (code < 128 ? (masks.ascii[code] as number) : wideMask(masks, code))) << 1);
    if (isTakenOut(code)) next |= matched;
    if (code === 0x29 || code === 0x5d || code === 0x3e) next |= inStretch;
    if (opensStretch(text, at, code)) inStretch |= matched & ~1;
    else if (code === 0x01) inStretch = 0;
    matched = next;
    if ((matched & complete) !== 0) return true;
  }
  return false;
}

interface PhraseMasks {
  /** For each ASCII character, the bits k where the phrase's character k is that character (a space: any whitespace). */
  ascii: Int32Array;
  /** The same for the phrase's characters beyond ASCII. */
  wide: Map<number, number>;
  /** The bits of the phrase's spaces. */
  space: number;
}

/**
 * Whether a start of the phrase at `at - 1` (its first character) dies by
 * `at`'s character, after any spaces: a letter or digit, which is neither
 * taken out nor opens a stretch, that is not the phrase's second character
 * (and only where that one is no space, which a space would match).
 */
function endsStartAt(text: string, at: number, length: number, ascii: Int32Array, space: number): boolean {
  if (length < 2 || (space & 2) !== 0) return false;
  let index = at;
  while (text.charCodeAt(index) === 0x20) index++;
  const code = text.charCodeAt(index);
  return isAsciiAlphanumeric(code) && ((ascii[code] as number) & 2) === 0;
}

function isAsciiAlphanumeric(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Each phrase's masks, made once: a run looks for the same phrase on every page. */
const masksByPhrase = new Map<string, PhraseMasks>();

function phraseMasks(word: string): PhraseMasks {
  let made = masksByPhrase.get(word);
  if (made === undefined) {
    made = makePhraseMasks(word);
    masksByPhrase.set(word, made);
  }
  return made;
}

function makePhraseMasks(word: string): PhraseMasks {
  const masks: PhraseMasks = { ascii: new Int32Array(128), wide: new Map(), space: 0 };
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code === 0x20) masks.space |= 1 << index;
    else if (code < 128) masks.ascii[code] = (masks.ascii[code] as number) | (1 << index);
    else masks.wide.set(code, (masks.wide.get(code) ?? 0) | (1 << index));
  }
  for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) masks.ascii[code] = (masks.ascii[code] as number) | masks.space;
  return masks;
}

function wideMask(masks: PhraseMasks, code: number): number {
  return (masks.wide.get(code) ?? 0) | (/\s/.test(String.fromCharCode(code)) ? masks.space : 0);
}

/**
 * Whether the character at `at` may open what remark takes out whole: a
 * destination and title `(` right after a link's `]`, a label `[` right
 * after one (`[text][label]`), a footnote reference `[^`, a tag `<`. A
 * parenthesis or bracket anywhere else stays in remark's text.
 */
function opensStretch(text: string, at: number, code: number): boolean {
  if (code === 0x3c) return true;
  if (code !== 0x28 && code !== 0x5b) return false;
  if (text.charCodeAt(at - 1) === 0x5d) return true;
  return code === 0x5b && text.charCodeAt(at + 1) === 0x5e;
}

/** `* _ ~ \ [ ] ! ^ ` { }` and whitespace: what remark may take out as a single character (and {@link BLOCK_EDGE}, which stands for nothing). */
function isTakenOut(code: number): boolean {
  switch (code) {
    case 0x01:
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
function referenceLength(text: string, at: number): number {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(text);
  return match !== null ? match[0].length : 0;
}

function isOpaque(node: Node): boolean {
  return (node.data as { fastOpaque?: unknown } | undefined)?.fastOpaque === true;
}

function childrenOf(node: Node): readonly Node[] {
  const children = (node as { children?: unknown }).children;
  return Array.isArray(children) ? (children as Node[]) : [];
}
