import type { ArrayExpression, Expression, ObjectExpression, Program } from 'estree';
import type { Node } from 'unist';
import type { IRField } from '../../ir/types.js';
import type { Section } from '../context.js';
import { evaluate, evaluateProgram } from '../estree.js';
import { attribute, cellMarkdown, codesIn, expressionAttribute, findElements, findTables, plainText, plainTextMatches, readTable, type JsxElement } from '../html.js';
import type { PageScope } from '../scope.js';
import { isPlainIdentifier, readHints, splitDatatype } from '../text.js';

/** What a page without SELECT says in place of its fields; at most 40 characters. */
const SELECT_NOT_SUPPORTED = /`?SELECT`? not supported for this resource/;
const SELECT_NOT_SUPPORTED_LENGTH = '`SELECT` not supported for this resource'.length;
/** A part of that phrase every match holds, for telling cheaply that a text holds none. */
const SELECT_NOT_SUPPORTED_WORDS = 'not supported for this resource';

/**
 * `## Fields` of a resource page, keyed by SELECT method:
 *
 * - current: `<Tabs>` with one `<TabItem value="METHOD">` per SELECT method,
 *   each holding a Name / Datatype / Description `<table>` or a
 *   `<SchemaTable fields={[…]} />`;
 * - legacy: one GFM `| Name | Datatype |` table, given to every SELECT method;
 * - no SELECT: `` `SELECT` not supported for this resource, use `SHOW METHODS` … ``.
 */
export function readResourceFields(scope: PageScope, section: Section | undefined, selectMethods: readonly string[]): Record<string, IRField[]> {
  const fields: Record<string, IRField[]> = {};
  if (!section) return fields;
  // Nearly every section is certain not to hold the phrase, which the fast reader tells in one pass over its text.
  if (scope.textMayHold?.(section.nodes, SELECT_NOT_SUPPORTED_WORDS) !== false) {
    const noSelect = saysSelectNotSupported(section.nodes);
    scope.checkTextVerdict?.(section.nodes, noSelect, saysSelectNotSupported, SELECT_NOT_SUPPORTED_WORDS);
    if (noSelect) return fields;
  }
  const oddNames = new Set<string>();
  const tabs = findElements(section.nodes, 'TabItem');
  if (tabs.length > 0) {
    for (const tab of tabs) {
      const method = attribute(tab, 'value') ?? '';
      const read = readFieldsIn(scope, tab.children as Node[], oddNames);
      if (read === null) {
        scope.reporter.report(tab, 'warning', 'fields/unclear-tab', `fields tab '${method}' has no table and no SchemaTable`);
        continue;
      }
      if (!selectMethods.includes(method)) {
        scope.reporter.report(tab, 'warning', 'fields/unknown-method', `fields tab '${method}' is not a SELECT method of ## Methods`);
      }
      if (!Object.hasOwn(fields, method)) setOwn(fields, method, read);
    }
    for (const method of selectMethods) {
      if (!Object.hasOwn(fields, method)) scope.reporter.report(section.heading, 'warning', 'fields/missing-method', `SELECT method '${method}' has no fields tab`);
    }
    return fields;
  }
  const shared = readFieldsIn(scope, section.nodes, oddNames);
  if (shared === null) return fields;
  if (selectMethods.length === 0) {
    scope.reporter.report(section.heading, 'warning', 'fields/orphan-table', 'a fields table on a page without SELECT methods');
    return fields;
  }
  // A legacy page documents one response shape for the whole resource.
  for (const method of selectMethods) setOwn(fields, method, shared);
  return fields;
}

/** Whether the section's plain text is that of a page without SELECT. */
function saysSelectNotSupported(nodes: readonly Node[]): boolean {
  return plainTextMatches(nodes, SELECT_NOT_SUPPORTED, SELECT_NOT_SUPPORTED_LENGTH, 'supported');
}

/**
 * `record[key] = value` for a key from the docs: a method may be called
 * `__proto__`, and plain assignment would then set the record's prototype
 * instead of adding the method's fields.
 */
function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // Assignment makes the same own data property for every other key, without a descriptor object per call.
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/** The fields of the first SchemaTable or table among `nodes`; null where there is neither. */
export function readFieldsIn(scope: PageScope, nodes: readonly Node[], oddNames = new Set<string>()): IRField[] | null {
  // A JSX name is written out in full, so a page without the word has no SchemaTable: skip walking every cell for one.
  const schemaTable = scope.source.includes('SchemaTable') ? findElements(nodes, 'SchemaTable')[0] : undefined;
  if (schemaTable) return checkNames(scope, readSchemaTable(scope, schemaTable), oddNames);
  const table = findTables(nodes)[0];
  if (!table) return null;
  return checkNames(scope, readFieldTable(scope, table), oddNames);
}

/** A Name / Datatype / Description table (HTML or GFM; Description optional). */
export function readFieldTable(scope: PageScope, tableNode: Node): IRField[] {
  const table = readTable(tableNode, scope.source);
  const header = table.header.map((text) => text.toLowerCase());
  const nameColumn = header.indexOf('name');
  const typeColumn = header.findIndex((text) => text === 'datatype' || text === 'type');
  const descriptionColumn = header.indexOf('description');
  if (nameColumn === -1 || typeColumn === -1) {
    scope.reporter.report(tableNode, 'error', 'table/unexpected-header', `fields table header is '${table.header.join(' | ')}', expected Name | Datatype | Description`);
    return [];
  }
  const fields: IRField[] = [];
  for (const row of table.rows) {
    if (row.cells.length < table.header.length) {
      scope.reporter.report(row.node, 'error', 'table/short-row', `fields row has ${row.cells.length} cells, the header has ${table.header.length}`);
      continue;
    }
    const nameCell = row.cells[nameColumn]!;
    const typeCell = row.cells[typeColumn]!;
    const descriptionRaw = descriptionColumn === -1 ? '' : (row.cells[descriptionColumn]?.raw ?? '');
    const name = (codesIn(nameCell.node)[0] ?? plainText(nameCell.node)).trim();
    if (name === '') {
      scope.reporter.report(row.node, 'error', 'fields/empty-name', 'fields row without a name');
      continue;
    }
    fields.push(makeField(name, datatypeIn(typeCell.node), descriptionRaw, [], scope.reporter.sourceOf(row.node)));
  }
  return fields;
}

