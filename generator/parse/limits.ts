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

/** An opening, closing or self-closing tag without `<`/`>` inside it: close enough to bound the parser's work. */
const TAG = /<(\/?)[A-Za-z][^<>]*?(\/?)>/g;

const PIPE_LINE = /^[ \t]*\|/gm;

/**
 * Linear passes over the pipe-table lines and the tags: the first limit
 * crossed, located where it was crossed; null within the limits.
 */
export function markupLimitProblem(text: string): { line: number; column: number; message: string } | null {
  let pipeLines = 0;
  for (const match of text.matchAll(PIPE_LINE)) {
    if (++pipeLines > MAX_PIPE_TABLE_LINES) {
      const place = placeOfOffset(text, match.index);
      const message = `the page has more than ${MAX_PIPE_TABLE_LINES} pipe-table lines (MAX_PIPE_TABLE_LINES); it was not parsed`;
      return { line: place.line, column: place.column, message };
    }
  }
  let tags = 0;
  let depth = 0;
  for (const match of text.matchAll(TAG)) {
    tags++;
    if (match[1] === '/') depth = Math.max(0, depth - 1);
    else if (match[2] !== '/') depth++;
    const problem =
      tags > MAX_MARKUP_TAGS
        ? `the page has more than ${MAX_MARKUP_TAGS} tags (MAX_MARKUP_TAGS); it was not parsed`
        : depth > MAX_MARKUP_DEPTH
          ? `tags are nested more than ${MAX_MARKUP_DEPTH} deep (MAX_MARKUP_DEPTH); the page was not parsed`
          : null;
    if (problem !== null) {
      const place = placeOfOffset(text, match.index);
      return { line: place.line, column: place.column, message: problem };
    }
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

