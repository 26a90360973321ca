import type { DocFile, ParsedPage } from '../page.js';
import { loadRemarkReader } from './remark.js';
import { scanPage } from './scan.js';

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
  const fast = parsePageFast(file);
  if (fast) return fast;
  const parsePage = await loadRemarkReader();
  if (!parsePage) throw new Error('the remark-based page reader is not in this build');
  return parsePage(file);
}

/** `readPage` over many files, in order. */
export async function readPages(files: readonly DocFile[]): Promise<ParsedPage[]> {
  const pages: ParsedPage[] = [];
  for (const file of files) pages.push(await readPage(file));
  return pages;
}
