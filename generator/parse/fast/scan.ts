import type { DocFile, ParsedPage } from '../page.js';

export function scanPage(_file: DocFile): ParsedPage | null {
  return null;
}
