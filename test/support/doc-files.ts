import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDocPage, listFiles } from '../../bench/corpus.js';
import type { DocFile } from '../../generator/parse/page.js';

/** Every `.md`/`.mdx` file under `root`, as the reader hands pages on: POSIX paths relative to it, in code-unit order. */
export function docFilesUnder(root: string): DocFile[] {
  return listFiles(root)
    .filter(isDocPage)
    .map((path) => ({ path, bytes: readFileSync(join(root, path)) }));
}
