import type { Diagnostic } from '../diagnostics.js';
import type { IRDocument } from '../ir/types.js';
import { lintResource } from './rules.js';

/**
 * The lint diagnostics of every resource of `document`, leaving out those
 * already in `existing` (where the IR builder ran the rules itself), so a
 * finding is printed once whichever way the rules were wired.
 */
export function lintDocument(document: IRDocument, existing: readonly Diagnostic[] = []): Diagnostic[] {
  const seen = new Set(existing.map(key));
  return document.resources
    .flatMap((resource) => lintResource(resource, document.provider.serverParams))
    .filter((diagnostic) => !seen.has(key(diagnostic)));
}

function key(diagnostic: Diagnostic): string {
  return JSON.stringify([diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message]);
}
