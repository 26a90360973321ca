import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { DocFile } from '../../generator/parse/page.js';

/** Every `.md`/`.mdx` file under `root`, as the reader hands pages on: POSIX paths relative to it, in code-unit order. */
export function docFilesUnder(root: string): DocFile[] {
  const files: DocFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name)) files.push({ path: relative(root, full).split(sep).join('/'), bytes: readFileSync(full) });
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
