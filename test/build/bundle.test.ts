/**
 * The package's `bin` is a bundle of the tsc build (`dist/bundle/`, see
 * `rolldown.config.ts`). It must behave as the modules it is made from:
 * the same bytes, and the same input fingerprint, so that a record written
 * by one is "inputs unchanged" for the other. Two inputs reach the parts
 * that find files by path: okta-legacy (every page read by the remark
 * reader) and a synthetic corpus past the size that starts a parse worker.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSyntheticCorpus } from '../../bench/corpus.js';
import { PARALLEL_MIN_BYTES } from '../../generator/parse/fast/parallel.js';
import { CLI_BIN } from '../regen/support/cli.js';
import { CORPUS_ROOT, REPO_ROOT } from '../regen/support/seed.js';
import { makeTempDir, snapshotTree } from '../regen/support/tree.js';

const MODULES_CLI = join(REPO_ROOT, 'dist', 'generator', 'cli.js');
const EARLY_STOP = '(inputs unchanged since it was generated)';

let work: string;
let dispose: () => Promise<void>;
const inputs: Array<{ name: string; docs: () => string }> = [
  { name: 'okta-legacy (remark reader)', docs: () => join(CORPUS_ROOT, 'okta-legacy') },
  { name: 'a synthetic corpus past the parse worker threshold', docs: () => join(work, 'large') },
];

beforeAll(async () => {
  ({ path: work, dispose } = await makeTempDir('bundle'));
  const bytes = buildSyntheticCorpus(
    [
      { provider: 'okta', root: join(CORPUS_ROOT, 'okta') },
      { provider: 'github', root: join(CORPUS_ROOT, 'github') },
    ],
    1000,
    join(work, 'large'),
  );
  expect(bytes).toBeGreaterThan(PARALLEL_MIN_BYTES);
});
afterAll(async () => dispose());

function run(cli: string, args: string[]): string {
  return execFileSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
}

describe.each(inputs)('the bin against the modules it is made from: $name', ({ name, docs }) => {
  it('writes the same bytes and the same record, and each recognises the other\'s record', async () => {
    const slug = name.split(' ')[0] as string;
    const bundled = join(work, `${slug}-bundled`);
    const modules = join(work, `${slug}-modules`);
    run(CLI_BIN, ['generate', '--docs', docs(), '--out', bundled, '--no-cache']);
    run(MODULES_CLI, ['generate', '--docs', docs(), '--out', modules, '--no-cache']);
    const bundledTree = await snapshotTree(bundled);
    expect(Object.keys(bundledTree)).toContain('.stackql-codegen.json');
    expect(bundledTree).toEqual(await snapshotTree(modules));

    expect(run(CLI_BIN, ['generate', '--docs', docs(), '--out', modules, '--no-cache'])).toContain(EARLY_STOP);
    expect(run(MODULES_CLI, ['generate', '--docs', docs(), '--out', bundled, '--no-cache'])).toContain(EARLY_STOP);
    expect(run(CLI_BIN, ['check', '--docs', docs(), '--out', modules])).toContain('is up to date');
  }, 120_000);
});
