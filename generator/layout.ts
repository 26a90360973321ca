/**
 * Where the package's files are, for the three ways the generator runs:
 *
 * - from source (tests): this module is `<root>/generator/layout.ts`;
 * - built by tsc: `<root>/dist/generator/layout.js`, every module at the
 *   depth of its source;
 * - bundled (the package's `bin`): this module is part of a chunk in
 *   `<root>/dist/bundle/`, beside the bundle's other chunks, so a module's
 *   own `import.meta.url` says nothing about its source depth.
 *
 * Modules that find files of the package (the build keys, the templates,
 * the parse worker, the remark reader) ask here instead of walking up from
 * their own location. Only the location of this one module is read, and
 * only as a path: no file system access at load.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundle's directory under `dist/` (see `rolldown.config.ts`). */
export const BUNDLE_DIR = 'bundle';

/** The bundle's entry chunks, by name: `dist/bundle/<name>.js`. */
export const BUNDLE_ENTRIES = {
  cli: 'cli',
  /** The parse worker's script (`parse/fast/worker.ts`). */
  worker: 'parse-worker',
  /** The remark-based page reader (`parse/page.ts`): an entry so that `require` can load it by a path known in advance. */
  remarkReader: 'remark-reader',
} as const;

export type LayoutKind = 'source' | 'built' | 'bundled';

export interface PackageLayout {
  kind: LayoutKind;
  /** The package root: `package.json`, `templates/`, `dist/`. */
  root: string;
  /**
   * The generator's module tree: `<root>/generator` from source,
   * `<root>/dist/generator` when built or bundled (the bundle is made from
   * it, so it hashes as the same code when the build keys are missing).
   */
  codeDir: string;
  /**
   * `<root>/dist`, where the build keys and precompiled templates live; null
   * from source, which must not read what a possibly older build wrote.
   */
  distDir: string | null;
  /** The built-in Handlebars templates and the runtime copied into packages. */
  templatesDir: string;
  /** The parse worker's script. Absent from source (a TypeScript runner has no `.js` to start). */
  workerScript: string;
  /** The module exporting the remark-based `parsePage`. Absent from source, as above. */
  remarkReaderModule: string;
}

/** The layout around a module at `moduleDir`, which is where `layout.ts` (or the chunk holding it) sits. */
export function layoutAround(moduleDir: string): PackageLayout {
  const parent = dirname(moduleDir);
  if (basename(moduleDir) === BUNDLE_DIR && basename(parent) === 'dist') {
    const root = dirname(parent);
    return {
      kind: 'bundled',
      root,
      codeDir: join(parent, 'generator'),
      distDir: parent,
      templatesDir: join(root, 'templates'),
      workerScript: join(moduleDir, `${BUNDLE_ENTRIES.worker}.js`),
      remarkReaderModule: join(moduleDir, `${BUNDLE_ENTRIES.remarkReader}.js`),
    };
  }
  if (basename(moduleDir) === 'generator') {
    const built = basename(parent) === 'dist';
    const root = built ? dirname(parent) : parent;
    return {
      kind: built ? 'built' : 'source',
      root,
      codeDir: moduleDir,
      distDir: built ? parent : null,
      templatesDir: join(root, 'templates'),
      workerScript: join(moduleDir, 'parse', 'fast', 'worker.js'),
      remarkReaderModule: join(moduleDir, 'parse', 'page.js'),
    };
  }
  throw new Error(`stackql-codegen: unexpected install layout: the generator's code is in ${moduleDir}, expected generator/, dist/generator/ or dist/${BUNDLE_DIR}/`);
}

/** The layout of the running generator. */
export const layout: PackageLayout = layoutAround(dirname(fileURLToPath(import.meta.url)));
