/**
 * The out dir's stat memo (`commands/stat-memo.ts`): a reused file whose
 * lstat is the one an earlier run read it with is not read again. Whatever
 * happens to the out dir in between (hand edits that keep the length and
 * put the mtime back, deletions, replacements), a generate must still
 * write what a generate of the same docs into an empty dir writes.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputReuse, ReusedFileChangedError } from '../../generator/commands/reuse.js';
import { SETTLE_MS, StatMemo } from '../../generator/commands/stat-memo.js';
import { resolveConfig } from '../../generator/config.js';
import type { EmittedFile } from '../../generator/emit/types.js';
import { generateStream } from '../../generator/pipeline.js';
import { writeOutput } from '../../generator/write/index.js';
import { runCli } from './support/cli.js';
import { OKTA_PROJECT_SERVICES, oktaProject } from './support/okta-project.js';
import { snapshotTree } from './support/tree.js';

const SERVICES = OKTA_PROJECT_SERVICES;
const RECORD = '.stackql-codegen.json';
/** A time utimes can set exactly, so that it can be put back after an edit. */
const WHOLE_SECOND = 1_700_000_000;

let dir: string;
let dispose: () => Promise<void>;
let docs: string;
let out: string;
let cache: string;

beforeEach(async () => {
  ({ dir, docs, out, cache, dispose } = await oktaProject('stat-memo'));
});
afterEach(async () => dispose());

function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A moment to say a file was read at, long enough after it was written for it to be learned (SETTLE_MS, and a margin for the ms the clocks differ by). */
function longAfter(): number {
  return Date.now() + SETTLE_MS + 60_000;
}

/** Long enough for the file system's clock (which may tick only every few ms) to move on. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function generate(): Promise<void> {
  const run = await runCli(['generate', '--docs', docs, '--out', out, '--cache-dir', cache], dir);
  expect(run.stderr).not.toMatch(/error/);
  expect(run.code).toBe(0);
}

async function expectSameAsFromScratch(): Promise<void> {
  const fresh = join(dir, 'fresh');
  expect((await runCli(['generate', '--docs', docs, '--out', fresh, '--no-cache'], dir)).code).toBe(0);
  const [incremental, scratch] = await Promise.all([snapshotTree(out), snapshotTree(fresh)]);
  await rm(fresh, { recursive: true, force: true });
  expect(Object.keys(incremental)).toEqual(Object.keys(scratch));
  for (const path of Object.keys(scratch)) expect(incremental[path], path).toBe(scratch[path]);
}

async function editFirstResourcePage(service: string): Promise<void> {
  const first = (await readdir(join(docs, 'services', service), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()[0];
  const page = join(docs, 'services', service, first ?? '', 'index.md');
  const text = await readFile(page, 'utf8');
  const edited = text.replace(/(<td><code>[^<]*<\/code><\/td>\n\s*<td>)([^<\n]+)(<\/td>)/, '$1$2 (edited)$3');
  expect(edited).not.toBe(text);
  await writeFile(page, edited);
}

/** The generated files of `service` the record lists, relative to the out dir. */
function serviceFiles(service: string): string[] {
  const record = JSON.parse(readFileSync(join(out, RECORD), 'utf8')) as { inputs: { services: Record<string, { files: string[] }> } };
  const files = record.inputs.services[service]?.files;
  if (files === undefined) throw new Error(`no service ${service} in the record`);
  return files;
}

/**
 * The memo as a run that read every reused file long after it was written
 * would leave it: every file of the out dir learned (a run learns only
 * files written at least SETTLE_MS before it reads them).
 */
async function learnEverything(): Promise<void> {
  const memo = StatMemo.load(cache, resolve(out));
  const paths = SERVICES.flatMap(serviceFiles);
  for (const path of paths) memo.learn(path, sha256(readFileSync(join(out, path))), statSync(join(out, path)), longAfter());
  await memo.save(paths);
}

