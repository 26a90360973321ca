import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..', '..');
export const SEED_PAGE = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
/** CI clones the repo beside `shared/`. */
export const CORPUS_ROOT = resolve(REPO_ROOT, '..', 'shared', 'corpus');

/**
 * The seed page with one optional param (`limit`) on the list method, so a
 * mutation can make a param required. Written under `<dir>/docs`.
 */
export async function writeBaseDocs(dir: string): Promise<string> {
  const docs = join(dir, 'docs');
  const page = join(docs, SEED_PAGE);
  await mkdir(dirname(page), { recursive: true });
  let text = await readFile(join(REPO_ROOT, 'docs', SEED_PAGE), 'utf8');
  text = replaceOnce(
    text,
    '<td><CopyableCode code="select" /></td>\n    <td><a href="#parameter-subdomain"><code>subdomain</code></a></td>\n    <td></td>',
    '<td><CopyableCode code="select" /></td>\n    <td><a href="#parameter-subdomain"><code>subdomain</code></a></td>\n    <td><a href="#parameter-limit"><code>limit</code></a></td>',
  );
  text = replaceOnce(
    text,
    '</tbody>\n</table>\n\n## `SELECT` examples',
    '<tr id="parameter-limit">\n    <td><CopyableCode code="limit" /></td>\n    <td><code>integer (int32)</code></td>\n    <td>Page size</td>\n</tr>\n</tbody>\n</table>\n\n## `SELECT` examples',
  );
  await writeFile(page, text);
  return docs;
}

export interface Mutation {
  name: string;
  apply: (page: string) => string;
  /** `kind location` of every change `diff` must find, and whether each is breaking. */
  expected: { kind: string; breaking: boolean; location: string[] }[];
}

const LIST = 'list_oauth2_resource_server_json_web_keys';
const GET = 'get_oauth2_resource_server_json_web_key';

const useRow = '<tr>\n    <td><CopyableCode code="use" /></td>\n    <td><code>string</code></td>\n    <td>Acceptable use of the JSON Web Key (example: enc)</td>\n</tr>\n';
const kidRow =
  "<tr>\n    <td><CopyableCode code=\"kid\" /></td>\n    <td><code>string</code></td>\n    <td>Unique identifier of the JSON Web Key in the Custom Authorization Server's Public JWKS (example: SIMcCQNY3uwXoW3y0vf6VxiBb5n9pf8L2fK8d-FIbm4)</td>\n</tr>\n";
const createdType = '<td><CopyableCode code="created" /></td>\n    <td><code>string</code></td>';

export const MUTATIONS: Mutation[] = [
  {
    name: 'add a field',
    apply: (page) => replaceOnce(page, useRow, `${useRow}<tr>\n    <td><CopyableCode code="x5t#S256" /></td>\n    <td><code>string</code></td>\n    <td>Thumbprint</td>\n</tr>\n`),
    expected: [{ kind: 'field-added', breaking: false, location: ['fields', LIST, 'x5t#S256'] }],
  },
  {
    name: 'remove a field',
    apply: (page) => replaceNth(page, kidRow, '', 2),
    expected: [{ kind: 'field-removed', breaking: true, location: ['fields', GET, 'kid'] }],
  },
  {
    name: 'change a datatype',
    apply: (page) => replaceOnce(page, createdType, '<td><CopyableCode code="created" /></td>\n    <td><code>string (date-time)</code></td>'),
    expected: [{ kind: 'datatype-changed', breaking: true, location: ['fields', LIST, 'created'] }],
  },
  {
    name: 'drop a method',
    apply: (page) => page.replace(/<tr>\n {4}<td><a href="#deactivate_oauth2_resource_server_json_web_key">[\s\S]*?<\/tr>\n/, ''),
    expected: [{ kind: 'method-removed', breaking: true, location: ['method', 'deactivate_oauth2_resource_server_json_web_key'] }],
  },
  {
    name: 'make a param required',
    apply: (page) =>
      replaceOnce(
        page,
        '<td><a href="#parameter-subdomain"><code>subdomain</code></a></td>\n    <td><a href="#parameter-limit"><code>limit</code></a></td>',
        '<td><a href="#parameter-subdomain"><code>subdomain</code></a>, <a href="#parameter-limit"><code>limit</code></a></td>\n    <td></td>',
      ),
    expected: [{ kind: 'param-now-required', breaking: true, location: ['method', LIST, 'param', 'limit'] }],
  },
  {
    name: 'change only a description',
    apply: (page) => replaceOnce(page, '<td>Lists all the public keys used by the custom authorization server</td>', '<td>Lists every public key of the custom authorization server</td>'),
    expected: [{ kind: 'description-changed', breaking: false, location: ['method', LIST] }],
  },
  {
    name: 'remove an enum value',
    apply: (page) => replaceOnce(page, "valid_values: ['ACTIVE', 'INACTIVE']", "valid_values: ['ACTIVE']"),
    expected: [{ kind: 'enum-value-removed', breaking: true, location: ['manifest', 'status', 'INACTIVE'] }],
  },
];

export async function mutateSeed(docs: string, mutation: Mutation): Promise<void> {
  const page = join(docs, SEED_PAGE);
  await writeFile(page, mutation.apply(await readFile(page, 'utf8')));
}

export async function copyDocs(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
}

function replaceOnce(text: string, search: string, replacement: string): string {
  return replaceNth(text, search, replacement, 1);
}

/** Replaces the nth occurrence; throws when there is none, so a mutation can never silently do nothing. */
function replaceNth(text: string, search: string, replacement: string, nth: number): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(search, index + 1);
    if (index < 0) throw new Error(`mutation target not found (occurrence ${nth}): ${search.slice(0, 60)}`);
  }
  return text.slice(0, index) + replacement + text.slice(index + search.length);
}
