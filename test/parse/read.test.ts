import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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
});
