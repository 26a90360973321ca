import type { IRExample } from '../../ir/types.js';
import type { SectionContext } from '../context.js';

// Placeholder so the resource parser can call it; the examples reader replaces it.
export function readExamples(_ctx: SectionContext): IRExample[] {
  return [];
}
