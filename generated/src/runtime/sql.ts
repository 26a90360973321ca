/**
 * Renders one StackQL statement from a `MethodSpec` and call values, with
 * literals written the way StackQL's lexer reads them, and refuses what the
 * server could not carry as exactly one statement.
 *
 * Statement shapes (one line, single spaces):
 *
 * ```sql
 * SELECT id, kid FROM p.s.r WHERE a = 'x' AND b = 5
 * INSERT INTO p.s.r (data__x, a) SELECT 'v', 'x' RETURNING id
 * UPDATE p.s.r SET data__x = 'v' WHERE a = 'x' RETURNING id
 * REPLACE p.s.r SET data__x = 'v' WHERE a = 'x'
 * DELETE FROM p.s.r WHERE a = 'x'
 * EXEC p.s.r.method @a='x', @b=5 @@json='{"x":"v"}'
 * ```
 */
import { StackqlValueError } from './errors.js';
import { isKeyword } from './keywords.js';
import type { DataSpec, MethodSpec, ParamSpec, TypeSpec } from './spec.js';

/** A JSON value, as objects/arrays are sent (single-quoted JSON text). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What a param or data value may be. `undefined` counts as "not given". */
export type SqlValue = string | number | boolean | bigint | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type SqlValues = Readonly<Record<string, SqlValue | undefined>>;

export interface RenderCall {
  /** WHERE params (select/delete/update/replace/insert) or `@params` (exec), by `ParamSpec.name`. */
  params?: SqlValues;
  /** Body properties by `DataSpec.name` (rendered at `DataSpec.target`). */
  data?: SqlValues;
  /**
   * Params the docs omit (okta path params such as `authServerId`), rendered
   * like params, after them, sorted by name so the text is stable.
   */
  extraParams?: SqlValues;
  /** SELECT list; defaults to all `spec.columns` (or `*` where there are none). */
  columns?: readonly string[];
  /**
   * RETURNING list for insert/update/replace/delete: `true` = `spec.columns`;
   * absent/false = no RETURNING (older StackQL versions reject it).
   */
  returning?: readonly string[] | boolean;
}

/** Plain identifiers go bare; anything else is double-quoted. */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A UTF-16 surrogate not part of a pair (with `u`, a pair is one code point and does not match). */
const LONE_SURROGATE = /\p{Cs}/u;

/** What StackQL's lexer reads as one identifier word. */
const LEXER_WORD = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A piece of the statement and whom it belongs to, so that a `;` the
 * server would split on can be blamed on the param that brought it.
 */
interface Fragment {
  text: string;
  owner: string | null;
}

export type LiteralClause = 'where' | 'values' | 'set' | 'exec';

export function renderStatement(spec: MethodSpec, call: RenderCall): string {
  const fragments = buildStatement(spec, call);
  const text = fragments.map((fragment) => fragment.text).join('');
  verifySingleStatement(fragments, text);
  return text;
}

/**
 * The statement with every value replaced by a placeholder the way the docs
 * write them (measured over the okta and github docs), every param and data
 * property in spec order, all columns, and RETURNING where the spec lists
 * columns:
 *
 * - body values (INSERT values, `SET`): `{{ name }}` bare for numbers,
 *   integers and booleans, `'{{ name }}'` otherwise;
 * - `@@json` entries: bare for numbers, integers, booleans, objects and
 *   arrays (it is JSON), `"{{ name }}"` for strings;
 * - params: `'{{ name }}'` whatever their type (they travel as URL text),
 *   except booleans in UPDATE/REPLACE WHERE terms and EXEC `@params`,
 *   which the docs write bare;
 * - a `data__name` param (a body property the docs require in WHERE) is
 *   written like that body value, `{{ name }}` without the prefix;
 * - the `@@json` object is spaced as the docs' multi-line one reads once
 *   whitespace is collapsed: `'{ "a": …, "b": … }'`.
 *
 * Names are written as the docs write them: bare when plain, even where
 * {@link renderStatement} quotes a keyword (`use`, `limit`) to keep the
 * grammar from reading it as one.
 */
