import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDocs } from '../../generator/read/index.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'stackql-read-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function put(relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

describe('readDocs', () => {
  it('reads .md and .mdx pages with POSIX paths relative to the root, sorted by code unit', async () => {
    put('services/b/index.md', 'b');
    put('services/a/Z/index.mdx', 'Z');
    put('services/a/y/index.md', 'y');
    put('index.md', 'provider');
    put('services/a/notes.txt', 'not a page');
    put('img/logo.png', 'png');
    const { files, diagnostics } = await readDocs(root);
    expect(diagnostics).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(['index.md', 'services/a/Z/index.mdx', 'services/a/y/index.md', 'services/b/index.md']);
    expect(new TextDecoder().decode(files[1]!.bytes)).toBe('Z');
  });

  it('reads a single file under its base name', async () => {
    put('deep/page.mdx', 'one');
    const { files } = await readDocs(path.join(root, 'deep/page.mdx'));
    expect(files.map((f) => f.path)).toEqual(['page.mdx']);
  });

  it('reports a missing root and a dangling link as diagnostics, reading the rest', async () => {
    expect((await readDocs(path.join(root, 'nope'))).diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'read/not-found' })]);
    put('services/a/ok/index.md', 'ok');
    mkdirSync(path.join(root, 'services/a/gone'), { recursive: true });
    symlinkSync(path.join(root, 'missing-target.md'), path.join(root, 'services/a/gone/index.md'));
    const { files, diagnostics } = await readDocs(root);
    expect(files.map((f) => f.path)).toEqual(['services/a/ok/index.md']);
    expect(diagnostics).toEqual([expect.objectContaining({ path: 'services/a/gone/index.md', severity: 'error', code: 'read/unreadable' })]);
  });

  it('reads every page exactly, however the pages fall across its shared buffers', async () => {
    // Sizes that fill the first buffer (1 MiB), overflow it, need one of their own and are empty.
    const sizes = [0, 700_000, 400_000, 1, 3_000_000, 0, 123_457, 2_100_000, 5];
    const expected = sizes.map((size, index) => Buffer.alloc(size, `page ${index};`));
    expected.forEach((bytes, index) => {
      mkdirSync(path.join(root, 'services', `s${index}`), { recursive: true });
      writeFileSync(path.join(root, 'services', `s${index}`, 'index.md'), bytes);
    });
    const { files, diagnostics } = await readDocs(root);
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => Buffer.from(file.bytes).equals(expected[Number(/s(\d+)/.exec(file.path)![1])]!))).toEqual(sizes.map(() => true));
  });

  it('gives pages bytes that no other page writes over', async () => {
    put('services/a/index.md', 'aaaa');
    put('services/b/index.md', 'bbbb');
    const { files } = await readDocs(root);
    files[0]!.bytes.fill(0x7a);
    expect(new TextDecoder().decode(files[1]!.bytes)).toBe('bbbb');
    expect(files[0]!.bytes.length).toBe(4);
  });

  // A page that changes between being measured and being read: `fstatSync` is replaced for one read so that the change lands in that window.
  it.each([
    ['grows', (file: string) => appendFileSync(file, ' and more'), 'first text and more'],
    ['shrinks', (file: string) => truncateSync(file, 5), 'first'],
  ])('reads a page that %s after it was measured as it is then', async (_, change, expected) => {
    put('services/a/index.md', 'first text');
    const fs = createRequire(import.meta.url)('node:fs') as { fstatSync: (fd: number) => unknown };
    const original = fs.fstatSync;
    fs.fstatSync = (fd: number) => {
      const stats = original(fd);
      change(path.join(root, 'services/a/index.md'));
      return stats;
    };
    syncBuiltinESMExports();
    try {
      const { files, diagnostics } = await readDocs(root);
      expect(diagnostics).toEqual([]);
      expect(new TextDecoder().decode(files[0]!.bytes)).toBe(expected);
    } finally {
      fs.fstatSync = original;
      syncBuiltinESMExports();
    }
  });
});

