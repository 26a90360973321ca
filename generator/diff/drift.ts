import { compareStrings } from '../diagnostics.js';
import type { EmittedFile } from '../emit/types.js';
import type { IRDocument } from '../ir/types.js';
import { OWNERSHIP_RECORD } from '../write/paths.js';
import type { OutputSnapshot } from '../write/index.js';
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
 * Compares the generated files with the snapshot of the out dir. The
 * ownership record is left out: it follows from the files, and `generate`
 * rewrites it whenever they change.
 */
export function computeDrift(snapshot: OutputSnapshot, files: readonly EmittedFile[], document: IRDocument, options: DriftOptions): Drift {
  const next = new Map(files.map((file) => [file.path, file.contents]));
  const added: string[] = [];
  const changed: { path: string; diff: string }[] = [];
  for (const [path, contents] of [...next].sort(([a], [b]) => compareStrings(a, b))) {
    const current = snapshot.files.get(path);
    if (current === undefined) added.push(path);
    else if (current !== contents) changed.push({ path, diff: unifiedDiff(path, current, contents, { maxLines: options.maxDiffLines }) });
  }
  const removed = [...snapshot.files.keys()].filter((path) => !next.has(path) && path !== OWNERSHIP_RECORD).sort(compareStrings);
  return { added, removed, changed, semantic: semanticDrift(snapshot.files.get(options.irPath), document) };
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
