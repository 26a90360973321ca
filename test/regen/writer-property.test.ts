import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/types.js';
import { readOutput, writeOutput } from '../../generator/write/index.js';
import { makeTempDir, snapshotTree } from './support/tree.js';

/**
 * Random sequences of outputs over a small namespace (so files become
 * directories and back, directories empty out, contents repeat), with user
 * files around and, at random, a crash at a random step of a write. After
 * each step the out dir must be exactly: the user files, plus the last
 * output that was wholly written (or, after a crash, that one or the one
 * being written), plus its record.
 */

const USER_FILES: Record<string, string> = { 'NOTES.md': 'user\n', 'a/mine.txt': 'user in a generated dir\n' };

const segment = fc.constantFrom('a', 'b', 'c');
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
const output = fc
  .uniqueArray(fc.record({ path, contents: fc.constantFrom('x\n', 'y\n', 'z\nz\n') }), { selector: (f) => f.path, maxLength: 8 })
  // A path cannot be both a file and a directory of another file.
  .filter((files) => files.every((f) => !files.some((g) => g.path.startsWith(`${f.path}/`))));
const step = fc.record({ files: output, crashAt: fc.option(fc.record({ step: fc.constantFrom('stage', 'commit', 'remove', 'rename', 'finish'), nth: fc.integer({ min: 1, max: 4 }) }), { freq: 2 }) });

/** What the out dir must hold for `files`, or null where a user file is in the way (`a` must stay a directory). */
function expectedTree(files: EmittedFile[]): Record<string, string> | null {
  if (files.some((f) => f.path === 'a' || f.path === 'NOTES.md')) return null;
  const tree: Record<string, string> = { ...USER_FILES };
  for (const file of files) tree[file.path] = file.contents;
  return tree;
}

function canonical(tree: Record<string, string>): string {
  return JSON.stringify(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function withoutRecord(tree: Record<string, string>): Record<string, string> {
  const copy = { ...tree };
  delete copy['.stackql-codegen.json'];
  return copy;
}

let work: string;
let dispose: () => Promise<void>;
beforeAll(async () => ({ path: work, dispose } = await makeTempDir('writer-property')));
afterAll(async () => dispose());

describe('writeOutput over random sequences of outputs', () => {
  it('always leaves the user files plus a whole output', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        const out = join(work, String(run++));
        await rm(out, { recursive: true, force: true });
        await mkdir(join(out, 'a'), { recursive: true });
        for (const [name, contents] of Object.entries(USER_FILES)) await writeFile(join(out, name), contents);
        let current: Record<string, string> = { ...USER_FILES };
        for (const { files, crashAt } of steps) {
          const wanted = expectedTree(files);
          let seen = 0;
          const crash = new Error('crash');
          let crashed = false;
          try {
            const outcome = await writeOutput(out, files, { hook: (name) => {
              if (crashAt !== null && name === crashAt.step && ++seen === crashAt.nth) throw crash;
            } });
            expect(outcome.ok).toBe(wanted !== null);
          } catch (error) {
            if (error !== crash) throw error;
            crashed = true;
          }
          await readOutput(out);
          const tree = withoutRecord(await snapshotTree(out));
          // Empty directories left by user-file moves are not output; drop them from the comparison.
          for (const key of Object.keys(tree)) if (key.endsWith('/')) delete tree[key];
          if (wanted === null) expect(tree).toEqual(current);
          else if (crashed) {
            expect([canonical(current), canonical(wanted)]).toContain(canonical(tree));
            current = tree;
          } else {
            expect(tree).toEqual(wanted);
            current = wanted;
          }
        }
      }),
      { numRuns: 100, seed: 1 },
    );
  });
});
