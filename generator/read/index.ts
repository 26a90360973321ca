import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareStrings, type Diagnostic } from '../diagnostics.js';
import { MAX_PAGE_BYTES, tooLargeMessage } from '../parse/decode.js';
import type { DocFile } from '../parse/page.js';
import { mapLimit } from '../write/concurrency.js';

/** Page reads in flight at once: each is a few thread-pool round trips (stat, open, read, close), which one at a time left the process idle. */
const READ_CONCURRENCY = 16;

/** A page found by the walk, read after it; `diagnostic` entries keep their place in walk order. */
type Found = { page: { absolute: string; relative: string } } | { diagnostic: Diagnostic };

/** What a docs tree holds that we read: Docusaurus pages. */
const PAGE_EXTENSIONS = ['.md', '.mdx'];

export interface ReadResult {
  /** Sorted by `path` (code-unit order), so nothing downstream depends on directory order. */
  files: DocFile[];
  diagnostics: Diagnostic[];
}

/**
 * Reads a docs tree (`index.md`, `services/<s>/index.md`,
 * `services/<s>/<r>/index.md`, or the legacy `providers/<p>/<s>/<r>/index.md`)
 * or a single page. Paths are relative to the root (POSIX); a single file is
 * named by its base name. What cannot be read becomes a diagnostic.
 */
export async function readDocs(root: string): Promise<ReadResult> {
  const diagnostics: Diagnostic[] = [];
  const files: DocFile[] = [];
  let rootStat;
  try {
    rootStat = await stat(root);
  } catch (error: unknown) {
    diagnostics.push(readDiagnostic(root, isMissing(error) ? 'read/not-found' : 'read/unreadable', error));
    return { files, diagnostics };
  }
  const found: Found[] = [];
  if (rootStat.isFile()) found.push({ page: { absolute: root, relative: path.basename(root) } });
  else await walk(root, '', found);
  const pages = found.flatMap((item) => ('page' in item ? [item.page] : []));
  const read = await mapLimit(pages, READ_CONCURRENCY, (page) => readPage(page.absolute, page.relative));
  let next = 0;
  for (const item of found) {
    const result = 'page' in item ? (read[next++] as DocFile | Diagnostic) : item.diagnostic;
    if ('bytes' in result) files.push(result);
    else diagnostics.push(result);
  }
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { files, diagnostics };
}

async function walk(root: string, relative: string, found: Found[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch (error: unknown) {
    found.push({ diagnostic: readDiagnostic(relative || '.', 'read/unreadable', error) });
    return;
  }
  entries.sort((a, b) => compareStrings(a.name, b.name));
  for (const entry of entries) {
    const entryPath = relative === '' ? entry.name : `${relative}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow links, but a dangling one is an unreadable entry, not a crash.
      try {
        const target = await stat(path.join(root, entryPath));
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch (error: unknown) {
        found.push({ diagnostic: readDiagnostic(entryPath, 'read/unreadable', error) });
        continue;
      }
    }
    if (isDirectory) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      await walk(root, entryPath, found);
    } else if (isFile && PAGE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      found.push({ page: { absolute: path.join(root, entryPath), relative: entryPath } });
    }
  }
}

/**
 * Reads one page. A file over the page size limit is not read at all (a
 * stray multi-gigabyte dump must not exhaust memory): it is refused here with
 * the same diagnostic `parsePage` gives oversized bytes.
 */
async function readPage(absolute: string, relative: string): Promise<DocFile | Diagnostic> {
  try {
    const { size } = await stat(absolute);
    if (size > MAX_PAGE_BYTES) {
      return { path: relative, line: 1, column: 1, severity: 'error', code: 'page/too-large', message: tooLargeMessage(size) };
    }
    return { path: relative, bytes: await readFile(absolute) };
  } catch (error: unknown) {
    return readDiagnostic(relative, 'read/unreadable', error);
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function readDiagnostic(filePath: string, code: 'read/not-found' | 'read/unreadable', error: unknown): Diagnostic {
  const reason = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : error instanceof Error ? error.message : String(error);
  return {
    path: filePath.split(path.sep).join('/'),
    line: 1,
    column: 1,
    severity: 'error',
    code,
    message: code === 'read/not-found' ? 'no such file or directory' : `cannot read (${reason})`,
  };
}
