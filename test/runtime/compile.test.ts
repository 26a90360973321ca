import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const runtimeDir = join(root, 'templates', 'runtime');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe('the runtime as a generated package ships it', () => {
  it('compiles under a strict standalone NodeNext tsconfig with declarations, and its public types hold no any', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runtime-decl-'));
    try {
      await run(process.execPath, [tsc, '-p', join(root, 'test', 'runtime', 'tsconfig.json'), '--noEmit', 'false', '--emitDeclarationOnly', '--outDir', out]);
      const declarations = files(out, '.d.ts');
      expect(declarations.map((file) => relative(out, file))).toContain('index.d.ts');
      for (const file of declarations) {
        const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        expect(code, relative(out, file)).not.toMatch(/\bany\b/);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('imports nothing but its own modules and Node built-ins (pg only dynamically, in the pgwire executor)', () => {
    for (const file of files(runtimeDir, '.ts')) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)) {
        const specifier = match[1] ?? '';
        expect(specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('node:'), `${relative(root, file)}: ${specifier}`).toBe(true);
        if (specifier.startsWith('.')) expect(specifier, `${relative(root, file)}: ${specifier}`).toMatch(/\.js$/);
      }
      const dynamic = [...source.matchAll(/\bimport\(/g)].length;
      expect(dynamic, relative(root, file)).toBe(file.endsWith(join('executors', 'pgwire.ts')) ? 1 : 0);
    }
  });

  it('type-checks the runtime tests and the stand-in (including their @ts-expect-error lines)', async () => {
    await run(process.execPath, [tsc, '-p', join(root, 'test', 'support', 'tsconfig.json')]);
  });
});
