import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// GFM is on for every page: legacy pages need its pipe tables, and current
// pages have none, so it changes nothing there.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx).use(remarkGfm);

export type MarkdownResult =
  | { ok: true; tree: Root }
  | { ok: false; code: 'page/mdx-syntax' | 'page/too-complex'; line: number; column: number; message: string };

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

/** Parses a page as MDX; a syntax error comes back with the parser's own line and column instead of being thrown. */
export function parseMarkdown(text: string): MarkdownResult {
  const tooComplex = checkMarkupLimits(text);
  if (tooComplex) return tooComplex;
  try {
    return { ok: true, tree: processor.parse(text) };
  } catch (error: unknown) {
    const message = error instanceof Error ? firstLine(('reason' in error && typeof error.reason === 'string' ? error.reason : undefined) ?? error.message) : String(error);
    const place = placeOf(error) ?? placeInMessage(message) ?? endOf(text);
    return { ok: false, code: 'page/mdx-syntax', line: place.line, column: place.column, message };
  }
}

/** An opening, closing or self-closing tag without `<`/`>` inside it: close enough to bound the parser's work. */
const TAG = /<(\/?)[A-Za-z][^<>]*?(\/?)>/g;

const PIPE_LINE = /^[ \t]*\|/gm;

/** Linear passes over the tags and the pipe-table lines; the first limit crossed is reported where it was crossed. */
function checkMarkupLimits(text: string): Extract<MarkdownResult, { ok: false }> | null {
  let pipeLines = 0;
  for (const match of text.matchAll(PIPE_LINE)) {
    if (++pipeLines > MAX_PIPE_TABLE_LINES) {
      const place = placeOfOffset(text, match.index);
      const message = `the page has more than ${MAX_PIPE_TABLE_LINES} pipe-table lines (MAX_PIPE_TABLE_LINES); it was not parsed`;
      return { ok: false, code: 'page/too-complex', line: place.line, column: place.column, message };
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
      return { ok: false, code: 'page/too-complex', line: place.line, column: place.column, message: problem };
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

function placeOf(error: unknown): { line: number; column: number } | null {
  if (typeof error === 'object' && error !== null) {
    const { line, column } = error as { line?: unknown; column?: unknown };
    if (typeof line === 'number' && typeof column === 'number') return { line, column };
  }
  return null;
}

// An element left open at the end of the file is reported without a place,
// but the message names the opening tag's span: `… for \`<TabItem>\` (4:1-4:20)`.
function placeInMessage(message: string): { line: number; column: number } | null {
  const match = /\((\d+):(\d+)-\d+:\d+\)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

function endOf(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
