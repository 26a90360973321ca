import type { Code } from 'mdast';
import type { Node } from 'unist';
import type { IRField, IRParam, IRView, IRViewDefinition } from '../../ir/types.js';
import { sectionByTitle, type Section } from '../context.js';
import { attribute, findAll, findElements } from '../html.js';
import type { PageScope } from '../scope.js';
import { readFieldsIn } from './fields.js';
import { readParameters } from './parameters.js';

/**
 * A view page (Overview Type `View`):
 *
 * ```md
 * ## Fields            a plain Name / Datatype / Description table, or
 *                      "See the SQL Definition (view DDL) …"
 * ## Required Parameters   (optional) Name / Datatype / Description table
 * ## SQL Definition
 * <Tabs><TabItem value="Sqlite3"> ```sql SELECT … AS alias … ``` </TabItem> …</Tabs>
 * ```
 */
export interface ViewPage {
  /** Keyed by the view's own name; empty where the page defers to the SQL. */
  fields: Record<string, IRField[]>;
  view: IRView;
}

export function readView(scope: PageScope, sections: readonly Section[], viewName: string): ViewPage {
  const fieldsSection = sectionByTitle([...sections], 'Fields');
  const tableFields = fieldsSection ? readFieldsIn(scope, fieldsSection.nodes) : null;
  const requiredSection = sectionByTitle([...sections], 'Required Parameters');
  const requiredParams: IRParam[] = readParameters(scope, requiredSection);
  const definitionSection = sectionByTitle([...sections], 'SQL Definition');
  const definitions = definitionSection ? readDefinitions(definitionSection) : [];
  if (definitions.length === 0) {
    scope.reporter.report(definitionSection?.heading ?? null, 'error', 'view/missing-definition', 'a view page needs ## SQL Definition with at least one ```sql block');
  }
  const columns = tableFields ? tableFields.map((field) => field.name) : aliasColumns(scope, definitions, definitionSection);
  return { fields: tableFields ? { [viewName]: tableFields } : {}, view: { definitions, columns, requiredParams } };
}

function readDefinitions(section: Section): IRViewDefinition[] {
  const tabs = findElements(section.nodes, 'TabItem');
  if (tabs.length === 0) {
    return sqlFences(section.nodes).map((fence) => ({ dialect: '', sql: fence.value }));
  }
  return tabs.flatMap((tab) => {
    const fence = sqlFences(tab.children as Node[])[0];
    return fence ? [{ dialect: attribute(tab, 'value') ?? attribute(tab, 'label') ?? '', sql: fence.value }] : [];
  });
}

function sqlFences(nodes: readonly Node[]): Code[] {
  return findAll(nodes, (node): node is Code => node.type === 'code').filter((code) => code.lang === null || code.lang === undefined || code.lang.toLowerCase() === 'sql');
}

/** Where the page has no fields table, the columns are the first definition's select-list names; the others are checked against it. */
function aliasColumns(scope: PageScope, definitions: readonly IRViewDefinition[], section: Section | undefined): string[] {
  const [first, ...others] = definitions;
  if (!first) return [];
  const read = selectListNames(first.sql);
  for (const item of read.unnamed) {
    scope.reporter.report(section?.heading ?? null, 'warning', 'view/unnamed-column', `${first.dialect || 'view'} definition: select-list item '${item}' has no alias`);
  }
  for (const other of others) {
    const names = selectListNames(other.sql).columns;
    if (names.join(',') !== read.columns.join(',')) {
      scope.reporter.report(section?.heading ?? null, 'warning', 'view/dialects-differ', `${other.dialect} selects (${names.join(', ')}), ${first.dialect} selects (${read.columns.join(', ')})`);
    }
  }
  return read.columns;
}

/**
 * The names of a `SELECT … FROM` list: `expr AS alias` → alias, `t.col` → col;
 * quotes, parentheses and comments are respected when splitting items.
 */
export function selectListNames(sql: string): { columns: string[]; unnamed: string[] } {
  const items = topLevelSelectItems(sql);
  const columns: string[] = [];
  const unnamed: string[] = [];
  for (const item of items) {
    const text = item.replace(/^\s*DISTINCT\s+/i, '').trim();
    const alias = /\bAS\s+(?:"([^"]+)"|`([^`]+)`|'([^']+)'|([A-Za-z_][A-Za-z0-9_$]*))\s*$/i.exec(text);
    const plain = /^(?:[A-Za-z_][A-Za-z0-9_$]*\.)*(?:"([^"]+)"|`([^`]+)`|([A-Za-z_][A-Za-z0-9_$]*))$/.exec(text);
    const name = alias ? (alias[1] ?? alias[2] ?? alias[3] ?? alias[4]) : plain ? (plain[1] ?? plain[2] ?? plain[3]) : undefined;
    if (name !== undefined) columns.push(name);
    else unnamed.push(text.replace(/\s+/g, ' '));
  }
  return { columns, unnamed };
}

/** Splits the first SELECT's list at top-level commas, up to its top-level FROM. */
function topLevelSelectItems(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let started = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      current += char;
      if (char === quote) quote = null;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') {
      quote = char;
      current += char;
      continue;
    }
    if (depth === 0 && /[A-Za-z]/.test(char) && (i === 0 || !/[A-Za-z0-9_$.]/.test(text[i - 1]!))) {
      const word = /^[A-Za-z]+/.exec(text.slice(i))![0].toUpperCase();
      if (!started && word === 'SELECT') {
        started = true;
        i += word.length - 1;
        continue;
      }
      if (started && word === 'FROM') break;
    }
    if (!started) continue;
    if (char === '(') depth++;
    else if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}
