import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareStrings, type Diagnostic } from '../diagnostics.js';
import { MAX_PAGE_BYTES, tooLargeMessage } from '../parse/decode.js';
import type { DocFile } from '../parse/page.js';

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
  if (rootStat.isFile()) {
    await readPage(root, path.basename(root), files, diagnostics);
    return { files, diagnostics };
  }
  await walk(root, '', files, diagnostics);
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { files, diagnostics };
}

async function walk(root: string, relative: string, files: DocFile[], diagnostics: Diagnostic[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true });
  } catch (error: unknown) {
    diagnostics.push(readDiagnostic(relative || '.', 'read/unreadable', error));
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
        diagnostics.push(readDiagnostic(entryPath, 'read/unreadable', error));
        continue;
      }
    }
    if (isDirectory) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      await walk(root, entryPath, files, diagnostics);
    } else if (isFile && PAGE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      await readPage(path.join(root, entryPath), entryPath, files, diagnostics);
    }
  }
}

/**
 * Reads one page. A file over the page size limit is not read at all (a
 * stray multi-gigabyte dump must not exhaust memory): it is refused here with
 * the same diagnostic `parsePage` gives oversized bytes.
 */
async function readPage(absolute: string, relative: string, files: DocFile[], diagnostics: Diagnostic[]): Promise<void> {
  try {
    const { size } = await stat(absolute);
    if (size > MAX_PAGE_BYTES) {
      diagnostics.push({ path: relative, line: 1, column: 1, severity: 'error', code: 'page/too-large', message: tooLargeMessage(size) });
      return;
    }
    files.push({ path: relative, bytes: await readFile(absolute) });
  } catch (error: unknown) {
    diagnostics.push(readDiagnostic(relative, 'read/unreadable', error));
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
