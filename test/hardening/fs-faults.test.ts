/**
 * Filesystem faults during `generate`, through the command itself (in
 * process, so faults can be injected): an out dir that cannot be created
 * (its parent is a file: ENOTDIR, which root cannot bypass), an out dir that
 * is a file, a user file where a generated directory must go, a disk that
 * fills up while files are staged or the journal is written, and a page that
 * vanishes between listing and reading. Each must give a clear error (no
 * stack trace, non-zero exit) and leave the previous output exactly as it was.
 *
 * Disk-full and the vanishing page are injected by replacing functions of
 * `node:fs/promises` (or `node:fs`) for the duration of one call (`syncBuiltinESMExports`
 * makes the generator's named imports see the replacement): no test seam in
 * the writer is needed, and the code under test runs unchanged.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../generator/commands/command.js';
import { generateCommand } from '../../generator/commands/generate.js';
import { recoverOutDir } from '../../generator/write/index.js';
import { TRANSACTION_DIR } from '../../generator/write/paths.js';

const SEED_DOCS = join(import.meta.dirname, '..', '..', 'docs');
const require = createRequire(import.meta.url);
const fsPromises = require('node:fs/promises') as Record<string, unknown>;
const fsSync = require('node:fs') as Record<string, unknown>;

/** Replaces `fs/promises[name]` (or, given `fsSync`, `fs[name]`) for every importer until the returned function is called. */
function replace<T>(name: string, make: (original: T) => T, module: Record<string, unknown> = fsPromises): () => void {
  const original = module[name] as T;
  module[name] = make(original);
  syncBuiltinESMExports();
  return () => {
    module[name] = original;
    syncBuiltinESMExports();
  };
}

function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = { ENOSPC: 'no space left on device', ENOENT: 'no such file or directory', EIO: 'i/o error' };
  return Object.assign(new Error(`${code}: ${messages[code] ?? code}, ${syscall} '${path}'`), { code, syscall, path, errno: -28 });
}

/** Every file under `dir` with its contents (POSIX relative paths); empty for a missing dir. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) visit(full);
      else files.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  try {
    visit(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return files;
}

let work: string;
let docs: string;
let out: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'fs-faults-'));
  docs = join(work, 'docs');
  out = join(work, 'out');
  // A copy of the seed docs, so a test may change or remove a page.
  for (const [path, text] of tree(SEED_DOCS)) {
    mkdirSync(join(docs, path, '..'), { recursive: true });
    writeFileSync(join(docs, path), text);
  }
});

afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

async function generate(outDir: string = out): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: work };
  const code = await generateCommand.run(['--docs', docs, '--out', outDir, '--no-cache'], io);
  return { code, stdout, stderr };
}

/** A first, good generate, then a docs change so that the next one has something to write. */
async function previousOutputAndAChange(): Promise<Map<string, string>> {
  expect((await generate()).code).toBe(0);
  const previous = tree(out);
  expect(previous.size).toBeGreaterThan(5);
  const page = join(docs, 'services/authorizationservers/oauth2_resource_server_jwks/index.md');
  writeFileSync(page, readFileSync(page, 'utf8').replace('Acceptable use of the JSON Web Key', 'What the JSON Web Key is for'));
  return previous;
}

