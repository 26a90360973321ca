import { posix } from 'node:path';

/**
 * Names inside the out dir that belong to the writer itself; an emitter may
 * never produce them.
 */
export const OWNERSHIP_RECORD = '.stackql-codegen.json';
export const TRANSACTION_DIR = '.stackql-codegen-txn';
export const LOCK_FILE = '.stackql-codegen.lock';

/** Why an emitted path was refused; `path` is the path as the emitter gave it. */
export interface PathProblem {
  path: string;
  message: string;
}

/**
 * Checks one emitted path (see `EmittedFile.path`: relative, POSIX, no `..`).
 * Returns null when the path is acceptable. Paths are compared byte-exactly,
 * so the check is also the normal form: `a//b`, `./a` and `a/` are refused
 * rather than normalised, because two spellings of one file would defeat the
 * duplicate check.
 */
export function checkEmittedPath(path: string): string | null {
  let verdict = verdicts.get(path);
  if (verdict === undefined) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdict = pathProblem(path);
    verdicts.set(path, verdict);
  }
  return verdict;
}

/**
 * Verdicts of {@link pathProblem} by path. A run asks about each of its
 * paths five times or more (reading the record, reusing, writing, the
 * final set check), and the check, a split and a normalisation, cost more
 * than the rest of what the writer does for an unchanged file. Bounded,
 * so a long `watch` over changing names does not keep them all.
 */
const verdicts = new Map<string, string | null>();
const MAX_VERDICTS = 100_000;

function pathProblem(path: string): string | null {
  if (path.length === 0) return 'path is empty';
  if (path.includes('\0')) return 'path contains a NUL character';
  if (path.includes('\\')) return 'path contains a backslash (paths use POSIX separators)';
  if (path.startsWith('/')) return 'path is absolute';
  if (/^[A-Za-z]:/.test(path)) return 'path starts with a drive letter';
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '') return 'path has an empty segment';
    if (segment === '.' || segment === '..') return `path has a '${segment}' segment`;
  }
  if (path === OWNERSHIP_RECORD) return `'${OWNERSHIP_RECORD}' is the writer's own record`;
  if (segments[0] === TRANSACTION_DIR) return `'${TRANSACTION_DIR}' is the writer's staging directory`;
  if (path === LOCK_FILE) return `'${LOCK_FILE}' is the writer's lock`;
  if (posix.normalize(path) !== path) return 'path is not in normal form';
  return null;
}

/**
 * Checks a whole file set: every path on its own, no path twice, and no
 * path that is also a directory of another (`a` and `a/b`), which no
 * filesystem can hold.
 */
export function checkEmittedPaths(paths: readonly string[]): PathProblem[] {
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const message = checkEmittedPath(path);
    if (message !== null) problems.push({ path, message });
    else if (seen.has(path)) problems.push({ path, message: 'path is emitted twice' });
    seen.add(path);
  }
  for (const path of seen) {
    for (let end = path.indexOf('/'); end >= 0; end = path.indexOf('/', end + 1)) {
      const dir = path.slice(0, end);
      if (seen.has(dir)) problems.push({ path: dir, message: `path is a file and also the directory of '${path}'` });
    }
  }
  return problems;
}

/** `a/b/c` → `['a', 'a/b']`, outermost first. */
export function parentDirs(path: string): string[] {
  const dirs: string[] = [];
  for (let end = path.indexOf('/'); end >= 0; end = path.indexOf('/', end + 1)) dirs.push(path.slice(0, end));
  return dirs;
}
