import type { RootContent } from 'mdast';
import type { PageScope } from '../scope.js';
import { yamlLibrary } from '../yaml-library.js';

/**
 * The YAML frontmatter:
 *
 * ```yaml
 * title: oauth2_resource_server_jwks
 * description: Query, deploy and manage okta resources using SQL
 * ```
 */
export interface Frontmatter {
  title: string;
  description: string;
}

export function readFrontmatter(scope: PageScope, preamble: readonly RootContent[]): Frontmatter {
  const node = preamble.find((n) => n.type === 'yaml');
  if (!node || node.type !== 'yaml') return { title: '', description: '' };
  // The library would print its warnings to stderr itself; they are the page's diagnostics instead.
  const document = yamlLibrary().parseDocument(node.value, { logLevel: 'silent' });
  const [error] = document.errors;
  if (error) {
    scope.reporter.report(node, 'warning', 'frontmatter/invalid-yaml', `frontmatter: ${error.message.split('\n', 1)[0]}`);
    return { title: '', description: '' };
  }
  for (const warning of document.warnings) scope.reporter.report(node, 'warning', 'frontmatter/yaml-warning', `frontmatter: ${warning.message.split('\n', 1)[0]}`);
  let data: unknown;
  try {
    data = document.toJS();
  } catch (thrown: unknown) {
    // Resolving aliases can still fail (an alias bomb): as unparseable as a syntax error.
    scope.reporter.report(node, 'warning', 'frontmatter/invalid-yaml', `frontmatter: ${thrown instanceof Error ? thrown.message.split('\n', 1)[0] : String(thrown)}`);
    return { title: '', description: '' };
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return { title: stringField(record.title), description: stringField(record.description) };
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