/** A clear error names the cause and carries no stack trace. */
function expectClearError(stderr: string, cause: RegExp): void {
  expect(stderr).toMatch(cause);
  expect(stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
}

describe('generate when the out dir cannot be written', () => {
  it('its parent is a file (ENOTDIR): a clear error, exit 2, the file untouched', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'mine');
    const result = await generate(join(file, 'out'));
    expect(result.code).toBe(2);
    expectClearError(result.stderr, /ENOTDIR|not a directory/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });

  it('it is a file: a clear error, exit 2, the file untouched', async () => {
    writeFileSync(out, 'mine');
    const result = await generate();
    expect(result.code).toBe(2);
    expectClearError(result.stderr, /EEXIST|ENOTDIR|not a directory|exists/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
  });

  it('a user file stands where a generated directory must go: refused naming it, nothing written', async () => {
    mkdirSync(out);
    writeFileSync(join(out, 'src'), 'mine');
    const result = await generate();
    expect(result.code).toBe(2);
    expectClearError(result.stderr, /src/);
    expect(tree(out)).toEqual(new Map([['src', 'mine']]));
  });
});

describe('generate when the disk fills up', () => {
  for (const [step, matches] of [
    ['staging the changed files', (path: string) => path.includes(`${TRANSACTION_DIR}${sep}files${sep}`)],
    ['writing the journal (the commit point)', (path: string) => path.endsWith('journal.json.tmp')],
  ] as const) {
    it(`while ${step}: a clear error, exit 2, and the previous output exactly as it was`, async () => {
      const previous = await previousOutputAndAChange();
      // The writer writes through file descriptors: remember which path each was opened for, and fail the writes to those that match.
      const full = new Map<number, string>();
      type Callback = (error: NodeJS.ErrnoException | null, ...results: unknown[]) => void;
      const restoreOpen = replace<(path: string, flags: string, callback: Callback) => void>(
        'open',
        (original) => (path, flags, callback) =>
          original(path, flags, (error, fd) => {
            if (error === null && flags === 'w' && matches(String(path))) full.set(fd as number, String(path));
            callback(error, fd);
          }),
        fsSync,
      );
      let failed = 0;
      const failing = (fd: unknown, callback: Callback, go: () => void): void => {
        const path = typeof fd === 'number' ? full.get(fd) : undefined;
        if (path === undefined) return go();
        // Once: the writer closes the descriptor next, and its number may come back for another file.
        full.delete(fd as number);
        failed++;
        process.nextTick(() => callback(errno('ENOSPC', 'write', path)));
      };
      // Both take the callback last, after arguments that vary by form.
      const failingWhole = (original: (...args: unknown[]) => void) => (fd: unknown, ...rest: unknown[]) => failing(fd, rest[rest.length - 1] as Callback, () => original(fd, ...rest));
      const restoreWriteFile = replace('writeFile', failingWhole, fsSync);
      const restoreWrite = replace('write', failingWhole, fsSync);
      let result: Awaited<ReturnType<typeof generate>>;
      try {
        result = await generate();
      } finally {
        restoreWrite();
        restoreWriteFile();
        restoreOpen();
      }
      // The fault was met: a write to a matching path failed.
      expect(failed).toBeGreaterThan(0);
      expect(result.code).toBe(2);
      expectClearError(result.stderr, /ENOSPC|no space left/);
      // Exactly the previous output: no staged file or journal is left behind either.
      expect(tree(out)).toEqual(previous);
      expect(await recoverOutDir(out)).toBe('none');
      // And once there is space again, the change is written.
      expect((await generate()).code).toBe(0);
      expect([...tree(out).values()].join('\n')).toContain('What the JSON Web Key is for');
    });
  }
});

describe('generate when the disk fails after the commit point', () => {
  it('an I/O error while moving staged files into place: exit 2, and the next reader completes the new output', async () => {
    await previousOutputAndAChange();
    const restore = replace<(from: unknown, to: unknown) => Promise<void>>('rename', (original) => async (from, to) => {
      if (String(from).includes(`${TRANSACTION_DIR}${sep}files${sep}`)) throw errno('EIO', 'rename', String(from));
      return original(from, to);
    });
    let result: Awaited<ReturnType<typeof generate>>;
    try {
      result = await generate();
    } finally {
      restore();
    }
    expect(result.code).toBe(2);
    expectClearError(result.stderr, /EIO/);
    expect(result.stderr).toMatch(/completed by the next run/);
    expect(await recoverOutDir(out)).toBe('rolled-forward');
    const recovered = tree(out);
    expect([...recovered.values()].join('\n')).toContain('What the JSON Web Key is for');
    // What a clean generate of the same docs writes: nothing left to change.
    const again = await generate();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: 0 written, \d+ unchanged, 0 removed/);
    expect(tree(out)).toEqual(recovered);
  });
});

describe('generate when a page vanishes between listing and reading', () => {
  it('reports the page as unreadable, exits 2, and leaves the previous output exactly as it was', async () => {
    const previous = await previousOutputAndAChange();
    const vanishing = join(docs, 'services/authorizationservers/oauth2_resource_server_jwks/index.md');
    // The docs are read synchronously (see `read/index.ts`).
    let opened = false;
    const restore = replace<(path: unknown, flags?: unknown, mode?: unknown) => unknown>(
      'openSync',
      (original) => (path, flags, mode) => {
        // The page was listed; it is deleted just before it is read, as another process could.
        if (path === vanishing) {
          rmSync(vanishing);
          opened = true;
        }
        return original(path, flags, mode);
      },
      fsSync,
    );
    let result: Awaited<ReturnType<typeof generate>>;
    try {
      result = await generate();
    } finally {
      restore();
    }
    expect(opened).toBe(true);
    expect(result.code).toBe(2);
    expectClearError(result.stderr, /services\/authorizationservers\/oauth2_resource_server_jwks\/index\.md:1:1 error read\/unreadable cannot read \(ENOENT\)/);
    expect(tree(out)).toEqual(previous);
  });
});
