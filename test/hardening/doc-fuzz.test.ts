/**
 * A short doc-fuzzing run for every test run (the full one is `npm run fuzz`):
 * mutated corpus pages never make the readers or the IR builder throw, and
 * a package emitted from mutated pages that still parse cleanly type-checks.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz, typecheckPackage, type FuzzRun } from './doc-fuzz.js';

const CASES = Number(process.env.FUZZ_DOC_CASES ?? 300);

describe('doc fuzzing (short run)', () => {
  let run: FuzzRun | undefined;
  // The sample test needs the run's clean pages even when it is run alone (-t).
  const fuzzed = (): FuzzRun => (run ??= runFuzz(CASES));

  it(`${CASES} mutated corpus pages: no reader or builder exception, every diagnostic inside its page`, () => {
    const result = fuzzed();
    console.log(`doc fuzz: ${result.cases} cases run, ${result.failures.length} failures, ${result.clean.length} still clean`);
    expect(result.failures).toEqual([]);
  });

  it('a package emitted from a handful of mutated pages that parse without errors type-checks', () => {
    const sample = fuzzed().clean.slice(0, 6);
    expect(sample.length).toBeGreaterThan(2);
    const result = typecheckPackage(sample);
    expect(result.resources).toBe(sample.length);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