export function renderExampleShape(spec: MethodSpec): string {
  const target = qualifiedName(spec.resource, 'resource', docIdentifier);
  const columnList = spec.columns.length === 0 ? '*' : spec.columns.map((c) => docIdentifier(c.name, c.name)).join(', ');
  const returning = spec.columns.length === 0 ? '' : ` RETURNING ${columnList}`;
  const bareBooleanParams = spec.verb === 'update' || spec.verb === 'replace' || spec.verb === 'exec';
  const paramHole = (p: ParamSpec): string => {
    // A body property required in WHERE (`data__name = '{{ name }}'`) is written like the body value.
    const property = p.name.startsWith('data__') ? spec.data.find((d) => d.target === p.name) : undefined;
    if (property !== undefined) return bodyHole(property.name, property);
    const name = p.name.startsWith('data__') ? p.name.slice('data__'.length) : p.name;
    return bareBooleanParams && p.type === 'boolean' ? `{{ ${name} }}` : `'{{ ${name} }}'`;
  };
  const whereTerms = spec.params.map((p) => `${docIdentifier(p.name, p.name)} = ${paramHole(p)}`);
  const where = whereTerms.length === 0 ? '' : ` WHERE ${whereTerms.join(' AND ')}`;
  switch (spec.verb) {
    case 'select':
      return `SELECT ${columnList} FROM ${target}${where}`;
    case 'insert': {
      const names = [...spec.data.map((d) => docIdentifier(d.target, d.name)), ...spec.params.map((p) => docIdentifier(p.name, p.name))];
      const values = [...spec.data.map((d) => bodyHole(d.name, d)), ...spec.params.map(paramHole)];
      return `INSERT INTO ${target} (${names.join(', ')}) SELECT ${values.join(', ')}${returning}`;
    }
    case 'update':
    case 'replace': {
      const sets = spec.data.map((d) => `${docIdentifier(d.target, d.name)} = ${bodyHole(d.name, d)}`);
      return `${spec.verb.toUpperCase()} ${target} SET ${sets.join(', ')}${where}${returning}`;
    }
    case 'delete':
      return `DELETE FROM ${target}${where}${returning}`;
    case 'exec': {
      const params = spec.params.map((p) => `@${docIdentifier(p.name, p.name)}=${paramHole(p)}`);
      let text = `EXEC ${target}.${docIdentifier(spec.method, 'method')}`;
      if (params.length > 0) text += ` ${params.join(', ')}`;
      if (spec.data.length > 0) {
        const entries = spec.data.map((d) => `${JSON.stringify(d.target)}: ${jsonHole(d.name, d)}`);
        text += ` @@json='{ ${entries.join(', ')} }'`;
      }
      return text;
    }
  }
}

/**
 * The server's statement splitter, as StackQL's pgwire server applies it
 * to a simple query: `;` splits outside double-quoted spans only (single
 * quotes are not respected); a `"` opens a span whatever precedes it and
 * closes one only when not preceded by `\`. The `;` belongs to no piece.
 */
export function splitLikeServer(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const offset of splittingSemicolons(text)) {
    pieces.push(text.slice(start, offset));
    start = offset + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Offsets of every `;` the server's splitter splits on. */
function splittingSemicolons(text: string): number[] {
  const offsets: number[] = [];
  let inDoubleQuotes = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      if (!inDoubleQuotes) inDoubleQuotes = true;
      else if (text[index - 1] !== '\\') inDoubleQuotes = false;
    } else if (char === ';' && !inDoubleQuotes) {
      offsets.push(index);
    }
  }
  return offsets;
}

/**
 * The renderer's own output must reach the server whole: a `;` that the
 * splitter would act on (e.g. in a plain string value, where single quotes
 * do not protect it) means the server would run a truncated statement.
 */
function verifySingleStatement(fragments: readonly Fragment[], text: string): void {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new StackqlValueError(ownerAt(fragments, nul), 'contains NUL, which StackQL cannot carry');
  }
  const split = splittingSemicolons(text)[0];
  if (split !== undefined) {
    throw new StackqlValueError(
      ownerAt(fragments, split),
      "contains a ';' that StackQL's statement splitter would split on (it is outside any double-quoted span); the server would run a truncated statement",
    );
  }
}

