/**
 * Helpers for emitter tests: write an emitted package to a temporary
 * directory that uses this repository's node_modules, and run its tools.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { EmitOptions, EmittedFile } from '../../generator/emit/types.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const NODE_MODULES = join(REPO, 'node_modules');
export const TSC = join(NODE_MODULES, 'typescript', 'bin', 'tsc');
export const VITEST = join(NODE_MODULES, 'vitest', 'vitest.mjs');

export const OPTIONS: EmitOptions = {
  packageName: '@stackql-codegen/okta',
  packageVersion: '0.1.0',
  templatesDir: null,
  defaults: {},
};

export function writeFiles(dir: string, files: readonly EmittedFile[]): void {
  for (const file of files) {
    const target = join(dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
}

/** Every file under `dir` by POSIX path relative to it. */
export function readTree(dir: string): Map<string, string> {
  const tree = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current)) {
      const full = join(current, entry);
      if (statSync(full).isDirectory()) walk(full);
      else tree.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return tree;
}

/** The package in a fresh temp dir with `node_modules` linked to this repository's. */
export function tempPackage(files: readonly EmittedFile[], prefix = 'emit-'): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFiles(dir, files);
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  status: number | null;
  output: string;
}

export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000): RunResult {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** `tsc -p <project>` in `cwd`: strict type-check of the generated sources (and tests, with tsconfig.test.json). */
export function typecheck(cwd: string, project = 'tsconfig.test.json'): RunResult {
  return run(process.execPath, [TSC, '-p', project], cwd);
}

/** The generated package's own vitest suite. */
export function runGeneratedTests(cwd: string): RunResult {
  return run(process.execPath, [VITEST, 'run', '--root', cwd], cwd);
}
