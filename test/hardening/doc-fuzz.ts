/**
 * Doc fuzzing over the real corpora: pages mutated the ways docs really get
 * damaged (flipped bytes, dropped or duplicated lines and sections, swapped
 * or lost tags, truncation) must never make `parsePage`, the fast reader or
 * `buildDocument` throw, and every diagnostic must point inside its page.
 * Mutations come from a seeded generator, so a failure names the case that
 * reproduces it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { emitPackage } from '../../generator/emit/index.js';
import { buildDocument } from '../../generator/ir/build.js';
import { parsePageFast } from '../../generator/parse/fast/index.js';
import { parsePage, type DocFile, type ParsedPage } from '../../generator/parse/page.js';

const REPO = join(import.meta.dirname, '..', '..');

export const CORPORA = ['okta', 'github', 'okta-legacy'].map((name) => join('/work/shared/corpus', name));

export interface CorpusPage {
  /** Docs-relative path, as the reader would give it. */
  path: string;
  corpus: string;
  bytes: Uint8Array;
}

/** Every page of the corpora, in path order (read in place). */
export function corpusPages(): CorpusPage[] {
  const pages: CorpusPage[] = [];
  for (const root of CORPORA) {
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir).sort()) {
        const full = join(dir, entry);
        if (statSync(full).isDirectory()) visit(full);
        else if (/\.mdx?$/.test(entry)) pages.push({ path: relative(root, full).split(sep).join('/'), corpus: root, bytes: readFileSync(full) });
      }
    };
    visit(root);
  }
  return pages;
}

/** mulberry32: small, fast and the same everywhere. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const index = (next: () => number, length: number): number => Math.floor(next() * length);

const TAG_NAMES = ['Tabs', 'TabItem', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'code', 'CopyableCode', 'CodeBlock', 'SchemaTable', 'a', 'b', 'details'];

type Mutation = (bytes: Uint8Array, next: () => number) => Uint8Array;

const lines = (bytes: Uint8Array): string[] => new TextDecoder().decode(bytes).split('\n');
const join_ = (parts: string[]): Uint8Array => new TextEncoder().encode(parts.join('\n'));

/** `## ` headings split a page into sections: [start line, end line) of each. */
function sections(text: string[]): Array<[number, number]> {
  const starts = text.flatMap((line, i) => (line.startsWith('## ') ? [i] : []));
  return starts.map((start, i) => [start, starts[i + 1] ?? text.length]);
}

export const MUTATIONS: Record<string, Mutation> = {
  'flip-byte': (bytes, next) => {
    const copy = bytes.slice();
    if (copy.length > 0) {
      const at = index(next, copy.length);
      copy[at] = (copy[at] as number) ^ (1 << index(next, 8));
    }
    return copy;
  },
  'drop-line': (bytes, next) => {
    const text = lines(bytes);
    text.splice(index(next, text.length), 1);
    return join_(text);
  },
  'duplicate-line': (bytes, next) => {
    const text = lines(bytes);
    const at = index(next, text.length);
    text.splice(at, 0, text[at] ?? '');
    return join_(text);
  },
  'drop-section': (bytes, next) => {
    const text = lines(bytes);
    const all = sections(text);
    if (all.length === 0) return bytes;
    const [start, end] = pick(next, all);
    text.splice(start, end - start);
    return join_(text);
  },
  'duplicate-section': (bytes, next) => {
    const text = lines(bytes);
    const all = sections(text);
    if (all.length === 0) return bytes;
    const [start, end] = pick(next, all);
    text.splice(end, 0, ...text.slice(start, end));
    return join_(text);
  },
  'swap-tag': (bytes, next) => {
    const text = new TextDecoder().decode(bytes);
    const tags = [...text.matchAll(/<\/?([A-Za-z][A-Za-z0-9]*)/g)];
    if (tags.length === 0) return bytes;
    const tag = pick(next, tags);
    const name = tag[1] as string;
    const at = (tag.index as number) + tag[0].length - name.length;
    return new TextEncoder().encode(`${text.slice(0, at)}${pick(next, TAG_NAMES)}${text.slice(at + name.length)}`);
  },
  'drop-tag': (bytes, next) => {
    const text = new TextDecoder().decode(bytes);
    const tags = [...text.matchAll(/<\/?[A-Za-z][^<>]*>/g)];
    if (tags.length === 0) return bytes;
    const tag = pick(next, tags);
    return new TextEncoder().encode(`${text.slice(0, tag.index)}${text.slice((tag.index as number) + tag[0].length)}`);
  },
  'swap-sections': (bytes, next) => {
    const text = lines(bytes);
    const all = sections(text);
    if (all.length < 2) return bytes;
    const [a, b] = [pick(next, all), pick(next, all)].sort((x, y) => x[0] - y[0]) as [[number, number], [number, number]];
    if (a[0] === b[0]) return bytes;
    return join_([...text.slice(0, a[0]), ...text.slice(b[0], b[1]), ...text.slice(a[1], b[0]), ...text.slice(a[0], a[1]), ...text.slice(b[1])]);
  },
  // Code where the docs put data: a reader that evaluated it would end the run (process.exit) instead of reporting it.
  'insert-expression': (bytes, next) => {
    const text = lines(bytes);
    const piece = pick(next, [
      '{process.exit(9)}',
      '<SchemaTable fields={[{"name": "x", "type": "string", "description": "d", "children": [{"name": "y", "type": "integer"}]}]} />',
      '<SchemaTable fields={[{"name": process.exit(9)}]} />',
      '<SchemaTable fields={(() => { process.exit(9); })()} />',
      '<CopyableCode code={process.exit(9)} />',
      '{/* a comment */}',
      '<CodeBlock language="yaml">{`- name: x\n  props:\n    - name: y\n      value: string`}</CodeBlock>',
      '<CodeBlock language="yaml">{`${process.exit(9)}`}</CodeBlock>',
    ]);
    text.splice(index(next, text.length + 1), 0, piece);
    return join_(text);
  },
  truncate: (bytes, next) => bytes.slice(0, index(next, bytes.length + 1)),
  'insert-mdx': (bytes, next) => {
    const text = new TextDecoder().decode(bytes);
    const at = index(next, text.length + 1);
    const piece = pick(next, ['<', '>', '{', '}', '`', '```', '|', '"', "'", '\n', '</td>', '<tr>', '<TabItem value="x">', '{[', '## Methods\n', '---\n', '\r', '\u0000']);
    return new TextEncoder().encode(`${text.slice(0, at)}${piece}${text.slice(at)}`);
  },
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

export interface FuzzCase {
  seed: number;
  page: CorpusPage;
  mutations: string[];
  bytes: Uint8Array;
}

/** Case `seed`: a page and one to three mutations, all drawn from the seed. */
export function fuzzCase(pages: readonly CorpusPage[], seed: number): FuzzCase {
  const next = random(seed);
  const page = pick(next, pages);
  const count = 1 + index(next, 3);
  let bytes = page.bytes;
  const applied: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = pick(next, MUTATION_NAMES);
    bytes = (MUTATIONS[name] as Mutation)(bytes, next);
    applied.push(name);
  }
  return { seed, page, mutations: applied, bytes };
}

