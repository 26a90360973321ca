/**
 * The fingerprint of everything a generation's output depends on: the doc
 * pages (paths and bytes), what reading them reported, the options that
 * reach the emitter, and the generator itself (its code, templates and the
 * versions of the libraries that parse and render). Generation is a pure
 * function of these, so an out dir whose record carries the same
 * fingerprint, and whose files still hash as recorded, is what a full run
 * would write again: `check` and `generate` stop there without parsing or
 * emitting.
 *
 * When in doubt, it changes: anything unreadable hashes as a marker that
 * never matches a real run's.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compareStrings, type Diagnostic } from './diagnostics.js';
import { layout } from './layout.js';
import type { DocFile } from './parse/page.js';

const FINGERPRINT_FORMAT = 'stackql-codegen-inputs/1';

/** What of the config reaches the output; the docs and out paths and the cache do not. */
export interface FingerprintOptions {
  packageName: string | null;
  packageVersion: string;
  templates: string | null;
  defaults: Record<string, string>;
}

/** The libraries whose behaviour shapes the output: a different version may parse or render differently. */
const OUTPUT_LIBRARIES = ['handlebars', 'yaml', 'unified', 'remark-parse', 'remark-mdx', 'remark-gfm', 'remark-frontmatter'] as const;

export async function inputFingerprint(files: readonly DocFile[], readDiagnostics: readonly Diagnostic[], options: FingerprintOptions): Promise<string> {
  const hash = createHash('sha256').update(`${FINGERPRINT_FORMAT}\0`);
  await hashGeneratorAndOptions(hash, options);
  hash.update('\0diagnostics\0').update(JSON.stringify(readDiagnostics));
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  for (const file of sorted) hash.update('\0page\0').update(file.path).update(`\0${file.bytes.length}\0`).update(file.bytes);
  return hash.digest('hex');
}

/**
 * What every generated file depends on besides the docs: the generator
 * build, the options that reach the emitter and the templates dir's
 * contents. Part of each service's key (see `serviceKey`).
 */
export async function emitContextKey(options: FingerprintOptions): Promise<string> {
  const hash = createHash('sha256').update('stackql-codegen-emit-context/1\0');
  await hashGeneratorAndOptions(hash, options);
  return hash.digest('hex');
}

async function hashGeneratorAndOptions(hash: Hash, options: FingerprintOptions): Promise<void> {
  hash.update(`generator ${await generatorBuildKey()}\0`);
  const defaults = Object.entries(options.defaults).sort(([a], [b]) => compareStrings(a, b));
  hash.update(JSON.stringify({ packageName: options.packageName, packageVersion: options.packageVersion, defaults }));
  hash.update('\0templates\0');
  if (options.templates !== null) await hashTree(hash, options.templates);
}

let buildKeyMemo: Promise<string> | null = null;

/** In `dist/`: the {@link sourceKey} of the sources the build was made from, written by `npm run build`. */
export const BUILD_KEY_FILE = 'build-key.txt';

/**
 * A hash of the generator as it runs: its code (see {@link sourceKey}), the
 * templates and runtime copied into packages, and the library versions.
 * The same whether run from source or built, and on any machine, so a
 * record written by one is recognised by the other.
 */
export function generatorBuildKey(): Promise<string> {
  buildKeyMemo ??= computeBuildKey();
  return buildKeyMemo;
}

async function computeBuildKey(): Promise<string> {
  const built = layout.distDir === null ? null : await readFile(join(layout.distDir, BUILD_KEY_FILE), 'utf8').catch(() => null);
  const hash = createHash('sha256');
  // A build without its key (tsc run alone) is hashed as it is: correct, only never equal to a source run's.
  hash.update(`code ${built?.trim() ?? (await sourceKey(layout.codeDir))}\0`);
  hash.update('templates\0');
  if (!existsSync(join(layout.templatesDir, 'resource.ts.hbs'))) hash.update('<no templates>');
  else await hashTree(hash, layout.templatesDir);
  const require = createRequire(import.meta.url);
  for (const library of OUTPUT_LIBRARIES) hash.update(`\0${library}@${await libraryVersion(require, library)}`);
  return hash.digest('hex');
}

/**
 * A hash of the generator's code under `dir`: its `.ts` sources when `dir`
 * is the source tree, its `.js` when it is a build without a key. Line ends
 * are normalised, as a checkout may have either.
 */
export async function sourceKey(dir: string): Promise<string> {
  const hash = createHash('sha256');
  await hashTree(hash, dir, (name) => (name.endsWith('.ts') && !name.endsWith('.d.ts')) || name.endsWith('.js') || name.endsWith('.json'));
  return hash.digest('hex');
}

/** Every file under `dir` (recursively, sorted by relative path) by name and bytes; a missing dir hashes as such. */
export async function hashTree(hash: Hash, dir: string, keep: (name: string) => boolean = () => true): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    hash.update('\0<no such directory>\0');
    return;
  }
  const files = entries
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/'))
    .sort(compareStrings);
  const contents = await Promise.all(files.map((file) => readOrMarker(join(dir, file))));
  files.forEach((file, index) => hash.update(`\0${file}\0`).update(withoutCarriageReturns(contents[index] as Buffer)));
}

/** CRLF → LF, as the template loader reads templates: a Windows checkout hashes as a Unix one. */
function withoutCarriageReturns(bytes: Buffer): Buffer {
  return bytes.includes(13) ? Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : bytes;
}

async function readOrMarker(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    return Buffer.from('\0<unreadable>\0');
  }
}

/**
 * The `version` of the installed library: the package.json of the first
 * `<dir>/<name>` on `require`'s lookup path for a bare name, which is the
 * copy `require(name)` loads. Read directly, not through
 * `require.resolve(name)`: resolving the entry point (its `exports`, `main`
 * and the stats behind them) for every library cost more than the rest of
 * the build key, on every run, `check` included.
 */
export async function libraryVersion(require: NodeJS.Require, name: string): Promise<string> {
  for (const dir of require.resolve.paths(name) ?? []) {
    let text: string;
    try {
      text = await readFile(join(dir, name, 'package.json'), 'utf8');
    } catch {
      continue; // Not installed in this node_modules; node looks in the next.
    }
    try {
      const manifest = JSON.parse(text) as { version?: unknown };
      return typeof manifest.version === 'string' ? manifest.version : '<no version>';
    } catch {
      return '<unknown>';
    }
  }
  return '<not installed>';
}

/** The `version` in the nearest package.json named `name` at or above `start`; null where there is none. */
export async function packageVersion(start: string, name: string): Promise<string | null> {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version ?? '<no version>';
    } catch {
      // Not the package root yet.
    }
    if (dirname(dir) === dir) return null;
  }
}
