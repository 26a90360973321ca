import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { lstat, mkdir, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/types.js';
import { OWNERSHIP_RECORD, readOutput, writeOutput } from '../../generator/write/index.js';
import { OutDirBusyError, withOutDirLock } from '../../generator/write/lock.js';
import { transactionDir } from '../../generator/write/transaction.js';
import { freshOutDir, writtenSummary } from './support/out-dir.js';
import { snapshotTree } from './support/tree.js';

const first: EmittedFile[] = [
  { path: 'package.json', contents: '{"name":"x"}\n' },
  { path: 'src/a/one.ts', contents: 'export const one = 1;\n' },
  { path: 'src/a/two.ts', contents: 'export const two = 2;\n' },
  { path: 'src/b/three.ts', contents: 'export const three = 3;\n' },
];
const second: EmittedFile[] = [
  { path: 'package.json', contents: '{"name":"x","version":"2"}\n' },
  { path: 'src/a/one.ts', contents: 'export const one = 1;\n' },
  { path: 'src/c/four.ts', contents: 'export const four = 4;\n' },
  // Was a directory of generated files in `first`.
  { path: 'src/b', contents: 'now a file\n' },
];

let out: string;
beforeEach(async () => {
  out = await freshOutDir('writer');
});

const expectWritten = (files: EmittedFile[]) => writtenSummary(out, files);

describe('writeOutput', () => {
  it('writes the files and a record of them with their hashes', async () => {
    const summary = await expectWritten(first);
    expect(summary).toEqual({ written: ['package.json', 'src/a/one.ts', 'src/a/two.ts', 'src/b/three.ts'], unchanged: [], removed: [] });
    const tree = await snapshotTree(out);
    expect(Object.keys(tree)).toEqual([OWNERSHIP_RECORD, 'package.json', 'src/a/one.ts', 'src/a/two.ts', 'src/b/three.ts']);
    const record = JSON.parse(tree[OWNERSHIP_RECORD] ?? '') as { files: Record<string, string> };
    expect(Object.keys(record.files)).toEqual(['package.json', 'src/a/one.ts', 'src/a/two.ts', 'src/b/three.ts']);
    expect(record.files['src/a/one.ts']).toBe(createHash('sha256').update('export const one = 1;\n').digest('hex'));
    expect(record.files['src/a/one.ts']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rewrites nothing when nothing changed: mtimes stay', async () => {
    await expectWritten(first);
    const before = await Promise.all([OWNERSHIP_RECORD, ...first.map((f) => f.path)].map(async (p) => (await stat(join(out, p))).mtimeMs));
    await new Promise((r) => setTimeout(r, 20));
    const summary = await expectWritten([...first].reverse());
    expect(summary.written).toEqual([]);
    expect(summary.removed).toEqual([]);
    expect(summary.unchanged).toHaveLength(4);
    const after = await Promise.all([OWNERSHIP_RECORD, ...first.map((f) => f.path)].map(async (p) => (await stat(join(out, p))).mtimeMs));
    expect(after).toEqual(before);
  });

  it('tells a changed file of the same length by its bytes, and one of another length by its length', async () => {
    await expectWritten(first);
    const changed: EmittedFile[] = [
      { path: 'package.json', contents: '{"name":"x"}\n' },
      { path: 'src/a/one.ts', contents: 'export const one = 9;\n' },
      { path: 'src/a/two.ts', contents: 'export const two = 22;\n' },
      { path: 'src/b/three.ts', contents: 'export const three = 3;\n' },
    ];
    expect(await expectWritten(changed)).toEqual({ written: ['src/a/one.ts', 'src/a/two.ts'], unchanged: ['package.json', 'src/b/three.ts'], removed: [] });
    // Hand edits, one keeping the length and one not: both are restored.
    await writeFile(join(out, 'src/a/one.ts'), 'export const one = 8;\n');
    await writeFile(join(out, 'src/a/two.ts'), 'export const two = 2;\n');
    expect(await expectWritten(changed)).toEqual({ written: ['src/a/one.ts', 'src/a/two.ts'], unchanged: ['package.json', 'src/b/three.ts'], removed: [] });
    const tree = await snapshotTree(out);
    for (const file of changed) expect(tree[file.path]).toBe(file.contents);
  });

  it('writes changed files, removes owned files no longer emitted, prunes emptied dirs, keeps user files', async () => {
    await expectWritten(first);
    await writeFile(join(out, 'NOTES.md'), 'mine\n');
    await writeFile(join(out, 'src/a/mine.ts'), 'mine\n');
    const summary = await expectWritten(second);
    expect(summary).toEqual({ written: ['package.json', 'src/b', 'src/c/four.ts'], unchanged: ['src/a/one.ts'], removed: ['src/a/two.ts', 'src/b/three.ts'] });
    const tree = await snapshotTree(out);
    expect(Object.keys(tree)).toEqual([OWNERSHIP_RECORD, 'NOTES.md', 'package.json', 'src/a/mine.ts', 'src/a/one.ts', 'src/b', 'src/c/four.ts']);
    expect(tree['NOTES.md']).toBe('mine\n');
  });

  it('refuses, writing nothing, when a user file is in the way', async () => {
    await expectWritten(first);
    await mkdir(join(out, 'src/c'), { recursive: true });
    await writeFile(join(out, 'src/c/four.ts'), 'user code\n');
    const before = await snapshotTree(out);
    const outcome = await writeOutput(out, second);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.map((p) => p.path)).toEqual(['src/c/four.ts']);
    expect(await snapshotTree(out)).toEqual(before);
  });

  it('adopts a file not in the record when its bytes are already the generated ones', async () => {
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'package.json'), '{"name":"x"}\n');
    const summary = await expectWritten(first);
    expect(summary.unchanged).toEqual(['package.json']);
    expect(Object.keys((JSON.parse(await readFile(join(out, OWNERSHIP_RECORD), 'utf8')) as { files: object }).files)).toContain('package.json');
  });

  it.each([
    ['/etc/passwd', 'absolute'],
    ['../escape.ts', "'..'"],
    ['a/../../b', "'..'"],
    ['a//b', 'empty segment'],
    ['./a', "'.'"],
    ['a\\b', 'backslash'],
    ['C:/x', 'drive'],
    ['', 'empty'],
    [OWNERSHIP_RECORD, 'record'],
    ['.stackql-codegen-txn/x', 'staging'],
  ])('refuses the path %j (%s) before writing anything', async (path, word) => {
    const outcome = await writeOutput(out, [...first, { path, contents: 'x\n' }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]?.message).toContain(word);
    await expect(lstat(out)).rejects.toThrow();
  });

  it('refuses duplicate paths and a path that is also a directory', async () => {
    const outcome = await writeOutput(out, [...first, { path: 'src/a/one.ts', contents: 'again\n' }, { path: 'src/a', contents: 'x\n' }]);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems.map((p) => p.message)).toEqual(['path is a file and also the directory of \'src/a/one.ts\'', 'path is a file and also the directory of \'src/a/two.ts\'', 'path is emitted twice']);
  });

  it('never writes through a symlinked directory in the out dir', async () => {
    const elsewhere = join(out, '..', 'elsewhere');
    await mkdir(elsewhere, { recursive: true });
    await mkdir(out, { recursive: true });
    await symlink(elsewhere, join(out, 'src'));
    const outcome = await writeOutput(out, first);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]?.message).toContain('symlink');
    expect(await snapshotTree(elsewhere)).toEqual({});
  });

  it('refuses to delete anything when the record is not its own', async () => {
    await expectWritten(first);
    await writeFile(join(out, OWNERSHIP_RECORD), '{"files": {"../../x": "y"}}');
    const outcome = await writeOutput(out, second);
    expect(outcome.ok).toBe(false);
  });
});

