/**
 * Resource pages in the seed's current layout (frontmatter, imports, an
 * Overview table, `## Fields` tabs, `## Methods`, `## Parameters`), written
 * from data so that tests can put any name or description in any place.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PageField {
  name: string;
  type: string;
  /** MDX source of the description cell. */
  description: string;
}

export interface PageMethod {
  name: string;
  verb: string;
  required: string[];
  description: string;
}

export interface PageResource {
  /** `provider.service.resource` as the Overview writes it. */
  id: string;
  /** Fields of every SELECT method (one tab each). */
  fields: PageField[];
  methods: PageMethod[];
  params: PageField[];
}

const SEED = readFileSync('/work/shared/seed/oauth2_resource_server_jwks.mdx', 'utf8');
/** The seed's frontmatter and import lines, kept as they are. */
const HEADER = SEED.slice(0, SEED.indexOf('Creates, updates, deletes'));

/** A JSX attribute holding `value` verbatim: JSX strings have no escapes, so the quote is chosen to fit. */
export function attribute(name: string, value: string): string {
  if (!value.includes('"')) return `${name}="${value}"`;
  if (!value.includes("'")) return `${name}='${value}'`;
  throw new Error(`no JSX string attribute can hold ${JSON.stringify(value)}`);
}

const code = (name: string): string => `<CopyableCode ${attribute('code', name)} />`;

function fieldRows(fields: readonly PageField[]): string {
  return fields.map((f) => `<tr>\n    <td>${code(f.name)}</td>\n    <td><code>${f.type}</code></td>\n    <td>${f.description}</td>\n</tr>\n`).join('');
}

const TABLE_HEAD = (columns: string[]): string =>
  `<table>\n<thead>\n    <tr>\n${columns.map((c) => `    <th>${c}</th>\n`).join('')}    </tr>\n</thead>\n<tbody>\n`;

export function resourcePage(resource: PageResource): string {
  const name = resource.id.split('.').at(-1) ?? '';
  const selects = resource.methods.filter((m) => m.verb === 'select');
  const tabs = selects
    .map((m) => `<TabItem ${attribute('value', m.name)}>\n\n${TABLE_HEAD(['Name', 'Datatype', 'Description'])}${fieldRows(resource.fields)}</tbody>\n</table>\n</TabItem>\n`)
    .join('');
  const methodRows = resource.methods
    .map(
      (m) =>
        `<tr>\n    <td>${code(m.name)}</td>\n    <td>${code(m.verb)}</td>\n    <td>${m.required.map(code).join(', ')}</td>\n    <td></td>\n    <td>${m.description}</td>\n</tr>\n`,
    )
    .join('');
  const paramRows = resource.params
    .map((p) => `<tr ${attribute('id', `parameter-${p.name}`)}>\n    <td>${code(p.name)}</td>\n    <td><code>${p.type}</code></td>\n    <td>${p.description}</td>\n</tr>\n`)
    .join('');
  return `${HEADER}Creates, updates, deletes, gets or lists a <code>${name}</code> resource.

## Overview
<table><tbody>
<tr><td><b>Name</b></td><td><code>${name}</code></td></tr>
<tr><td><b>Type</b></td><td>Resource</td></tr>
<tr><td><b>Id</b></td><td>${code(resource.id)}</td></tr>
</tbody></table>

## Fields

The following fields are returned by \`SELECT\` queries:

<Tabs>
${tabs}</Tabs>

## Methods

The following methods are available for this resource:

${TABLE_HEAD(['Name', 'Accessible by', 'Required Params', 'Optional Params', 'Description'])}${methodRows}</tbody>
</table>

## Parameters

${TABLE_HEAD(['Name', 'Datatype', 'Description'])}${paramRows}</tbody>
</table>
`;
}

/** Writes `pages` (docs-relative path → text) under `root`. */
export function writeDocs(root: string, pages: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(pages)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
