/**
 * Kill test: `kill -9` the real CLI while it regenerates the okta corpus
 * over a previous output, at seeded random moments, and check that the out
 * dir — after the recovery every reader of it runs first — is exactly the
 * old output or exactly the new one.
 *
 * Three kinds of moments: uniform over a whole run (start-up, parsing,
 * emitting, writing); uniform over the staging of the write transaction,
 * timed from the moment its staging directory appears in the out dir; and
 * uniform over its apply, timed from the moment its journal appears (the
 * commit point). Both are watched with fs.watch, so no hook in the product
 * is needed. Files are staged while the package is still being emitted, so
 * staging is most of a run and the apply a short tail: timing kills from
 * each on its own is what makes sure both sides of the commit point are hit.
 *
 * Runs a frozen copy of `dist/` (`npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { access, cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binOf, CLI_BIN } from './support/cli.js';
import { CORPUS_ROOT, REPO_ROOT } from './support/seed.js';
import { makeTempDir, seededRandom, snapshotTree } from './support/tree.js';

const TXN = '.stackql-codegen-txn';
const UNIFORM_KILLS = Number(process.env.KILL_TEST_UNIFORM ?? 6);
const WINDOW_KILLS = Number(process.env.KILL_TEST_WINDOW ?? 14);
const SEED = Number(process.env.KILL_TEST_SEED ?? 7);

/** A frozen copy of the built tool, so a rebuild during the test cannot change the expected output. */
let cli: string;
let work: string;
let dispose: () => Promise<void>;
let docs: string;
let cache: string;
let pristineOld: string;
let oldTree: Record<string, string>;
let newTree: Record<string, string>;
let recoverOutDir: (outDir: string) => Promise<'none' | 'rolled-forward' | 'discarded'>;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ms from spawn to the staging dir appearing, if it did. */
  stagedAt: number | null;
  /** ms from spawn to the journal appearing (the commit point), if it was seen. */
  committedAt: number | null;
  endedAt: number;
}

type Kill = { fromSpawn: number } | { fromStaging: number } | { fromCommit: number };

/** Runs `generate` into `out`; with `kill`, sends SIGKILL that many ms after spawn, after the staging dir appears, or after the journal does. */
function generate(out: string, kill?: Kill): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    let stagedAt: number | null = null;
    let committedAt: number | null = null;
    const child = spawn(process.execPath, [cli, 'generate', '--docs', docs, '--out', out, '--cache-dir', cache], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killNow = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | null = null;
    if (kill && 'fromSpawn' in kill) timer = setTimeout(killNow, kill.fromSpawn);
    const watchers = [
      watch(out, (_event, name) => {
        if (name !== TXN || stagedAt !== null) return;
        stagedAt = performance.now() - started;
        if (kill && 'fromStaging' in kill) timer = setTimeout(killNow, kill.fromStaging);
        try {
          watchers.push(
            watch(join(out, TXN), (_inner, file) => {
              if (file !== 'journal.json' || committedAt !== null) return;
              committedAt = performance.now() - started;
              if (kill && 'fromCommit' in kill) timer = setTimeout(killNow, kill.fromCommit);
            }),
          );
        } catch {
          // The staging dir came and went before it could be watched.
        }
      }),
    ];
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const watcher of watchers) watcher.close();
      if (timer !== null) clearTimeout(timer);
      if (code !== null && code !== 0) reject(new Error(`generate exited ${code}: ${stderr}`));
      else resolveRun({ code, signal, stagedAt, committedAt, endedAt: performance.now() - started });
    });
  });
}

async function resetOut(out: string): Promise<void> {
  await rm(out, { recursive: true, force: true });
  await cp(pristineOld, out, { recursive: true });
}

/**
 * Changes many generated files — a datatype and the example hints on every
 * third page (the others stay cached, to keep the test short) — and removes
 * one resource.
 */
async function mutateDocs(root: string): Promise<void> {
  const pages = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name === 'index.md')
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .filter((_, index) => index % 3 === 0);
  for (const page of pages) {
    const text = await readFile(page, 'utf8');
    await writeFile(page, text.replace('<td><code>string</code></td>', '<td><code>string (byte)</code></td>').replaceAll('(example: ', '(for example: '));
  }
  await rm(join(root, 'services', 'authorizationservers', 'oauth2_resource_server_jwks'), { recursive: true });
}

