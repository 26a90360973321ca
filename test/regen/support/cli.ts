import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './seed.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The script the package's `bin` names, in the package at `packageRoot` (the repo or a copy of its build): what users run. */
export function binOf(packageRoot: string): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = manifest.bin['stackql-codegen'];
  if (bin === undefined) throw new Error('package.json names no stackql-codegen bin');
  return join(packageRoot, bin);
}

/** The repository's built CLI (`npm test` builds first). */
export const CLI_BIN = binOf(REPO_ROOT);

/** Runs the built CLI, as `stackql-codegen <argv>` in `cwd`. */
export function runCli(argv: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI_BIN, ...argv], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}
