/**
 * The package emitted for the seed docs: golden files (`UPDATE=1` rewrites
 * `test/cases/seed/package/`), determinism, the package's shape, a strict
 * type-check of it with its tests, and its own test suite.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/index.js';
import type { EmittedFile } from '../../generator/emit/types.js';
import { parseDocs } from '../../generator/ir/build.js';
import type { IRDocument } from '../../generator/ir/types.js';
import { OPTIONS, readTree, REPO, runGeneratedTests, tempPackage, typecheck, writeFiles } from './support.js';

const GOLDEN = join(REPO, 'test', 'cases', 'seed', 'package');
const update = process.env.UPDATE === '1';

let document: IRDocument;
let files: EmittedFile[];

beforeAll(async () => {
  ({ document } = await parseDocs(join(REPO, 'docs')));
  files = emitPackage(document, OPTIONS);
});

describe('seed package', () => {
  it('matches the golden package', () => {
    if (update) {
      rmSync(GOLDEN, { recursive: true, force: true });
      mkdirSync(GOLDEN, { recursive: true });
      writeFiles(GOLDEN, files);
    }
    const golden = readTree(GOLDEN);
    expect(files.map((file) => file.path)).toEqual([...golden.keys()].sort());
    for (const file of files) expect(file.contents, file.path).toBe(golden.get(file.path));
  });

  it('is deterministic and independent of resource order', () => {
    const again = emitPackage(structuredClone(document), OPTIONS);
    expect(again).toEqual(files);
    const shuffled = { ...document, resources: [...document.resources].reverse(), provider: { ...document.provider, services: [...document.provider.services].reverse() } };
    expect(emitPackage(shuffled, OPTIONS)).toEqual(files);
  });

  it('writes only safe relative paths, sorted, LF, one final newline', () => {
    const paths = files.map((file) => file.path);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const file of files) {
      expect(file.path).not.toMatch(/^\/|(^|\/)\.\.?(\/|$)|\\/);
      expect(file.contents).not.toContain('\r');
      expect(file.contents.endsWith('\n') && !file.contents.endsWith('\n\n')).toBe(true);
      expect(file.contents).not.toContain(REPO);
    }
  });

  it('has the package layout: exports per service, runtime copied verbatim, IR as 2-space JSON', () => {
    const byPath = new Map(files.map((file) => [file.path, file.contents]));
    const manifest = JSON.parse(byPath.get('package.json') ?? '{}') as Record<string, any>;
    expect(manifest.name).toBe(OPTIONS.packageName);
    expect(manifest.version).toBe(OPTIONS.packageVersion);
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.exports)).toEqual(['.', './runtime', './fixtures', './authorizationservers']);
    expect(manifest.exports['./authorizationservers']).toEqual({ types: './dist/authorizationservers/index.d.ts', import: './dist/authorizationservers/index.js' });
    expect(manifest.peerDependenciesMeta).toEqual({ pg: { optional: true } });
    expect(manifest.scripts).toMatchObject({ build: 'tsc -p tsconfig.json', test: 'vitest run' });
    const repoManifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, any>;
    expect(manifest.devDependencies.typescript).toBe(repoManifest.devDependencies.typescript);
    expect(manifest.devDependencies.vitest).toBe(repoManifest.devDependencies.vitest);
    expect(byPath.get('ir.json')).toBe(`${JSON.stringify(document, null, 2)}\n`);
    expect(byPath.get('src/runtime/index.ts')).toBe(readFileSync(join(REPO, 'templates', 'runtime', 'index.ts'), 'utf8'));
    // A service module never imports the root (importing one service type-checks that service alone).
    for (const [path, contents] of byPath) {
      if (path.startsWith('src/authorizationservers/')) expect(contents, path).not.toMatch(/from '\.\.\/index\.js'/);
    }
    const readme = byPath.get('README.md') ?? '';
    expect(readme).toContain('`okta.authorizationservers.oauth2_resource_server_jwks`');
  });

  it('uses a template from templatesDir in place of the built-in one, and only that one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emit-templates-'));
    try {
      writeFileSync(join(dir, 'README.md.hbs'), 'Custom for {{packageName}}\n');
      const custom = emitPackage(document, { ...OPTIONS, templatesDir: dir });
      expect(custom.find((file) => file.path === 'README.md')?.contents).toBe(`Custom for ${OPTIONS.packageName}\n`);
      expect(custom.filter((file) => file.path !== 'README.md')).toEqual(files.filter((file) => file.path !== 'README.md'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('seed package, compiled and run', () => {
  let pkg: ReturnType<typeof tempPackage>;
  beforeAll(() => {
    pkg = tempPackage(files, 'emit-seed-');
  });
  afterAll(() => pkg.dispose());

  it('type-checks strictly, sources and generated tests', () => {
    const result = typecheck(pkg.dir);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(join(pkg.dir, 'dist'))).toBe(false);
  });

  it("passes its own tests (example shapes, fixtures through the client)", () => {
    const result = runGeneratedTests(pkg.dir);
    expect(result.output).toMatch(/Tests\s+\d+ passed/);
    expect(result.output).not.toMatch(/failed/);
    expect(result.status, result.output).toBe(0);
  });
});
