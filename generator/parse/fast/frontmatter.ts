import type { RootContent } from 'mdast';
import type { Frontmatter } from '../sections/frontmatter.js';

/**
 * `readFrontmatter` without the YAML library, for the frontmatter the docs
 * generator writes:
 *
 * ```yaml
 * title: oauth2_resource_server_jwks
 * hide_title: false
 * keywords:
 *   - oauth2_resource_server_jwks
 * description: Query, deploy and manage okta resources using SQL
 * id: 'provider-intro'
 * ```
 *
 * Every line (ended by LF or CR LF) must be `key: value`, `key:` or a
 * `  - item` under a `key:`, keys unique, values plain words or
 * single-quoted text: such a document is valid YAML, so `readFrontmatter`
 * would report nothing, and its title and description are the strings
 * below. A title or description that YAML would read as null, a boolean or
 * a number, and anything else, returns null: the caller then uses
 * `readFrontmatter` itself. (This repeats its rule
 * `{ title, description }` = the trimmed strings, '' when absent.)
 */
export function simpleFrontmatter(preamble: readonly RootContent[]): Frontmatter | null {
  const node = preamble.find((n) => n.type === 'yaml');
  if (!node || node.type !== 'yaml') return { title: '', description: '' };
  const values = new Map<string, string | null>();
  let listOpen = false;
  const lines = node.value.split('\n');
  for (const [index, ended] of lines.entries()) {
    // The library reads CR LF as LF (the generator writes the provider page's frontmatter with CR LF); a CR anywhere else it reads otherwise.
    const line = index < lines.length - 1 && ended.endsWith('\r') ? ended.slice(0, -1) : ended;
    if (line.includes('\r')) return null;
    const item = /^ {2}- (.*)$/.exec(line);
    if (item) {
      if (!listOpen || scalar(item[1] as string) === undefined) return null;
      continue;
    }
    const entry = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/.exec(line);
    if (!entry) return null;
    const key = entry[1] as string;
    if (values.has(key)) return null;
    const written = entry[2];
    if (written === undefined) {
      values.set(key, null);
      listOpen = true;
      continue;
    }
    const value = scalar(written);
    if (value === undefined) return null;
    values.set(key, value);
    listOpen = false;
  }
  const title = stringValue(values.get('title'));
  const description = stringValue(values.get('description'));
  return title === null || description === null ? null : { title, description };
}

/** A plain scalar YAML keeps as written, or a single-quoted one without quotes inside; undefined otherwise. */
function scalar(written: string): string | undefined {
  if (/^'[^'\n]*'$/.test(written)) return written.slice(1, -1);
  // No `:`, `#`, quotes or indicators; no trailing space (YAML would trim it).
  if (/^[A-Za-z0-9_/.(][A-Za-z0-9_ ,.\/()-]*$/.test(written) && !written.endsWith(' ')) return written;
  return undefined;
}

/** '' where absent, the text where YAML reads it as a string, null where YAML would read it as something else. */
function stringValue(value: string | null | undefined): string | null {
  if (value === undefined) return '';
  if (value === null) return null;
  const typed =
    /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(value) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(value) ||
    /^0o[0-7]+$/.test(value) ||
    /^0x[0-9a-fA-F]+$/.test(value) ||
    /^[-+]?\.(?:inf|Inf|INF)$/.test(value) ||
    /^\.(?:nan|NaN|NAN)$/.test(value);
  return typed ? null : value.trim();
}