function ownerAt(fragments: readonly Fragment[], offset: number): string {
  let start = 0;
  for (const fragment of fragments) {
    const end = start + fragment.text.length;
    if (offset >= start && offset < end) return fragment.owner ?? '(statement)';
    start = end;
  }
  return '(statement)';
}

function buildStatement(spec: MethodSpec, call: RenderCall): Fragment[] {
  const params = call.params ?? {};
  const data = call.data ?? {};
  const extra = call.extraParams ?? {};
  checkKnownKeys(params, spec.params.map((p) => p.name), 'param', 'pass params the docs omit as extraParams');
  checkKnownKeys(data, spec.data.map((d) => d.name), 'data property', 'the method has no such body property');
  for (const name of Object.keys(extra)) {
    if (spec.params.some((p) => p.name === name)) {
      throw new StackqlValueError(name, 'given as an extra param, but it is a documented param of the method');
    }
  }
  const givenParams = spec.params.filter((p) => given(params[p.name], p, 'required param is missing'));
  const givenData = spec.data.filter((d) => given(data[d.name], d, 'required data property is missing'));
  const extraNames = Object.keys(extra)
    .filter((name) => extra[name] !== undefined)
    .sort(compareCodeUnits);

  const target = qualifiedName(spec.resource, 'resource');
  const paramTerms: Array<{ name: string; value: SqlValue }> = [
    ...givenParams.map((p) => ({ name: p.name, value: params[p.name] as SqlValue })),
    ...extraNames.map((name) => ({ name, value: extra[name] as SqlValue })),
  ];
  const out: Fragment[] = [];
  const push = (text: string, owner: string | null = null): void => {
    out.push({ text, owner });
  };
  const pushWhere = (): void => {
    paramTerms.forEach((term, index) => {
      push(index === 0 ? ' WHERE ' : ' AND ');
      push(identifier(term.name, term.name), term.name);
      push(' = ');
      push(literal(term.name, term.value, 'where'), term.name);
    });
  };
  const pushReturning = (): void => {
    const list = returningList(spec, call.returning);
    if (list === null) return;
    push(' RETURNING ');
    pushIdentifierList(push, list);
  };

  switch (spec.verb) {
    case 'select': {
      push('SELECT ');
      const columns = call.columns ?? spec.columns.map((c) => c.name);
      if (call.columns !== undefined && call.columns.length === 0) {
        throw new StackqlValueError('columns', 'an empty column list selects nothing');
      }
      if (columns.length === 0) push('*');
      else pushIdentifierList(push, columns);
      push(` FROM ${target}`);
      pushWhere();
      break;
    }
    case 'insert': {
      const names = [...givenData.map((d) => ({ sql: d.target, owner: d.name })), ...paramTerms.map((t) => ({ sql: t.name, owner: t.name }))];
      if (names.length === 0) throw new StackqlValueError('(data)', 'an INSERT needs at least one value');
      push(`INSERT INTO ${target} (`);
      names.forEach((name, index) => {
        if (index > 0) push(', ');
        push(identifier(name.sql, name.owner), name.owner);
      });
      push(') SELECT ');
      const values = [
        ...givenData.map((d) => ({ owner: d.name, value: data[d.name] as SqlValue })),
        ...paramTerms.map((t) => ({ owner: t.name, value: t.value, where: true })),
      ];
      values.forEach((entry, index) => {
        if (index > 0) push(', ');
        push(literal(entry.owner, entry.value, 'where' in entry ? 'where' : 'values'), entry.owner);
      });
      pushReturning();
      break;
    }
    case 'update':
    case 'replace': {
      if (givenData.length === 0) throw new StackqlValueError('(data)', `an ${spec.verb.toUpperCase()} needs at least one property to SET`);
      push(`${spec.verb.toUpperCase()} ${target} SET `);
      givenData.forEach((d, index) => {
        if (index > 0) push(', ');
        push(identifier(d.target, d.name), d.name);
        push(' = ');
        push(literal(d.name, data[d.name] as SqlValue, 'set'), d.name);
      });
      pushWhere();
      pushReturning();
      break;
    }
    case 'delete':
      push(`DELETE FROM ${target}`);
      pushWhere();
      pushReturning();
      break;
    case 'exec': {
      push(`EXEC ${target}.`);
      push(identifier(spec.method, 'method'), 'method');
      paramTerms.forEach((term, index) => {
        push(index === 0 ? ' @' : ', @');
        // After `@` the lexer reads a name, never a keyword.
        push(docIdentifier(term.name, term.name), term.name);
        push('=');
        push(literal(term.name, term.value, 'exec'), term.name);
      });
      if (givenData.length > 0) {
        push(' @@json=');
        // One literal, pushed a property at a time (escaping is per character), so a refusal names the property.
        push("'{");
        jsonEntries(givenData, data).forEach((entry, index) => {
          push(`${index > 0 ? ',' : ''}${escapeString(entry.text)}`, entry.owner);
        });
        push("}'");
      }
      break;
    }
  }
  return out;
}

