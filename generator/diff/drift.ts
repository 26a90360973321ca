import { compareStrings } from '../diagnostics.js';
import { textOf } from '../emit/contents.js';
import type { ChunkedText, EmittedFile } from '../emit/types.js';
import type { IRDocument } from '../ir/types.js';
import { OWNERSHIP_RECORD } from '../write/paths.js';
import { forEachLimit, mapLimit } from '../write/concurrency.js';
import type { OutputReader } from '../write/index.js';
import { IO_CONCURRENCY } from '../write/transaction.js';
import { unifiedDiff } from './lines.js';
import { diffDocuments, type Change } from './semantic.js';

/** How the out dir differs from what the docs now generate. */
export interface Drift {
  added: string[];
  removed: string[];
  changed: { path: string; diff: string }[];
  /**
   * API changes from the out dir's IR to the new one; null where the out
   * dir holds no readable IR to compare with.
   */
  semantic: Change[] | null;
}

export interface DriftOptions {
  /** Where the package keeps its IR (`ir.json`). */
  irPath: string;
  /** Diff lines shown per changed file. */
  maxDiffLines: number;
}

/**
 * Compares the generated files with the out dir, reading each recorded file
 * as its generated counterpart comes (a lazy `files` is never held whole;
 * only the diffs are kept). A file the record does not list counts as
 * added. The ownership record is left out: it follows from the files, and
 * `generate` rewrites it whenever they change.
 */
export async function computeDrift(output: OutputReader, files: Iterable<EmittedFile>, document: IRDocument, options: DriftOptions): Promise<Drift> {
  const recorded = new Set(output.recorded);
  const emitted = new Set<string>();
  const added: string[] = [];
  const changed: { path: string; diff: string }[] = [];
  await forEachLimit(files, IO_CONCURRENCY, async (file) => {
    emitted.add(file.path);
    const current = recorded.has(file.path) ? await output.read(file.path) : null;
    if (current === null) added.push(file.path);
    else if (!sameText(current, file.contents)) changed.push({ path: file.path, diff: unifiedDiff(file.path, current, textOf(file.contents), { maxLines: options.maxDiffLines }) });
  });
  const gone = output.recorded.filter((path) => !emitted.has(path) && path !== OWNERSHIP_RECORD);
  const present = await mapLimit(gone, IO_CONCURRENCY, async (path) => (await output.read(path)) !== null);
  const removed = gone.filter((_, index) => present[index]);
  const previousIr = recorded.has(options.irPath) ? await output.read(options.irPath) : null;
  return {
    added: added.sort(compareStrings),
    removed,
    changed: changed.sort((a, b) => compareStrings(a.path, b.path)),
    semantic: semanticDrift(previousIr ?? undefined, document),
  };
}

/** Whether `contents` is `text`, compared piece by piece: chunked contents are joined only when they differ (for the diff). */
function sameText(text: string, contents: string | ChunkedText): boolean {
  if (typeof contents === 'string') return text === contents;
  let offset = 0;
  for (const chunk of contents.chunks()) {
    if (!text.startsWith(chunk, offset)) return false;
    offset += chunk.length;
  }
  return offset === text.length;
}

export function isClean(drift: Drift): boolean {
  return drift.added.length === 0 && drift.removed.length === 0 && drift.changed.length === 0;
}

function semanticDrift(previousIr: string | undefined, document: IRDocument): Change[] | null {
  if (previousIr === undefined) return null;
  try {
    const previous = JSON.parse(previousIr) as IRDocument;
    if (typeof previous !== 'object' || previous === null || !Array.isArray(previous.resources)) return null;
    return diffDocuments(previous, document);
  } catch {
    return null;
  }
}
