import type { RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import type { PageScope } from '../scope.js';

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
  let data: unknown;
  try {
    data = parseYaml(node.value);
  } catch (error: unknown) {
    scope.reporter.report(node, 'warning', 'frontmatter/invalid-yaml', `frontmatter: ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`);
    return { title: '', description: '' };
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  return { title: stringField(record.title), description: stringField(record.description) };
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}