/** The files the next run over `docs` reuses, as the emitter hands them to the writer (nothing written). */
async function reusedFiles(): Promise<EmittedFile[]> {
  const { config } = await resolveConfig({ docs, out, 'cache-dir': cache }, dir);
  const reuse = await outputReuse(config, undefined, StatMemo.load(cache, resolve(out)));
  const stream = await generateStream(config, undefined, undefined, reuse.reuse);
  const files = [...stream.files].filter((file) => file.onDisk !== undefined);
  await stream.cacheWritten;
  return files;
}

describe('StatMemo', () => {
  it('learns a file only once its ctime is SETTLE_MS older than its reading, and keeps what it knows of files left unchanged', async () => {
    await mkdir(out, { recursive: true });
    writeFileSync(join(out, 'a.ts'), 'a\n');
    writeFileSync(join(out, 'b.ts'), 'b\n');
    const memo = StatMemo.load(cache, resolve(out));
    const now = Date.now();
    memo.learn('a.ts', sha256('a\n'), statSync(join(out, 'a.ts')), now);
    memo.learn('b.ts', sha256('b\n'), statSync(join(out, 'b.ts')), longAfter());
    await memo.save(['a.ts', 'b.ts']);
    const next = StatMemo.load(cache, resolve(out));
    expect(next.vouches('a.ts', sha256('a\n'), lstatSync(join(out, 'a.ts')))).toBe(false);
    expect(next.vouches('b.ts', sha256('b\n'), lstatSync(join(out, 'b.ts')))).toBe(true);
    // What was known is kept for a file left unchanged, looked at this run or not; nothing for one that was not.
    await StatMemo.load(cache, resolve(out)).save(['b.ts']);
    expect(StatMemo.load(cache, resolve(out)).vouches('b.ts', sha256('b\n'), lstatSync(join(out, 'b.ts')))).toBe(true);
    await next.save([]);
    expect(StatMemo.load(cache, resolve(out)).vouches('b.ts', sha256('b\n'), lstatSync(join(out, 'b.ts')))).toBe(false);
  });

  it('vouches for a file only with the learned hash and the learned identity', async () => {
    await mkdir(out, { recursive: true });
    const path = join(out, 'a.ts');
    writeFileSync(path, 'aaaa\n');
    utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
    const learned = StatMemo.load(cache, resolve(out));
    learned.learn('a.ts', sha256('aaaa\n'), statSync(path), longAfter());
    await learned.save(['a.ts']);
    const memo = () => StatMemo.load(cache, resolve(out));
    expect(memo().vouches('a.ts', sha256('aaaa\n'), lstatSync(path))).toBe(true);
    expect(memo().vouches('a.ts', sha256('bbbb\n'), lstatSync(path))).toBe(false);
    expect(memo().vouches('b.ts', sha256('aaaa\n'), lstatSync(path))).toBe(false);
    // Rewritten with the same length, its mtime put back: the ctime tells.
    sleepSync(30);
    writeFileSync(path, 'bbbb\n');
    utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
    expect(lstatSync(path).size).toBe(5);
    expect(memo().vouches('a.ts', sha256('aaaa\n'), lstatSync(path))).toBe(false);
  });

  it('vouches for nothing from a memo that does not read as one', async () => {
    await mkdir(out, { recursive: true });
    writeFileSync(join(out, 'a.ts'), 'a\n');
    const learned = StatMemo.load(cache, resolve(out));
    learned.learn('a.ts', sha256('a\n'), statSync(join(out, 'a.ts')), longAfter());
    await learned.save(['a.ts']);
    const [file] = await readdir(join(cache, 'out-stats'));
    const memoPath = join(cache, 'out-stats', file ?? '');
    const text = readFileSync(memoPath, 'utf8');
    for (const damaged of [text.slice(0, -5), text.replace('"format":"stackql-codegen-out-stats/1"', '"format":"other"'), text.replace(/"ino":\d+/, '"ino":"1"')]) {
      expect(damaged).not.toBe(text);
      writeFileSync(memoPath, damaged);
      expect(StatMemo.load(cache, resolve(out)).vouches('a.ts', sha256('a\n'), lstatSync(join(out, 'a.ts')))).toBe(false);
    }
  });
});