describe('crash at any step, then recovery by a reader', () => {
  // Throwing from the step hook stops the transaction exactly where a kill would.
  // How often each step runs for `first` → `second`: 4 staged files (3 + record), 2 removals, 4 renames.
  const steps: [string, number][] = [['stage', 4], ['commit', 1], ['remove', 2], ['rename', 4], ['finish', 1]];
  for (const [step, count] of steps) {
    for (let occurrence = 1; occurrence <= count; occurrence++) {
      it(`leaves old or new output when stopped at ${step} #${occurrence}`, async () => {
        const reference = join(out, '..', 'reference');
        for (const dir of [out, reference]) {
          await writeOutput(dir, first);
          await writeFile(join(dir, 'USER.md'), 'user\n');
        }
        const oldTree = await snapshotTree(out);
        const applied = await writeOutput(reference, second);
        expect(applied.ok).toBe(true);
        const newTree = await snapshotTree(reference);
        expect(newTree).not.toEqual(oldTree);

        let seen = 0;
        const crash = new Error('crash');
        await expect(
          writeOutput(out, second, { hook: (name) => {
            if (name === step && ++seen === occurrence) throw crash;
          } }),
        ).rejects.toBe(crash);
        await readOutput(out);
        const committed = step === 'remove' || step === 'rename' || step === 'finish';
        expect(await snapshotTree(out)).toEqual(committed ? newTree : oldTree);
        await expect(lstat(transactionDir(out))).rejects.toThrow();
      });
    }
  }
});

