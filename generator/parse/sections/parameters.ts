import type { IRParam } from '../../ir/types.js';
import type { Section } from '../context.js';
import { cellMarkdown, codesIn, findTables, plainText, readTable } from '../html.js';
import type { PageScope } from '../scope.js';
import { isPlainIdentifier, splitDatatype } from '../text.js';
import { datatypeIn } from './fields.js';

/**
 * `## Parameters` (and a view's `## Required Parameters`): Name / Datatype / Description,
 *
 * ```html
 * <tr id="parameter-subdomain">
 *     <td><CopyableCode code="subdomain" /></td><td><code>string</code></td><td>The domain … (default: my-org)</td>
 * </tr>
 * ```
 */
export function readParameters(scope: PageScope, section: Section | undefined): IRParam[] {
  const tableNode = section ? findTables(section.nodes)[0] : undefined;
  if (!section || !tableNode) return [];
  const table = readTable(tableNode, scope.source);
  const header = table.header.map((text) => text.toLowerCase());
  const nameColumn = header.indexOf('name');
  const typeColumn = header.findIndex((text) => text === 'datatype' || text === 'type');
  const descriptionColumn = header.indexOf('description');
  if (nameColumn === -1) {
    scope.reporter.report(tableNode, 'error', 'table/unexpected-header', `parameters table header is '${table.header.join(' | ')}', expected Name | Datatype | Description`);
    return [];
  }
  const params: IRParam[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    if (row.cells.length < table.header.length) {
      scope.reporter.report(row.node, 'error', 'table/short-row', `parameters row has ${row.cells.length} cells, the header has ${table.header.length}`);
      continue;
    }
    const nameNode = row.cells[nameColumn]!.node;
    const name = (codesIn(nameNode)[0] ?? plainText(nameNode)).trim();
    if (row.id !== null && row.id.startsWith('parameter-') && row.id !== `parameter-${name}`) {
      scope.reporter.report(row.node, 'warning', 'params/id-mismatch', `row id '${row.id}' but the name cell says '${name}'`);
    }
    if (seen.has(name)) {
      scope.reporter.report(row.node, 'warning', 'params/duplicate-name', `parameter '${name}' is listed twice; the first is kept`);
      continue;
    }
    seen.add(name);
    if (!isPlainIdentifier(name)) scope.reporter.report(row.node, 'warning', 'params/odd-name', `parameter '${name}' is not a plain identifier`);
    const typeCell = typeColumn === -1 ? undefined : row.cells[typeColumn];
    const descriptionCell = descriptionColumn === -1 ? undefined : row.cells[descriptionColumn];
    params.push({
      name,
      ...splitDatatype(typeCell ? datatypeIn(typeCell.node) : ''),
      description: descriptionCell ? cellMarkdown(descriptionCell.raw) : '',
      source: scope.reporter.sourceOf(row.node),
    });
  }
  return params;
}