describe('generate with a stat memo', () => {
  it('learns the files it reads, and then reuses them without reading them', async () => {
    await generate();
    await learnEverything();
    await editFirstResourcePage('captchas');
    const reused = await reusedFiles();
    expect(reused.length).toBeGreaterThan(0);
    // Not read: their contents are read only when asked for.
    for (const file of reused) expect(typeof file.contents, file.path).not.toBe('string');
    await generate();
    await expectSameAsFromScratch();
  });

  const meddles: [string, (path: string) => void][] = [
    [
      'hand-edited to the same length, its mtime put back',
      (path) => {
        writeFileSync(path, readFileSync(path, 'utf8').replace(/^(.)/, (c: string) => (c === '/' ? '#' : '/')));
        utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
      },
    ],
    ['deleted', (path) => rmSync(path)],
    [
      'replaced by another file with other bytes of the same length',
      (path) => {
        writeFileSync(`${path}.new`, readFileSync(path, 'utf8').replace(/^(.)/, (c: string) => (c === '/' ? '#' : '/')));
        renameSync(`${path}.new`, path);
      },
    ],
  ];
  for (const [what, meddle] of meddles) {
    it(`restores a file ${what}`, async () => {
      await generate();
      const [target] = serviceFiles('agentpools');
      if (target === undefined) throw new Error('no files');
      utimesSync(join(out, target), WHOLE_SECOND, WHOLE_SECOND);
      await learnEverything();
      sleepSync(30);
      meddle(join(out, target));
      await editFirstResourcePage('captchas');
      const reused = (await reusedFiles()).map((file) => file.path);
      // Its service is rendered; the other unchanged one is still taken on the memo's word.
      expect(reused).not.toContain(target);
      expect(reused).toEqual(serviceFiles('api_tokens'));
      await generate();
      await expectSameAsFromScratch();
    });
  }

  it('reads a vouched-for file edited before the writer came to it, and stops the write unless it still has the proved bytes', async () => {
    await generate();
    await learnEverything();
    await editFirstResourcePage('captchas');
    const { config } = await resolveConfig({ docs, out, 'cache-dir': cache }, dir);
    const [touched, edited] = serviceFiles('agentpools');
    if (touched === undefined || edited === undefined) throw new Error('too few files');
    const run = async (meddle: (path: string) => void) => {
      const reuse = await outputReuse(config, undefined, StatMemo.load(cache, resolve(out)));
      const stream = await generateStream(config, undefined, undefined, reuse.reuse);
      function* meddled(files: Iterable<EmittedFile>): Generator<EmittedFile> {
        for (const file of files) {
          meddle(file.path);
          yield file;
        }
      }
      try {
        return await writeOutput(out, meddled(stream.files), { inputs: { fingerprint: '0'.repeat(64), warnings: 0, services: reuse.services } });
      } finally {
        await stream.cacheWritten;
      }
    };
    // Touched (a new ctime) but the same bytes: read, found as proved, left as it is.
    const touchedOutcome = await run((path) => {
      if (path === touched) {
        sleepSync(30);
        utimesSync(join(out, touched), WHOLE_SECOND, WHOLE_SECOND);
      }
    });
    expect(touchedOutcome.ok && touchedOutcome.summary.unchanged).toContain(touched);
    // The bytes changed: the service's bytes are no longer at hand, and nothing is written.
    await learnEverything();
    const before = await snapshotTree(out);
    await expect(
      run((path) => {
        if (path === edited) {
          sleepSync(30);
          writeFileSync(join(out, edited), `${readFileSync(join(out, edited), 'utf8')}// edited\n`);
        }
      }),
    ).rejects.toBeInstanceOf(ReusedFileChangedError);
    expect(await snapshotTree(out)).toEqual({ ...before, [edited]: `${before[edited] ?? ''}// edited\n` });
    // The next generate reads it, finds it edited, and renders its service.
    await generate();
    await expectSameAsFromScratch();
  });
});
