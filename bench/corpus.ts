import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { compareStrings } from '../generator/diagnostics.js';

/** Every file under `root`, as POSIX paths relative to it, in code-unit order. */
export function listFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(relative(root, full).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort(compareStrings);
}

/** `services/<service>/<resource>/index.md`: the pages the generator turns into resources. */
export function isResourcePage(path: string): boolean {
  return /^services\/[^/]+\/[^/]+\/index\.mdx?$/.test(path);
}

export function isDocPage(path: string): boolean {
  return /\.mdx?$/.test(path);
}

export interface CorpusStats {
  /** Resource pages. */
  pages: number;
  /** Every `.md`/`.mdx` file (provider and service pages included). */
  files: number;
  /** Bytes of the resource pages. */
  resourceBytes: number;
  /** Bytes of every doc file. */
  bytes: number;
}

export function corpusStats(root: string): CorpusStats {
  let pages = 0;
  let files = 0;
  let resourceBytes = 0;
  let bytes = 0;
  for (const path of listFiles(root).filter(isDocPage)) {
    const size = statSync(join(root, path)).size;
    files += 1;
    bytes += size;
    if (isResourcePage(path)) {
      pages += 1;
      resourceBytes += size;
    }
  }
  return { pages, files, resourceBytes, bytes };
}

export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/**
 * Rewrites one resource page as a page of the synthetic provider: its id
 * `provider.service.resource` becomes `synth.<service>.<resource>` with the
 * new service name, everywhere the page spells it (Overview, examples, keywords).
 */
export function renamePage(text: string, from: { provider: string; service: string }, to: { provider: string; service: string }): string {
  const qualified = new RegExp(`\\b${escape(from.provider)}\\.${escape(from.service)}\\.`, 'g');
  const keyword = new RegExp(`^(  - )${escape(from.service)}$`, 'm');
  const providerKeyword = new RegExp(`^(  - )${escape(from.provider)}$`, 'm');
  return text
    .replace(qualified, `${to.provider}.${to.service}.`)
    .replace(keyword, `$1${to.service}`)
    .replace(providerKeyword, `$1${to.provider}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface SyntheticSource {
  /** The provider name the corpus's ids start with (`okta`, `github`). */
  provider: string;
  root: string;
}

/**
 * Builds a docs tree of `pageCount` resource pages under `target` by cycling
 * through the sources' resource pages; copy `k` of service `s` becomes service
 * `s_<provider><k>` of provider `synth`, so every id, service and path is unique.
 * The provider page is the first source's, renamed. Returns the bytes written.
 */
export function buildSyntheticCorpus(sources: readonly SyntheticSource[], pageCount: number, target: string): number {
  const pool = sources.flatMap((source) =>
    listFiles(source.root)
      .filter(isResourcePage)
      .map((path) => ({ source, path, text: readFileSync(join(source.root, path), 'utf8') })),
  );
  if (pool.length === 0) throw new Error('no resource pages in the synthetic corpus sources');
  let bytes = 0;
  const write = (path: string, text: string): void => {
    const full = join(target, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    bytes += Buffer.byteLength(text);
  };
  const first = sources[0];
  if (first) {
    const providerPage = readFileSync(join(first.root, 'index.md'), 'utf8');
    write('index.md', providerPage.replace(new RegExp(`\\b${escape(first.provider)}\\b`, 'g'), 'synth'));
  }
  for (let index = 0; index < pageCount; index += 1) {
    const entry = pool[index % pool.length];
    if (!entry) continue;
    const copy = Math.floor(index / pool.length);
    const [, service, resource] = entry.path.split('/');
    if (service === undefined || resource === undefined) continue;
    const newService = `${service}_${entry.source.provider}${copy}`;
    const text = renamePage(entry.text, { provider: entry.source.provider, service }, { provider: 'synth', service: newService });
    write(`services/${newService}/${resource}/index.md`, text);
  }
  return bytes;
}
