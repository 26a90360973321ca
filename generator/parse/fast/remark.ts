import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { layout } from '../../layout.js';
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
 * module to load (under a TypeScript test runner the module is `page.ts`).
 * When it cannot, the reader is loaded before the parse starts, whether a
 * page needs it or not.
 */
export const canLoadSync = process.features.require_module === true && existsSync(layout.remarkReaderModule);

/** The remark reader, loaded synchronously where `require` can load ES modules; null elsewhere (then use {@link loadRemarkReader} first). */
export function remarkReaderSync(): PageReader | null {
  if (loaded) return loaded;
  if (!canLoadSync) return null;
  loaded = fromModule(createRequire(import.meta.url)(layout.remarkReaderModule) as Record<string, unknown>);
  return loaded;
}
