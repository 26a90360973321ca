/**
 * Limits on what a page may hold, shared by both page readers (the MDX
 * parser in `markdown.ts` and the line scanner in `fast/`), which must agree
 * on which pages they refuse. No dependency on remark, so the fast reader
 * can check them without loading it.
 */

/**
 * Markup limits, checked before the MDX parser runs. Its time grows faster
 * than linearly with the tags of one block (a 5,000-row HTML table takes
 * ~10 s and ~400 MB), it recurses per nesting level (10,000 nested tags
 * overflow the stack), and GFM pipe tables cost ~0.8 ms a row (100,000 rows:
 * ~80 s), while the largest real page (okta `users`, 77 kB) has ~3,500 tags
 * nested ~6 deep and the longest legacy pipe table 36 lines. Past any limit
 * the page is refused with `page/too-complex` instead of stalling the run.
 */
export const MAX_MARKUP_TAGS = 10_000;
export const MAX_MARKUP_DEPTH = 100;
export const MAX_PIPE_TABLE_LINES = 5_000;

const PIPE_LINE = /^[ \t]*\|/gm;

/**
 * Linear passes over the pipe-table lines and the tags: the first limit
 * crossed, located where it was crossed; null within the limits.
 */
export function markupLimitProblem(text: string): { line: number; column: number; message: string } | null {
  // Every page is checked, and current-layout pages rarely hold a pipe at all.
  if (text.includes('|')) {
    let pipeLines = 0;
    for (const match of text.matchAll(PIPE_LINE)) {
      if (++pipeLines > MAX_PIPE_TABLE_LINES) {
        const place = placeOfOffset(text, match.index);
        const message = `the page has more than ${MAX_PIPE_TABLE_LINES} pipe-table lines (MAX_PIPE_TABLE_LINES); it was not parsed`;
        return { line: place.line, column: place.column, message };
      }
    }
  }
  let tags = 0;
  let depth = 0;
  // A tag is `<`, an optional `/`, a letter, then anything but `<`/`>` up
  // to the first `>` (`/>` closes it itself): close enough to bound the
  // parser's work. The regex `/<(\/?)[A-Za-z][^<>]*?(\/?)>/g` says the same,
  // but allocates a match per tag on pages with thousands of them; here each
  // `<` and `>` is found once by `indexOf` (the next `>` is kept until passed).
  let close = -1;
  for (let start = text.indexOf('<'); start !== -1; ) {
    const next = text.indexOf('<', start + 1);
    const closing = text.charCodeAt(start + 1) === 0x2f;
    const letter = start + (closing ? 2 : 1);
    const code = text.charCodeAt(letter) | 0x20;
    if (code >= 0x61 && code <= 0x7a) {
      if (close <= letter) close = text.indexOf('>', letter + 1);
      // No `>` from here on: no later `<` opens a tag either.
      if (close === -1) break;
      if (next === -1 || next > close) {
        tags++;
        if (closing) depth = Math.max(0, depth - 1);
        else if (!(close - 1 > letter && text.charCodeAt(close - 1) === 0x2f)) depth++;
        const problem =
          tags > MAX_MARKUP_TAGS
            ? `the page has more than ${MAX_MARKUP_TAGS} tags (MAX_MARKUP_TAGS); it was not parsed`
            : depth > MAX_MARKUP_DEPTH
              ? `tags are nested more than ${MAX_MARKUP_DEPTH} deep (MAX_MARKUP_DEPTH); the page was not parsed`
              : null;
        if (problem !== null) {
          const place = placeOfOffset(text, start);
          return { line: place.line, column: place.column, message: problem };
        }
      }
    }
    start = next;
  }
  return null;
}

function placeOfOffset(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let index = before.indexOf('\n'); index >= 0; index = before.indexOf('\n', index + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}

