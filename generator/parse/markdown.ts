import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markupLimitProblem } from './limits.js';

// GFM is on for every page: legacy pages need its pipe tables, and current
// pages have none, so it changes nothing there.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx).use(remarkGfm);

export type MarkdownResult =
  | { ok: true; tree: Root }
  | { ok: false; code: 'page/mdx-syntax' | 'page/too-complex'; line: number; column: number; message: string };

export { MAX_MARKUP_DEPTH, MAX_MARKUP_TAGS, MAX_PIPE_TABLE_LINES } from './limits.js';

/** Parses a page as MDX; a syntax error comes back with the parser's own line and column instead of being thrown. */
export function parseMarkdown(text: string): MarkdownResult {
  const tooComplex = markupLimitProblem(text);
  if (tooComplex) return { ok: false, code: 'page/too-complex', ...tooComplex };
  try {
    return { ok: true, tree: processor.parse(text) };
  } catch (error: unknown) {
    const message = error instanceof Error ? firstLine(('reason' in error && typeof error.reason === 'string' ? error.reason : undefined) ?? error.message) : String(error);
    const place = placeOf(error) ?? placeInMessage(message) ?? endOf(text);
    return { ok: false, code: 'page/mdx-syntax', line: place.line, column: place.column, message };
  }
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
