import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutAround } from '../../generator/layout.js';

const root = join('/', 'opt', 'tool');

describe('package layout', () => {
  it('from source: no build is read, the worker and remark reader are where tsc would put them', () => {
    expect(layoutAround(join(root, 'generator'))).toEqual({
      kind: 'source',
      root,
      codeDir: join(root, 'generator'),
      distDir: null,
      templatesDir: join(root, 'templates'),
      workerScript: join(root, 'generator', 'parse', 'fast', 'worker.js'),
      remarkReaderModule: join(root, 'generator', 'parse', 'page.js'),
    });
  });

  it('built by tsc: every module at the depth of its source under dist/generator', () => {
    expect(layoutAround(join(root, 'dist', 'generator'))).toEqual({
      kind: 'built',
      root,
      codeDir: join(root, 'dist', 'generator'),
      distDir: join(root, 'dist'),
      templatesDir: join(root, 'templates'),
      workerScript: join(root, 'dist', 'generator', 'parse', 'fast', 'worker.js'),
      remarkReaderModule: join(root, 'dist', 'generator', 'parse', 'page.js'),
    });
  });

  it('bundled: the entries beside the chunk, the keys in dist/, the code it was made from in dist/generator', () => {
    expect(layoutAround(join(root, 'dist', 'bundle'))).toEqual({
      kind: 'bundled',
      root,
      codeDir: join(root, 'dist', 'generator'),
      distDir: join(root, 'dist'),
      templatesDir: join(root, 'templates'),
      workerScript: join(root, 'dist', 'bundle', 'parse-worker.js'),
      remarkReaderModule: join(root, 'dist', 'bundle', 'remark-reader.js'),
    });
  });

  it('refuses a place it does not know rather than guess the package root', () => {
    expect(() => layoutAround(join(root, 'lib'))).toThrow(/unexpected install layout/);
    expect(() => layoutAround(join(root, 'bundle'))).toThrow(/unexpected install layout/);
  });
});
