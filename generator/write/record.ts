import { createHash } from 'node:crypto';
import { compareStrings } from '../diagnostics.js';
import type { EmittedFile } from '../emit/types.js';
import { OWNERSHIP_RECORD } from './paths.js';

/**
 * The ownership record, `.stackql-codegen.json` at the root of the out dir:
 *
 * ```json
 * { "format": 1, "generator": "stackql-codegen",
 *   "files": { "README.md": "<sha256 hex>", … } }
 * ```
 *
 * It lists every file the generator wrote (sorted, code-unit order) with the
 * hash of what it wrote. Only listed files are ever replaced or deleted;
 * anything else in the out dir is the user's. It is part of the
 * deterministic output (no timestamps, no versions), so regenerating the
 * same docs leaves it untouched.
 */
export interface OwnershipRecord {
  format: 1;
  generator: 'stackql-codegen';
  files: Record<string, string>;
}

export function sha256Hex(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex');
}

export function makeRecord(files: readonly EmittedFile[]): OwnershipRecord {
  const sorted = [...files].sort((a, b) => compareStrings(a.path, b.path));
  const hashes: Record<string, string> = {};
  for (const file of sorted) hashes[file.path] = sha256Hex(file.contents);
  return { format: 1, generator: 'stackql-codegen', files: hashes };
}

export function renderRecord(record: OwnershipRecord): EmittedFile {
  return { path: OWNERSHIP_RECORD, contents: `${JSON.stringify(record, null, 2)}\n` };
}

/**
 * Reads a record's text. A record that is not ours (or damaged) yields an
 * error message: the writer then refuses to delete anything, since it can
 * no longer tell its own files from the user's.
 */
export function parseRecord(text: string): { record: OwnershipRecord } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
  const candidate = value as Record<string, unknown>;
  if (candidate.generator !== 'stackql-codegen' || candidate.format !== 1) {
    return { error: 'not a stackql-codegen record of format 1' };
  }
  const files = candidate.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) return { error: "'files' is not an object" };
  const hashes: Record<string, string> = {};
  for (const [path, hash] of Object.entries(files as Record<string, unknown>)) {
    if (typeof hash !== 'string') return { error: `hash of '${path}' is not a string` };
    hashes[path] = hash;
  }
  return { record: { format: 1, generator: 'stackql-codegen', files: hashes } };
}
