import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { EmittedFile } from '../../../generator/emit/types.js';
import { writeOutput } from '../../../generator/write/index.js';
import { makeTempDir } from './tree.js';

/** A path for an out dir not made yet, in a temp dir of its own that is removed when the current test finishes. */
export async function freshOutDir(label: string): Promise<string> {
  const temp = await makeTempDir(label);
  onTestFinished(temp.dispose);
  return join(temp.path, 'generated');
}

/** `writeOutput`'s summary, for a write the test expects to succeed (its problems thrown otherwise). */
export async function writtenSummary(out: string, files: EmittedFile[]) {
  const outcome = await writeOutput(out, files);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.summary;
}