function pushIdentifierList(push: (text: string, owner?: string | null) => void, names: readonly string[]): void {
  names.forEach((name, index) => {
    if (index > 0) push(', ');
    push(identifier(name, name), name);
  });
}

function returningList(spec: MethodSpec, returning: RenderCall['returning']): readonly string[] | null {
  if (returning === undefined || returning === false) return null;
  const list = returning === true ? spec.columns.map((c) => c.name) : returning;
  if (list.length === 0) {
    if (returning === true) return null;
    throw new StackqlValueError('returning', 'an empty RETURNING list returns nothing');
  }
  return list;
}

function given(value: SqlValue | undefined, spec: ParamSpec | DataSpec, missing: string): boolean {
  if (value !== undefined) return true;
  if (spec.required) throw new StackqlValueError(spec.name, missing);
  return false;
}

function checkKnownKeys(values: SqlValues, known: readonly string[], what: string, hint: string): void {
  for (const name of Object.keys(values)) {
    if (!known.includes(name) && values[name] !== undefined) {
      throw new StackqlValueError(name, `not a documented ${what} of this method (${hint})`);
    }
  }
}

/**
 * An identifier as StackQL's lexer reads it: bare when plain and not a
 * keyword, else in double quotes, where `""` stands for one `"` (the
 * lexer's rule for its quoted identifiers). An empty quoted identifier is a
 * lexer error, and NUL cannot be carried at all.
 */
export function identifier(name: string, owner: string): string {
  if (PLAIN_IDENTIFIER.test(name) && !isKeyword(name)) return name;
  return quotedIdentifier(name, owner);
}

/**
 * An identifier as the docs write it: bare whenever the lexer would read it
 * as one word (`$` counts as a letter there, so `$schema` stays bare),
 * keyword or not.
 */
export function docIdentifier(name: string, owner: string): string {
  if (LEXER_WORD.test(name)) return name;
  return quotedIdentifier(name, owner);
}

function quotedIdentifier(name: string, owner: string): string {
  if (name.length === 0) throw new StackqlValueError(owner, 'an empty name cannot be written as a StackQL identifier');
  if (name.includes('\u0000')) throw new StackqlValueError(owner, 'a name containing NUL cannot be written as a StackQL identifier');
  if (LONE_SURROGATE.test(name)) throw new StackqlValueError(owner, 'a name containing a lone UTF-16 surrogate cannot be sent as UTF-8');
  return `"${name.replace(/"/g, '""')}"`;
}

/** `provider.service.resource`, each part an identifier. */
function qualifiedName(dotted: string, owner: string, write: (name: string, owner: string) => string = identifier): string {
  return dotted
    .split('.')
    .map((part) => write(part, owner))
    .join('.');
}

/**
 * A string literal as StackQL's lexer reads it: single quotes, `'` doubled,
 * `\` escaped (the lexer treats backslash as an escape, MySQL style).
 */
