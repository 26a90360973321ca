import { createHash } from 'node:crypto';
import { compareStrings } from '../diagnostics.js';
import type { ServiceOutput, ServiceSummary } from '../emit/model/package.js';
import type { WholeFile } from '../emit/types.js';
import { OWNERSHIP_RECORD } from './paths.js';

/**
 * The ownership record, `.stackql-codegen.json` at the root of the out dir:
 *
 * ```json
 * { "format": 1, "generator": "stackql-codegen",
 *   "inputs": { "fingerprint": "<sha256 hex>", "warnings": 191,
 *     "services": { "users": { "key": "<sha256 hex>", "files": ["src/users/index.ts", …], "summary": {…} }, … } },
 *   "files": { "README.md": "<sha256 hex>", … } }
 * ```
 *
 * It lists every file the generator wrote (sorted, code-unit order) with the
 * hash of what it wrote. Only listed files are ever replaced or deleted;
 * anything else in the out dir is the user's. It is part of the
 * deterministic output (no timestamps, no versions), so regenerating the
 * same docs leaves it untouched.
 *
 * `inputs` (absent in records of older versions) says what the files were
 * generated from (see `fingerprint.ts`) and how many warnings those docs
 * had, so a run over the same inputs can stop once the files check out.
 * Its `services` (absent in older records) give each service's files under
 * the key of everything they depend on (see `serviceKey`), so a run whose
 * inputs changed elsewhere reuses them instead of rendering them again.
 */
export interface OwnershipRecord {
  format: 1;
  generator: 'stackql-codegen';
  inputs?: InputStamp;
  files: Record<string, string>;
}

export interface InputStamp {
  fingerprint: string;
  /** Warnings the docs had: what a run that stops early still reports. */
  warnings: number;
  /** By service directory; absent in older records, and where the emitter reported none. */
  services?: Record<string, ServiceOutput>;
}

export function sha256Hex(contents: string | Uint8Array): string {
  return createHash('sha256').update(contents).digest('hex');
}

export function makeRecord(files: readonly WholeFile[], inputs: InputStamp | null = null): OwnershipRecord {
  return recordOf(new Map(files.map((file) => [file.path, sha256Hex(file.contents)])), inputs);
}

/** The record of files by their hashes (path → sha256 hex), in any order. */
export function recordOf(hashes: ReadonlyMap<string, string>, inputs: InputStamp | null = null): OwnershipRecord {
  const files: Record<string, string> = {};
  for (const path of [...hashes.keys()].sort(compareStrings)) files[path] = hashes.get(path) as string;
  if (inputs?.services !== undefined) inputs = { ...inputs, services: sortedByKey(inputs.services) };
  return inputs === null ? { format: 1, generator: 'stackql-codegen', files } : { format: 1, generator: 'stackql-codegen', inputs, files };
}

export function renderRecord(record: OwnershipRecord): WholeFile {
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
  const inputs = readStamp(candidate.inputs);
  return { record: inputs === null ? { format: 1, generator: 'stackql-codegen', files: hashes } : { format: 1, generator: 'stackql-codegen', inputs, files: hashes } };
}

/** A stamp that is not exactly ours is ignored: the next run then does the full work and writes a good one. */
function readStamp(value: unknown): InputStamp | null {
  if (typeof value !== 'object' || value === null) return null;
  const { fingerprint, warnings, services } = value as Record<string, unknown>;
  if (typeof fingerprint !== 'string' || !isSha256(fingerprint)) return null;
  if (typeof warnings !== 'number' || !Number.isSafeInteger(warnings) || warnings < 0) return null;
  const read = readServices(services);
  return read === null ? { fingerprint, warnings } : { fingerprint, warnings, services: read };
}

/** Services not exactly as written are dropped, all of them: the run then renders every service, as runs before keys did. */
function readServices(value: unknown): Record<string, ServiceOutput> | null {
  if (!isObject(value)) return null;
  const services: [string, ServiceOutput][] = [];
  for (const [dir, entry] of Object.entries(value)) {
    if (!isObject(entry)) return null;
    const { key, files, summary } = entry;
    if (typeof key !== 'string' || !isSha256(key) || !isStringArray(files) || !isSummary(summary)) return null;
    services.push([dir, { key, files, summary }]);
  }
  return Object.fromEntries(services);
}

function isSummary(value: unknown): value is ServiceSummary {
  if (!isObject(value)) return false;
  const { member, dir, factory, name, resources, defects } = value;
  return (
    [member, dir, factory, name].every((field) => typeof field === 'string') &&
    Array.isArray(resources) &&
    resources.every((resource) => isObject(resource) && ['id', 'kind', 'methodList'].every((field) => typeof resource[field] === 'string')) &&
    Array.isArray(defects) &&
    defects.every((defect) => isObject(defect) && ['resource', 'method', 'code', 'message', 'effect'].every((field) => typeof defect[field] === 'string'))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isSha256(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareStrings(a, b)));
}
