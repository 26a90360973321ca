/**
 * The floor: what generating costs with no parsing and no templating at all.
 * Reads every doc page of `--docs`, then writes the files listed in
 * `--plan` (a JSON array of `{path, bytes}`, the real output's shape) under
 * `--out`. Run as a whole process so node start is part of the floor too.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PlannedFile {
  path: string;
  bytes: number;
}

function argument(name: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

function readAll(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) total += readAll(full);
    else if (entry.isFile() && /\.mdx?$/.test(entry.name)) total += readFileSync(full).length;
  }
  return total;
}

const docs = argument('--docs');
const out = argument('--out');
const plan = JSON.parse(readFileSync(argument('--plan'), 'utf8')) as PlannedFile[];
const read = readAll(docs);
const made = new Set<string>();
let written = 0;
for (const file of plan) {
  const full = join(out, file.path);
  const dir = dirname(full);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(full, Buffer.alloc(file.bytes, 0x61));
  written += file.bytes;
}
process.stdout.write(`${JSON.stringify({ read, written, files: plan.length })}\n`);