describe('the out dir lock', () => {
  it('takes over a lock left by a killed process', async () => {
    await expectWritten(first);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(out, '.stackql-codegen.lock'), `${dead.stdout}\n`);
    expect((await expectWritten(second)).written.length).toBeGreaterThan(0);
    await expect(lstat(join(out, '.stackql-codegen.lock'))).rejects.toThrow();
  });

  it('waits for a live owner, then gives up with a clear error', async () => {
    await mkdir(out, { recursive: true });
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(join(out, '.stackql-codegen.lock'), `${sleeper.pid}\n`);
      await expect(withOutDirLock(out, async () => 'ran', { timeoutMs: 200 })).rejects.toThrow(OutDirBusyError);
      await expect(withOutDirLock(out, async () => 'ran', { timeoutMs: 200 })).rejects.toThrow(`locked by process ${sleeper.pid}`);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('serialises two writers in one process', async () => {
    const [a, b] = await Promise.all([writeOutput(out, first), writeOutput(out, second)]);
    expect(a.ok && b.ok).toBe(true);
    // Either may take the lock first; whichever wrote last left exactly its own files, nothing of the other's.
    const tree = await snapshotTree(out);
    delete tree[OWNERSHIP_RECORD];
    const whole = (files: EmittedFile[]) => Object.fromEntries(files.map((file) => [file.path, file.contents]));
    expect([whole(first), whole(second)]).toContainEqual(tree);
  });
});

describe('an empty lock (owner killed between creating and writing it)', () => {
  it('is taken over once it is a few seconds old', async () => {
    await mkdir(out, { recursive: true });
    const lock = join(out, '.stackql-codegen.lock');
    await writeFile(lock, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(lock, old, old);
    expect(await withOutDirLock(out, async () => 'ran', { timeoutMs: 200 })).toBe('ran');
    await writeFile(lock, '');
    await expect(withOutDirLock(out, async () => 'ran', { timeoutMs: 200 })).rejects.toThrow(OutDirBusyError);
  });
});

describe('a damaged out dir', () => {
  it('refuses an out dir that is a file', async () => {
    await writeFile(out, 'not a dir\n');
    const outcome = await writeOutput(out, first);
    expect(outcome).toEqual({ ok: false, problems: [{ path: '.', message: 'the out dir is a file, not a directory' }] });
  });

  it('says a hand-damaged journal is damaged instead of guessing', async () => {
    await expectWritten(first);
    await mkdir(transactionDir(out), { recursive: true });
    await writeFile(join(transactionDir(out), 'journal.json'), '{"format": 1, "wri');
    await expect(readOutput(out)).rejects.toThrow(/journal\.json is damaged .* delete .* and regenerate/);
  });
});

describe('replaying a journal where files and directories swapped places', () => {
  // Both found by the property test in writer-property.test.ts.
  it.each<[string, EmittedFile[], EmittedFile[], string, number]>([
    ['a removed file whose place a new directory took', [{ path: 'b', contents: 'x\n' }], [{ path: 'b/a', contents: 'x\n' }, { path: 'c', contents: 'x\n' }], 'rename', 3],
    ['a pruned directory whose place a new file took', [{ path: 'b/a/a', contents: 'x\n' }], [{ path: 'b', contents: 'x\n' }], 'rename', 1],
  ])('%s', async (_name, before, after, step, nth) => {
    await expectWritten(before);
    let seen = 0;
    await expect(
      writeOutput(out, after, { hook: (name) => {
        if (name === step && ++seen === nth) throw new Error('crash');
      } }),
    ).rejects.toThrow('crash');
    await readOutput(out);
    const tree = await snapshotTree(out);
    delete tree[OWNERSHIP_RECORD];
    expect(tree).toEqual(Object.fromEntries(after.map((f) => [f.path, f.contents])));
  });
});
