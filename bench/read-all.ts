/**
 * Reads every doc page of `--docs` with one reader and prints a JSON summary;
 * run as a whole process so start-up (and remark's load) counts.
 * `--reader remark` is the reference, `fast` the line scanner alone (pages it
 * does not recognise are only counted), `auto` fast with remark fallback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedPage } from '../generator/parse/page.js';
import { createPageReader, parsePageFast } from '../generator/parse/fast/index.js';
import { loadRemarkReader } from '../generator/parse/fast/remark.js';
import { isDocPage, listFiles } from './corpus.js';

function argument(name: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

const docs = argument('--docs');
const reader = argument('--reader');
const paths = listFiles(docs).filter(isDocPage);
let bytes = 0;
let resources = 0;
let recognised = 0;
const count = (page: ParsedPage | null): void => {
  if (page) recognised += 1;
  if (page?.kind === 'resource') resources += 1;
};

if (!['remark', 'fast', 'auto'].includes(reader)) throw new Error(`unknown reader '${reader}'`);
const read = reader === 'remark' ? await loadRemarkReader() : reader === 'auto' ? await createPageReader() : parsePageFast;
for (const path of paths) {
  const file = { path, bytes: readFileSync(join(docs, path)) };
  bytes += file.bytes.length;
  count(read(file));
}
process.stdout.write(`${JSON.stringify({ reader, files: paths.length, bytes, resources, recognised })}\n`);
