/**
 * The CLI as shipped (`bin`, `npm run generate` …): the tsc build of
 * `generator/` bundled into `dist/bundle/`, so a run loads a few dozen
 * chunks instead of resolving, linking and compiling a hundred-odd modules
 * one at a time. `npm run build` runs it after tsc; `dist/generator/` stays
 * for code that imports the generator's modules.
 *
 * Code splitting keeps every `await import` of a command or stage a
 * separate chunk, loaded only by the runs that need it. npm packages stay
 * external: the lazily required ones (remark, yaml, ts-morph) must stay
 * lazy, and the fingerprint reads their installed versions.
 *
 * The entries' file names are fixed (`generator/layout.ts` names them): the
 * parse worker is started, and the remark reader required, by path.
 */
import { isAbsolute } from 'node:path';
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: {
    cli: 'dist/generator/cli.js',
    'parse-worker': 'dist/generator/parse/fast/worker.js',
    'remark-reader': 'dist/generator/parse/page.js',
  },
  platform: 'node',
  // Only the generator's own modules are bundled: bare specifiers are npm packages or node builtins.
  external: (id) => !id.startsWith('.') && !isAbsolute(id),
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    cleanDir: true,
    minify: false,
    sourcemap: false,
  },
});
