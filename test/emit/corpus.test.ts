/**
 * Packages from the real corpora (../shared/corpus, read in place): they
 * type-check strictly with their generated tests (one tsc run per corpus),
 * and each passes its own test suite: every doc example equals its binding's
 * rendering, or differs by exactly the defect lint reports. Emit time and file counts are
 * printed for the record.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/index.js';
import { parseDocs } from '../../generator/ir/build.js';
import { OPTIONS, REPO, runGeneratedTests, tempPackage, typecheck } from './support.js';

const CORPUS = join(REPO, '..', 'shared', 'corpus');

describe.each([
  { name: 'okta', resources: 190, ownTests: true },
  { name: 'github', resources: 386, ownTests: true },
])('package from the $name corpus', ({ name, resources, ownTests }) => {
  let pkg: ReturnType<typeof tempPackage> | null = null;
  afterAll(() => pkg?.dispose());

  it('emits, type-checks with 0 errors' + (ownTests ? ' and passes its own tests' : ''), { timeout: 900_000 }, async () => {
    const { document } = await parseDocs(join(CORPUS, name));
    expect(document.resources).toHaveLength(resources);
    const options = { ...OPTIONS, packageName: `@stackql-codegen/${name}` };
    emitPackage(document, options);
    const started = performance.now();
    const files = emitPackage(document, options);
    const emitMs = performance.now() - started;
    pkg = tempPackage(files, `emit-${name}-`);

    const checkStarted = performance.now();
    const check = typecheck(pkg.dir);
    const tscMs = performance.now() - checkStarted;
    expect(check.output).toBe('');
    expect(check.status).toBe(0);
    console.log(`${name}: ${files.length} files, ${files.reduce((n, f) => n + f.contents.length, 0)} chars, emit ${emitMs.toFixed(0)} ms (warm), tsc ${tscMs.toFixed(0)} ms`);

    if (ownTests) {
      const tests = runGeneratedTests(pkg.dir);
      expect(tests.output).not.toMatch(/failed/);
      expect(tests.status, tests.output.slice(-4000)).toBe(0);
    }
  });
});