export interface FuzzFailure {
  seed: number;
  path: string;
  mutations: string[];
  problem: string;
}

/** What a case must satisfy; the problems found (empty when it passed). */
export function checkCase(fuzz: FuzzCase): { problems: string[]; parsed: ParsedPage | null } {
  const problems: string[] = [];
  const file: DocFile = { path: fuzz.page.path, bytes: fuzz.bytes };
  // A lone CR ends a line too (for the MDX parser, as for editors).
  const lineCount = new TextDecoder().decode(fuzz.bytes).split(/\r\n|\r|\n/).length;
  let parsed: ParsedPage | null = null;
  const readers: Array<[string, (file: DocFile) => ParsedPage | null]> = [
    ['parsePage', parsePage],
    ['parsePageFast', parsePageFast],
  ];
  for (const [name, read] of readers) {
    let page: ParsedPage | null;
    try {
      page = read(file);
    } catch (error) {
      problems.push(`${name} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      continue;
    }
    if (name === 'parsePage') parsed = page;
    for (const d of page?.diagnostics ?? []) {
      if (d.path !== file.path || !(d.line >= 1 && d.line <= lineCount) || !(d.column >= 1)) {
        problems.push(`${name}: diagnostic outside the page: ${d.path}:${d.line}:${d.column} ${d.code}`);
      }
    }
  }
  if (parsed !== null) {
    try {
      buildDocument([parsed]);
    } catch (error) {
      problems.push(`buildDocument threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return { problems, parsed };
}

export interface FuzzRun {
  cases: number;
  failures: FuzzFailure[];
  /** Mutated pages that still parse as resources without errors, one per Id, in case order. */
  clean: ParsedPage[];
}

/** Runs cases `first` … `first + count - 1`. */
export function runFuzz(count: number, first = 1): FuzzRun {
  const pages = corpusPages();
  const failures: FuzzFailure[] = [];
  const clean = new Map<string, ParsedPage>();
  for (let seed = first; seed < first + count; seed++) {
    const fuzz = fuzzCase(pages, seed);
    const { problems, parsed } = checkCase(fuzz);
    for (const problem of problems) failures.push({ seed, path: `${relative('/work/shared/corpus', fuzz.page.corpus)}/${fuzz.page.path}`, mutations: fuzz.mutations, problem });
    if (parsed?.kind === 'resource' && !parsed.diagnostics.some((d) => d.severity === 'error') && !clean.has(parsed.resource.id)) {
      clean.set(parsed.resource.id, parsed);
    }
  }
  return { cases: count, failures, clean: [...clean.values()] };
}

/**
 * Emits one package from `pages` into a temp dir and type-checks it (sources
 * and generated tests) with one strict tsc run; returns tsc's exit status and output.
 */
export function typecheckPackage(pages: ParsedPage[]): { status: number | null; output: string; resources: number } {
  const { document } = buildDocument(pages);
  const files = emitPackage(document, { packageName: '@stackql-codegen/fuzzed', packageVersion: '0.1.0', templatesDir: null, defaults: {} });
  const dir = mkdtempSync(join(tmpdir(), 'doc-fuzz-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(dir, file.path)), { recursive: true });
      writeFileSync(join(dir, file.path), file.contents);
    }
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], { cwd: dir, encoding: 'utf8', timeout: 600_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}`, resources: document.resources.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