function differingPaths(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((path) => a[path] !== b[path]).sort();
}

function sameTree(a: Record<string, string>, b: Record<string, string>): boolean {
  return differingPaths(a, b).length === 0;
}

beforeAll(async () => {
  await access(CLI_BIN).catch(() => {
    throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  });
  ({ path: work, dispose } = await makeTempDir('kill'));
  const tool = join(work, 'tool');
  for (const part of ['dist', 'templates', 'package.json']) await cp(join(REPO_ROOT, part), join(tool, part), { recursive: true });
  await symlink(join(REPO_ROOT, 'node_modules'), join(tool, 'node_modules'));
  cli = binOf(tool);
  ({ recoverOutDir } = (await import(pathToFileURL(join(tool, 'dist', 'generator', 'write', 'index.js')).href)) as { recoverOutDir: typeof recoverOutDir });
  docs = join(work, 'docs');
  cache = join(work, 'cache');
  pristineOld = join(work, 'old');
  await cp(join(CORPUS_ROOT, 'okta'), docs, { recursive: true });
  // The previous output, with a user file beside it.
  await mkdir(pristineOld, { recursive: true });
  await generate(pristineOld);
  await writeFile(join(pristineOld, 'USER-NOTES.md'), 'kept across generations\n');
  oldTree = await snapshotTree(pristineOld);
  await mutateDocs(docs);
  const reference = join(work, 'new');
  await resetOut(reference);
  await generate(reference);
  newTree = await snapshotTree(reference);
}, 600_000);
afterAll(async () => dispose());

describe('kill -9 during generate', () => {
  it('the mutation changes, adds and removes generated files', () => {
    const changed = Object.keys(newTree).filter((p) => p in oldTree && oldTree[p] !== newTree[p]);
    const removed = Object.keys(oldTree).filter((p) => !(p in newTree));
    expect(changed.length).toBeGreaterThan(50);
    expect(removed.length).toBeGreaterThan(0);
    expect(newTree['USER-NOTES.md']).toBe('kept across generations\n');
  });

  it(`leaves the old or the new output at ${UNIFORM_KILLS + WINDOW_KILLS} seeded random moments`, async () => {
    const out = join(work, 'out');
    await resetOut(out);
    const timing = await generate(out);
    expect(timing.stagedAt).not.toBeNull();
    expect(timing.committedAt).not.toBeNull();
    const whole = timing.endedAt;
    const staging = (timing.committedAt ?? 0) - (timing.stagedAt ?? 0);
    const applying = timing.endedAt - (timing.committedAt ?? 0);
    const random = seededRandom(SEED);
    const outcomes: string[] = [];
    for (let i = 0; i < UNIFORM_KILLS + WINDOW_KILLS; i++) {
      await resetOut(out);
      const kill: Kill =
        i < UNIFORM_KILLS
          ? { fromSpawn: Math.floor(random() * whole) }
          : (i - UNIFORM_KILLS) % 2 === 0
            ? { fromStaging: Math.floor(random() * staging) }
            : { fromCommit: Math.floor(random() * applying) };
      const run = await generate(out, kill);
      const recovery = await recoverOutDir(out);
      const tree = await snapshotTree(out);
      const state = sameTree(tree, newTree) ? 'new' : sameTree(tree, oldTree) ? 'old' : `MIXED (differs from new at ${differingPaths(tree, newTree).slice(0, 3).join(', ')})`;
      const moment = 'fromSpawn' in kill ? `spawn+${kill.fromSpawn}` : 'fromStaging' in kill ? `staging+${kill.fromStaging}` : `commit+${kill.fromCommit}`;
      outcomes.push(`${moment}ms ${run.signal ?? 'exited'} recovery=${recovery} → ${state}`);
      expect(state, outcomes.join('\n')).toMatch(/^(old|new)$/);
    }
    console.log(`kill test (seed ${SEED}; uninterrupted run ${Math.round(whole)} ms, staging ~${Math.round(staging)} ms, apply ~${Math.round(applying)} ms):\n${outcomes.join('\n')}`);
    const states = outcomes.map((line) => line.split(' → ')[1]);
    expect(states).toContain('old');
    expect(states).toContain('new');
    // At least one kill must have landed inside a transaction, or the test proved nothing about it.
    expect(outcomes.some((line) => /SIGKILL recovery=(rolled-forward|discarded)/.test(line))).toBe(true);
  }, 900_000);
});
