/**
 * Pages built to exhaust the parser: a 50 MB page, 10,000-deep JSX, tables
 * of 100,000 rows (HTML and GFM pipes). Each must end quickly, in bounded
 * memory, with one located diagnostic that names the limit it crossed
 * (`MAX_PAGE_BYTES` in parse/decode.ts, `MAX_MARKUP_*` and
 * `MAX_PIPE_TABLE_LINES` in parse/markdown.ts) — and a page just inside the
 * limits still parses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics.js';
import { MAX_PAGE_BYTES } from '../../generator/parse/decode.js';
import { parsePageFast } from '../../generator/parse/fast/index.js';
import { MAX_MARKUP_DEPTH, MAX_MARKUP_TAGS, MAX_PIPE_TABLE_LINES } from '../../generator/parse/markdown.js';
import { parsePage, type DocFile, type ParsedPage } from '../../generator/parse/page.js';

const SEED = readFileSync('/work/shared/seed/oauth2_resource_server_jwks.mdx', 'utf8');
const LEGACY = readFileSync('/work/shared/corpus/okta-legacy/providers/okta/usertype/user/index.md', 'utf8');
const PATH = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
const LEGACY_PATH = 'providers/okta/usertype/user/index.md';
/** Generous for a loaded 2-core machine; without the limits these pages take 10 s to minutes. */
const TIME_BUDGET_MS = 3_000;
const HEAP_BUDGET_BYTES = 256 * 1024 * 1024;

const FIRST_FIELD_ROW = '<tbody>\n<tr>\n    <td><CopyableCode code="id" />';

function withFieldRows(rows: string): string {
  const text = SEED.replace(FIRST_FIELD_ROW, `<tbody>\n${rows}${FIRST_FIELD_ROW.slice('<tbody>\n'.length)}`);
  expect(text).not.toBe(SEED);
  return text;
}

function withDescription(replacement: string): string {
  const text = SEED.replace('Acceptable use of the JSON Web Key (example: enc)', replacement);
  expect(text).not.toBe(SEED);
  return text;
}

function measured(read: () => ParsedPage): { page: ParsedPage; ms: number; heapGrowth: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const page = read();
  return { page, ms: performance.now() - started, heapGrowth: process.memoryUsage().heapUsed - heapBefore };
}

function onlyError(page: ParsedPage): Diagnostic {
  const errors = page.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  return errors[0] as Diagnostic;
}

function lineOf(text: string, needle: string, occurrence = 1): number {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
  expect(offset).toBeGreaterThanOrEqual(0);
  return text.slice(0, offset).split('\n').length;
}