export function quoteString(text: string): string {
  return `'${escapeString(text)}'`;
}

/** The inside of a string literal; per character, so pieces may be escaped apart. */
function escapeString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "''");
}

/**
 * A value as a literal. Numbers, booleans and bigints go bare only when they
 * are JS numbers/booleans/bigints; a numeric string stays a string. NULL is
 * meaningful only as a body value (INSERT values, SET); a WHERE or `@param`
 * NULL would match or send nothing, so it is refused.
 */
export function literal(owner: string, value: SqlValue, clause: LiteralClause): string {
  if (value === null) {
    if (clause === 'values' || clause === 'set') return 'NULL';
    throw new StackqlValueError(owner, 'null cannot be sent as a param; leave the param out instead');
  }
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) throw new StackqlValueError(owner, 'contains NUL, which StackQL cannot carry');
      // The query travels as UTF-8, where a lone surrogate silently becomes U+FFFD: the server would see another value.
      if (LONE_SURROGATE.test(value)) throw new StackqlValueError(owner, 'contains a lone UTF-16 surrogate, which UTF-8 (and so StackQL) cannot carry');
      return quoteString(value);
    case 'number':
      return finiteNumber(owner, value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      return quoteString(jsonText(owner, value));
    default:
      throw new StackqlValueError(owner, `a ${typeof value} cannot be sent to StackQL`);
  }
}

function finiteNumber(owner: string, value: number): string {
  if (!Number.isFinite(value)) throw new StackqlValueError(owner, `${String(value)} is not a number StackQL can read`);
  return String(value);
}

/**
 * JSON text of an object/array value, refusing what `JSON.stringify` would
 * silently change (NaN/Infinity → null, bigint → throw, Dates and other
 * class instances → whatever their `toJSON` says) and cycles.
 */
function jsonText(owner: string, value: object): string {
  checkJson(owner, value, new Set());
  return JSON.stringify(value);
}

function checkJson(owner: string, value: unknown, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      finiteNumber(owner, value);
      return;
    case 'object': {
      if (value === null) return;
      if (ancestors.has(value)) throw new StackqlValueError(owner, 'a cyclic object cannot be sent as JSON');
      const prototype: unknown = Object.getPrototypeOf(value);
      const plain = Array.isArray(value) || prototype === Object.prototype || prototype === null;
      if (!plain) throw new StackqlValueError(owner, 'only plain objects and arrays can be sent as JSON');
      ancestors.add(value);
      for (const item of Object.values(value)) {
        if (item !== undefined) checkJson(owner, item, ancestors);
      }
      ancestors.delete(value);
      return;
    }
    default:
      throw new StackqlValueError(owner, `a ${typeof value} cannot be sent as JSON`);
  }
}

/** The `@@json` object's `"target":value` entries: given body properties, in spec order. */
function jsonEntries(properties: readonly DataSpec[], data: SqlValues): Array<{ owner: string; text: string }> {
  return properties.map((d) => {
    const value = data[d.name] as SqlValue;
    const text = typeof value === 'bigint' ? value.toString() : value === null ? 'null' : typeof value === 'object' ? jsonText(d.name, value) : jsonScalar(d.name, value);
    return { owner: d.name, text: `${JSON.stringify(d.target)}:${text}` };
  });
}

function jsonScalar(owner: string, value: string | number | boolean): string {
  if (typeof value === 'number') return finiteNumber(owner, value);
  return JSON.stringify(value);
}

const BARE_TYPES = new Set(['number', 'integer', 'boolean']);

function bodyHole(name: string, type: TypeSpec): string {
  return BARE_TYPES.has(type.type) ? `{{ ${name} }}` : `'{{ ${name} }}'`;
}

function jsonHole(name: string, type: TypeSpec): string {
  if (BARE_TYPES.has(type.type) || type.type === 'object' || type.type === 'array') return `{{ ${name} }}`;
  return `"{{ ${name} }}"`;
}

/** Plain code-unit order, the same on every machine and locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
