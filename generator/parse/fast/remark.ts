import { createRequire } from 'node:module';
import type { DocFile, ParsedPage } from '../page.js';

export type PageReader = (file: DocFile) => ParsedPage;

let loaded: PageReader | null = null;
let loading: Promise<PageReader> | null = null;

function fromModule(module: Record<string, unknown>): PageReader {
  const parsePage = module['parsePage'];
  if (typeof parsePage !== 'function') throw new Error('generator/parse/page.js does not export parsePage');
  return parsePage as PageReader;
}

/**
 * The remark-based `parsePage`, loaded on first use only: unified, remark
 * and micromark take ~200 ms to load, which a run where the fast reader
 * recognises every page never pays.
 */
export function loadRemarkReader(): Promise<PageReader> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('../page.js').then((module: Record<string, unknown>) => (loaded = fromModule(module)));
  return loading;
}

/**
 * Whether {@link remarkReaderSync} can load the reader on demand: Node ≥
 * 20.19 / 22.12 load ES modules with `require`, and only compiled code has a
 * `page.js` to load (under a TypeScript test runner the module is `page.ts`).
 */
export const canLoadSync = ((): boolean => {
  if (process.features.require_module !== true) return false;
  try {
    createRequire(import.meta.url).resolve('../page.js');
    return true;
  } catch {
    return false;
  }
})();

/** The remark reader, loaded synchronously where `require` can load ES modules; null elsewhere (then use {@link loadRemarkReader} first). */
export function remarkReaderSync(): PageReader | null {
  if (loaded) return loaded;
  if (!canLoadSync) return null;
  const require = createRequire(import.meta.url);
  loaded = fromModule(require('../page.js') as Record<string, unknown>);
  return loaded;
}