/** `<code>integer (int64)</code>`, `` `string` ``, `<CopyableCode code="string" />` or plain text. */
export function datatypeIn(cell: Node): string {
  return plainText(cell) || codesIn(cell).join(' ');
}

function makeField(name: string, datatype: string, descriptionRaw: string, children: IRField[], source: IRField['source']): IRField {
  const hints = readHints(descriptionRaw);
  // Written out rather than spread: a spread is a generic copy in cold code, once per field.
  const typed = splitDatatype(datatype);
  return {
    name,
    datatype: typed.datatype,
    type: typed.type,
    format: typed.format,
    description: cellMarkdown(descriptionRaw),
    example: hints.example,
    default: hints.default,
    pattern: hints.pattern,
    children,
    source,
  };
}

/**
 * `<SchemaTable fields={[{"name": "id", "type": "string", "description": "…",
 * "children": [ … ]}, …]} />`: the expression's estree is read as data, entry
 * by entry so each field keeps its own line.
 */
export function readSchemaTable(scope: PageScope, element: JsxElement): IRField[] {
  const expression = expressionAttribute(element, 'fields');
  const program = (expression?.data as { estree?: Program } | undefined)?.estree;
  const statement = program?.body[0];
  if (!program || statement?.type !== 'ExpressionStatement') {
    scope.reporter.report(element, 'error', 'schema-table/not-data', 'SchemaTable without a `fields={[…]}` expression');
    return [];
  }
  const whole = evaluateProgram(program);
  if (!whole.ok) {
    scope.reporter.report(estreePoint(whole.node) ?? element, 'error', 'schema-table/not-data', `SchemaTable fields: ${whole.message}`);
    return [];
  }
  if (statement.expression.type !== 'ArrayExpression') {
    scope.reporter.report(element, 'error', 'schema-table/invalid-entry', 'SchemaTable fields is not an array');
    return [];
  }
  return schemaEntries(scope, statement.expression, element);
}

function schemaEntries(scope: PageScope, array: ArrayExpression, element: JsxElement): IRField[] {
  const fields: IRField[] = [];
  for (const item of array.elements) {
    if (!item || item.type !== 'ObjectExpression') {
      scope.reporter.report(estreePoint(item ?? array) ?? element, 'error', 'schema-table/invalid-entry', 'SchemaTable entry is not an object');
      continue;
    }
    const entry = schemaEntry(scope, item, element);
    if (entry) fields.push(entry);
  }
  return fields;
}

function schemaEntry(scope: PageScope, object: ObjectExpression, element: JsxElement): IRField | null {
  const at = estreePoint(object) ?? element;
  const values: Record<string, unknown> = {};
  let childrenNode: Expression | null = null;
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const key = property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : '';
    if (key === 'children') childrenNode = property.value as Expression;
    else {
      const value = evaluate(property.value as Expression);
      if (value.ok) values[key] = value.value;
    }
  }
  const name = values.name;
  if (typeof name !== 'string' || name.trim() === '') {
    scope.reporter.report(at, 'error', 'schema-table/invalid-entry', 'SchemaTable entry without a string "name"');
    return null;
  }
  let children: IRField[] = [];
  if (childrenNode) {
    if (childrenNode.type === 'ArrayExpression') children = schemaEntries(scope, childrenNode, element);
    else scope.reporter.report(estreePoint(childrenNode) ?? at, 'error', 'schema-table/invalid-entry', `SchemaTable entry '${name}': "children" is not an array`);
  }
  const type = typeof values.type === 'string' ? values.type : '';
  const description = typeof values.description === 'string' ? values.description : '';
  const line = 'line' in at ? at.line : (element.position?.start.line ?? 1);
  return makeField(name.trim(), datatypeText(type), description, children, { path: scope.path, line });
}

/** A SchemaTable `type` may itself be written `<CopyableCode code="string" />`. */
function datatypeText(type: string): string {
  return /<CopyableCode\s+code="([^"]*)"\s*\/>/.exec(type)?.[1] ?? type;
}

/** Estree locations from MDX are page-relative, with 0-based columns. */
function estreePoint(node: { loc?: { start: { line: number; column: number } } | null } | null | undefined): { line: number; column: number } | null {
  const start = node?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : null;
}

function checkNames(scope: PageScope, fields: IRField[], oddNames: Set<string>): IRField[] {
  const seen = new Set<string>();
  const kept: IRField[] = [];
  for (const field of fields) {
    if (seen.has(field.name)) {
      scope.reporter.report({ line: field.source.line, column: 1 }, 'warning', 'fields/duplicate-name', `field '${field.name}' appears twice; the first is kept`);
      continue;
    }
    seen.add(field.name);
    if (!isPlainIdentifier(field.name) && !oddNames.has(field.name)) {
      oddNames.add(field.name);
      scope.reporter.report({ line: field.source.line, column: 1 }, 'warning', 'fields/odd-name', `field '${field.name}' is not a plain identifier`);
    }
    // A field without children is kept as it is: copying it would only give it another empty list.
    kept.push(field.children.length === 0 ? field : { ...field, children: checkNames(scope, field.children, oddNames) });
  }
  return kept;
}