describe('parser limits', () => {
  it('a 50 MB page is refused by size before decoding, in bounded time and memory', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    bytes.set(new TextEncoder().encode(SEED));
    const { page, ms, heapGrowth } = measured(() => parsePage({ path: PATH, bytes }));
    expect(page.kind).toBe('skipped');
    const error = onlyError(page);
    expect(error.code).toBe('page/too-large');
    expect(error.message).toContain(String(MAX_PAGE_BYTES));
    expect(ms).toBeLessThan(TIME_BUDGET_MS);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET_BYTES);
  });

  it('10,000-deep JSX is refused where the nesting crosses MAX_MARKUP_DEPTH (the parser would overflow its stack)', () => {
    const depth = 10_000;
    const text = withDescription(`${'<span>'.repeat(depth)}deep${'</span>'.repeat(depth)}`);
    const { page, ms, heapGrowth } = measured(() => parsePage({ path: PATH, bytes: Buffer.from(text) }));
    const error = onlyError(page);
    expect(error.code).toBe('page/too-complex');
    expect(error.message).toContain('MAX_MARKUP_DEPTH');
    // The description's line holds the span that crosses the limit: the cell's
    // own tags (Tabs, TabItem, table, tbody, tr, td) count too, so it is one of the first MAX_MARKUP_DEPTH spans.
    expect(error.line).toBe(lineOf(text, '<span>'));
    const firstSpan = text.split('\n')[error.line - 1]!.indexOf('<span>') + 1;
    expect((error.column - firstSpan) % '<span>'.length).toBe(0);
    expect(error.column).toBeGreaterThan(firstSpan + '<span>'.length * (MAX_MARKUP_DEPTH - 10));
    expect(error.column).toBeLessThan(firstSpan + '<span>'.length * MAX_MARKUP_DEPTH);
    expect(ms).toBeLessThan(TIME_BUDGET_MS);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET_BYTES);
  });

  it('10,000 nested block-level tags on their own lines are refused the same way', () => {
    const depth = 10_000;
    const text = SEED.replace('## Methods', `${'<div>\n'.repeat(depth)}${'</div>\n'.repeat(depth)}\n## Methods`);
    const { page, ms } = measured(() => parsePage({ path: PATH, bytes: Buffer.from(text) }));
    const error = onlyError(page);
    expect(error.code).toBe('page/too-complex');
    // Only the section's own nesting counts here (the Fields tabs are closed by then).
    expect(error.line).toBe(lineOf(text, '<div>') + MAX_MARKUP_DEPTH);
    expect(ms).toBeLessThan(TIME_BUDGET_MS);
  });

  it('a 100,000-row HTML fields table (under the size limit) is refused at the tag past MAX_MARKUP_TAGS', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `<tr><td>f${i}</td></tr>\n`).join('');
    const text = withFieldRows(rows);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_PAGE_BYTES);
    const { page, ms, heapGrowth } = measured(() => parsePage({ path: PATH, bytes: Buffer.from(text) }));
    const error = onlyError(page);
    expect(error.code).toBe('page/too-complex');
    expect(error.message).toContain(`more than ${MAX_MARKUP_TAGS} tags`);
    expect(ms).toBeLessThan(TIME_BUDGET_MS);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET_BYTES);
  });

  it('a 100,000-row legacy pipe table is refused at the line past MAX_PIPE_TABLE_LINES', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `| \`f${i}\` | \`string\` |\n`).join('');
    const text = LEGACY.replace(/(\| *Name *\| *Datatype *\|[^\n]*\n\|[^\n]*\n)/, `$1${rows}`);
    expect(text).not.toBe(LEGACY);
    const { page, ms, heapGrowth } = measured(() => parsePage({ path: LEGACY_PATH, bytes: Buffer.from(text) }));
    const error = onlyError(page);
    expect(error.code).toBe('page/too-complex');
    expect(error.message).toContain('MAX_PIPE_TABLE_LINES');
    const pipeLines = text.split('\n').map((line, index) => ({ line, number: index + 1 })).filter(({ line }) => /^[ \t]*\|/.test(line));
    expect(error.line).toBe(pipeLines[MAX_PIPE_TABLE_LINES]!.number);
    expect(ms).toBeLessThan(TIME_BUDGET_MS);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET_BYTES);
  });

  it('the fast reader leaves pages past the limits to parsePage, so both refuse them alike, in bounded time', () => {
    const read = (file: DocFile): ParsedPage => parsePageFast(file) ?? parsePage(file);
    const deep = withDescription(`${'<span>'.repeat(10_000)}x${'</span>'.repeat(10_000)}`);
    // Rows exactly in the seed's layout, which the line scanner reads (it took 3 s for 40,000 and accepted them).
    const row = (i: number): string => `<tr>\n    <td><CopyableCode code="f${i}" /></td>\n    <td><code>string</code></td>\n    <td>d</td>\n</tr>\n`;
    const rows = withFieldRows(Array.from({ length: 20_000 }, (_, i) => row(i)).join(''));
    const huge = withFieldRows(Array.from({ length: 100_000 }, (_, i) => row(i)).join(''));
    for (const text of [deep, rows, huge]) {
      const bytes = Buffer.from(text);
      expect(parsePageFast({ path: PATH, bytes })).toBeNull();
      const { page, ms } = measured(() => read({ path: PATH, bytes }));
      const code = bytes.length > MAX_PAGE_BYTES ? 'page/too-large' : 'page/too-complex';
      expect(onlyError(page).code).toBe(code);
      expect(ms).toBeLessThan(TIME_BUDGET_MS);
    }
    expect(Buffer.byteLength(rows)).toBeLessThan(MAX_PAGE_BYTES);
  });

  it('a page just inside the limits still parses: nesting at the depth limit and a hundred extra rows', () => {
    const nested = withDescription(`${'<span>'.repeat(MAX_MARKUP_DEPTH - 10)}deep${'</span>'.repeat(MAX_MARKUP_DEPTH - 10)}`);
    const rows = withFieldRows(
      Array.from({ length: 100 }, (_, i) => `<tr>\n    <td><CopyableCode code="extra${i}" /></td>\n    <td><code>string</code></td>\n    <td>d</td>\n</tr>\n`).join(''),
    );
    for (const text of [nested, rows]) {
      const page = parsePage({ path: PATH, bytes: Buffer.from(text) });
      expect(page.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(page.kind).toBe('resource');
    }
    const page = parsePage({ path: PATH, bytes: Buffer.from(rows) });
    if (page.kind !== 'resource') throw new Error('not a resource');
    const listFields = JSON.stringify(page.resource);
    expect(listFields).toContain('"extra99"');
  });
});
