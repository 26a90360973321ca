import type { DocFile, ParsedPage } from '../page.js';

export type PageReader = (file: DocFile) => ParsedPage;

let loading: Promise<PageReader | null> | null = null;

/**
 * Loads the remark-based `parsePage` on first use only: unified, remark and
 * micromark cost ~100 ms of start-up, which a run where every page is read
 * by the fast reader never pays. Null while that reader is not in the build.
 */
export function loadRemarkReader(): Promise<PageReader | null> {
  loading ??= import('../page.js').then((module: Record<string, unknown>) => {
    const parsePage = module['parsePage'];
    return typeof parsePage === 'function' ? (parsePage as PageReader) : null;
  });
  return loading;
}
