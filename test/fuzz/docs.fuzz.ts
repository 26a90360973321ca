/**
 * The full doc-fuzzing run (`npm run fuzz`): FUZZ_DOC_CASES mutated corpus
 * pages (default 10,000; the short run in test/hardening does 300), then one
 * strict type-check of a package emitted from mutated pages that still parse
 * without errors. Prints the cases run and the failures; a failure names the
 * seed that reproduces it (`fuzzCase(corpusPages(), seed)`).
 */
import { describe, expect, it } from 'vitest';
import { runFuzz, typecheckPackage, type FuzzRun } from '../hardening/doc-fuzz.js';

const CASES = Number(process.env.FUZZ_DOC_CASES ?? 10_000);
/** Past the short run's seeds, so the full run adds cases instead of repeating them. */
const FIRST_SEED = Number(process.env.FUZZ_DOC_FIRST_SEED ?? 1_000_001);

describe('doc fuzzing (full run)', () => {
  let run: FuzzRun | undefined;
  const fuzzed = (): FuzzRun => (run ??= runFuzz(CASES, FIRST_SEED));

  it(`${CASES} mutated corpus pages never make the readers or the IR builder throw`, () => {
    const result = fuzzed();
    console.log(`doc fuzz: ${result.cases} cases run (seeds ${FIRST_SEED}…${FIRST_SEED + CASES - 1}), ${result.failures.length} failures, ${result.clean.length} Ids still clean`);
    for (const failure of result.failures.slice(0, 20)) console.log(`  seed ${failure.seed} ${failure.path} [${failure.mutations.join(', ')}]: ${failure.problem.split('\n')[0]}`);
    expect(result.failures).toEqual([]);
  });

  it('a package emitted from a dozen cleanly parsing mutated pages type-checks', () => {
    const sample = fuzzed().clean.slice(0, 12);
    expect(sample.length).toBeGreaterThan(2);
    const result = typecheckPackage(sample);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
