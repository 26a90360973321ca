import type { DocFile, ParsedPage } from '../page.js';
import { canLoadSync, loadRemarkReader, remarkReaderSync, type PageReader } from './remark.js';
import { scanPage } from './scan.js';

export type { PageReader } from './remark.js';

/**
 * The fast reader: the same `ParsedPage` as the remark-based `parsePage` for
 * every page it recognises with certainty, null for every other page (the
 * caller then reads that page with `parsePage`). It never guesses.
 */
export function parsePageFast(file: DocFile): ParsedPage | null {
  return scanPage(file);
}

/** Reads a page with the fast reader, falling back to the remark reader (loaded on first need) for pages it does not recognise. */
export async function readPage(file: DocFile): Promise<ParsedPage> {
  return parsePageFast(file) ?? (await loadRemarkReader())(file);
}

/** `readPage` over many files, in order. */
export async function readPages(files: readonly DocFile[]): Promise<ParsedPage[]> {
  const pages: ParsedPage[] = [];
  for (const file of files) pages.push(await readPage(file));
  return pages;
}

/**
 * A drop-in for `parsePage` (same signature, same results): the fast reader,
 * with the remark reader for the pages it does not recognise. Where the
 * runtime can load ES modules synchronously, remark is loaded only when the
 * first such page comes; elsewhere it is loaded here, up front.
 */
export async function createPageReader(): Promise<PageReader> {
  if (!canLoadSync) {
    const remark = await loadRemarkReader();
    return (file) => parsePageFast(file) ?? remark(file);
  }
  return (file) => parsePageFast(file) ?? (remarkReaderSync() as PageReader)(file);
}
