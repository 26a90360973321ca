import type { IRMethod, IRVerb } from '../../ir/types.js';
import type { Section } from '../context.js';
import { cellMarkdown, codesIn, findTables, plainText, readTable } from '../html.js';
import type { PageScope } from '../scope.js';
import { isPlainIdentifier } from '../text.js';

const VERBS: readonly IRVerb[] = ['select', 'insert', 'update', 'replace', 'delete', 'exec'];

/**
 * `## Methods`: Name / Accessible by / Required Params / Optional Params / Description.
 *
 * Current (HTML):
 * ```html
 * <td><a href="#get"><CopyableCode code="get" /></a></td><td><CopyableCode code="select" /></td>
 * <td><a href="#parameter-owner"><code>owner</code></a>, <a href="#parameter-repo"><code>repo</code></a></td>
 * ```
 * Legacy (GFM): `` | <CopyableCode code="get" /> | `SELECT` | <CopyableCode code="userId, subdomain" /> | … | ``
 * (verbs in capitals, required params one comma-joined code, Optional Params
 * and Description columns sometimes absent).
 */
export function readMethods(scope: PageScope, section: Section | undefined): IRMethod[] {
  const tableNode = section ? findTables(section.nodes)[0] : undefined;
  if (!section || !tableNode) {
    scope.reporter.report(section?.heading ?? null, 'error', section ? 'table/missing' : 'methods/missing-section', 'a resource page needs a ## Methods table');
    return [];
  }
  const table = readTable(tableNode, scope.source);
  const header = table.header.map((text) => text.toLowerCase());
  const column = {
    name: header.indexOf('name'),
    verb: header.indexOf('accessible by'),
    required: header.indexOf('required params'),
    optional: header.indexOf('optional params'),
    description: header.indexOf('description'),
  };
  if (column.name === -1 || column.verb === -1) {
    scope.reporter.report(tableNode, 'error', 'table/unexpected-header', `methods table header is '${table.header.join(' | ')}', expected Name | Accessible by | Required Params | …`);
    return [];
  }
  const methods: IRMethod[] = [];
  const names = new Set<string>();
  for (const row of table.rows) {
    if (row.cells.length < table.header.length) {
      scope.reporter.report(row.node, 'error', 'table/short-row', `methods row has ${row.cells.length} cells, the header has ${table.header.length}`);
      continue;
    }
    const cell = (index: number) => (index === -1 ? undefined : row.cells[index]);
    const name = (codesIn(cell(column.name)!.node)[0] ?? plainText(cell(column.name)!.node)).trim();
    if (name === '') {
      scope.reporter.report(row.node, 'error', 'methods/empty-name', 'methods row without a name');
      continue;
    }
    const verbText = (codesIn(cell(column.verb)!.node)[0] ?? plainText(cell(column.verb)!.node)).trim();
    const verb = verbText.toLowerCase() as IRVerb;
    if (!VERBS.includes(verb)) {
      scope.reporter.report(cell(column.verb)!.node, 'error', 'methods/unknown-verb', `method '${name}' is accessible by '${verbText}', not one of ${VERBS.join(', ')}`);
      continue;
    }
    if (names.has(name)) {
      scope.reporter.report(row.node, 'error', 'methods/duplicate-name', `method '${name}' is listed twice`);
      continue;
    }
    names.add(name);
    if (!isPlainIdentifier(name)) scope.reporter.report(row.node, 'warning', 'methods/odd-name', `method '${name}' is not a plain identifier`);
    const requiredCell = cell(column.required);
    const optionalCell = cell(column.optional);
    const descriptionCell = cell(column.description);
    methods.push({
      name,
      verb,
      required: requiredCell ? paramList(requiredCell.node) : [],
      optional: optionalCell ? paramList(optionalCell.node) : [],
      description: descriptionCell ? cellMarkdown(descriptionCell.raw) : '',
      source: scope.reporter.sourceOf(row.node),
    });
  }
  reportAmbiguousSelects(scope, methods);
  return methods;
}

/** Each `<code>` of a current cell is a name; a legacy cell joins them in one code with commas. */
function paramList(node: Parameters<typeof codesIn>[0]): string[] {
  return codesIn(node)
    .flatMap((code) => code.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Two SELECT methods that need the same params cannot be told apart by a
 * WHERE clause: the docs generator lost the path params (FORMAT.md).
 */
function reportAmbiguousSelects(scope: PageScope, methods: readonly IRMethod[]): void {
  const firstByKey = new Map<string, IRMethod>();
  for (const method of methods) {
    if (method.verb !== 'select') continue;
    const key = [...method.required].sort().join(',');
    const first = firstByKey.get(key);
    if (first) {
      scope.reporter.report(
        { line: method.source.line, column: 1 },
        'warning',
        'methods/ambiguous-select',
        `SELECT methods '${first.name}' and '${method.name}' have the same required params (${key || 'none'})`,
      );
    } else firstByKey.set(key, method);
  }
}
