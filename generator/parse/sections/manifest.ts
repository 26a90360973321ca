import type { IRManifestProp } from '../../ir/types.js';
import type { SectionContext } from '../context.js';

// Placeholder so the resource parser can call it; the manifest reader replaces it.
export function readManifest(_ctx: SectionContext): IRManifestProp[] {
  return [];
}
