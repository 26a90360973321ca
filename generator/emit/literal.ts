/**
 * Data written into generated code as TypeScript literals. Strings always go
 * through JSON.stringify, so doc text can never become code.
 */
import { propertyKey } from './names.js';
import type { ChunkedText } from './types.js';

export type LiteralValue = string | number | boolean | null | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };

/**
 * A JSON-like value as a TS expression on one line. Unlike JSON.stringify,
 * object keys go through {@link propertyKey}, so a `__proto__` key stays a
 * property; U+2028/9 are escaped for older parsers.
 */
export function tsLiteral(value: LiteralValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return jsString(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
  }
  // Appended piece by piece: a package has tens of thousands of these literals, and per-level arrays joined afterwards cost more.
  if (Array.isArray(value)) {
    const items = value as readonly LiteralValue[];
    if (items.length === 0) return '[]';
    let out = `[${tsLiteral(items[0])}`;
    for (let i = 1; i < items.length; i++) out += `, ${tsLiteral(items[i])}`;
    return `${out}]`;
  }
  const record = value as { readonly [key: string]: LiteralValue };
  const keys = Object.keys(record);
  if (keys.length === 0) return '{}';
  let out = '{ ';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += `${i === 0 ? '' : ', '}${propertyKey(key)}: ${tsLiteral(record[key])}`;
  }
  return `${out} }`;
}

/**
 * {@link tsLiteral} of the object these entries would make, without making
 * it: fixtures write tens of thousands of small records, each of its own
 * shape, and building then walking them cost more than writing them. Where
 * the object would order or merge keys itself (a key repeated, an
 * array-index key such as `"0"`, which objects list first), it is built
 * after all, so the literal is always the object's.
 */
export function entriesLiteral(entries: ReadonlyArray<readonly [string, LiteralValue]>): string {
  if (entries.length === 0) return '{}';
  const seen = new Set<string>();
  let out = '{ ';
  for (let i = 0; i < entries.length; i++) {
    const [key, value] = entries[i]!;
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || seen.has(key)) return tsLiteral(objectOf(entries));
    seen.add(key);
    out += `${i === 0 ? '' : ', '}${propertyKey(key)}: ${tsLiteral(value)}`;
  }
  return `${out} }`;
}

/** The object of `entries`, each an own property (`__proto__` included); a repeated key keeps its first place and its last value. */
export function objectOf<T>(entries: ReadonlyArray<readonly [string, T]>): { [key: string]: T } {
  const result: { [key: string]: T } = {};
  for (const [key, value] of entries) {
    // Assignment is the cheap way to add an own property, except for `__proto__`, which it would treat as the prototype.
    if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return result;
}

/** A string literal: JSON.stringify, with line separators escaped as well. */
export function jsString(text: string): string {
  // JSON.stringify itself: a regex test to skip it for plain text measured more instructions than it saved.
  const json = JSON.stringify(text);
  // `includes` rather than one regex test: on the usual one-byte string it answers without scanning.
  return json.includes('\u2028') || json.includes('\u2029') ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}

/** Pretty multi-line JSON for data files (`ir.json`, `package.json`): 2-space, LF, final newline. */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The text of a container `levels` deep (see {@link jsonFileChunks}) where
 * the caller has it already: it must be {@link indentedJson} of the value
 * at `depth`; null to have it written.
 */
export type KnownText = (value: object, depth: number) => string | null;

/**
 * {@link jsonFile} of `value` as pieces (see {@link ChunkedText}): the same
 * text, but arrays and plain objects down to `levels` deep are written
 * member by member, each deeper value by one `JSON.stringify` whose lines
 * are indented to its place (or as `known` gives it). `ir.json` as one
 * string is ~400 MB of heap at 10k pages (plus a flattened copy and its
 * bytes); as pieces, the largest is one resource.
 */
export function jsonFileChunks(value: unknown, levels = 2, known: KnownText = () => null): ChunkedText {
  return {
    *chunks() {
      const text = prettyJson(value, '', levels, known);
      if (text === undefined) return;
      yield* text;
      yield '\n';
    },
  };
}

/**
 * `JSON.stringify(value, null, 2)` at a place indented by `indent`, as
 * pieces; undefined where JSON.stringify would leave the value out (it is
 * undefined, a function or a symbol). Two places differ from
 * JSON.stringify's own walk, neither met by data read from JSON or built
 * as such: a `toJSON` below the split levels is called with `''`, not its
 * key, and a cycle throws only once it is below them.
 */
function prettyJson(value: unknown, indent: string, levels: number, known: KnownText): Iterable<string> | undefined {
  if (isPlainContainer(value)) {
    if (levels > 0) return containerJson(value, indent, levels, known);
    const depth = indent.length / 2;
    return [known(value, depth) ?? indentedJson(value, depth)];
  }
  const text = JSON.stringify(value, null, 2) as string | undefined;
  if (text === undefined) return undefined;
  // A JSON text holds a line break only between tokens (inside strings it is escaped), so this indents lines and nothing else.
  return [indent === '' ? text : text.replace(/\n/g, `\n${indent}`)];
}

/**
 * `JSON.stringify(value, null, 2)` of a plain array or object, with every
 * line after the first indented by `depth` levels: stringified `depth` arrays deep, JSON.stringify indents
 * it itself, and the arrays' brackets are cut off. Cheaper than indenting
 * the lines afterwards, which copies the text once more through a regex.
 */
export function indentedJson(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Before the value: `[\n`, `  [\n`, … one per level, then its own indent; after it: `\n  ]`, `\n]`, … one per level.
  return depth === 0 ? text : text.slice(depth * depth + 3 * depth, text.length - (depth * depth + depth));
}

/** An array, or an object that JSON.stringify writes as its own enumerable properties (no `toJSON`, not a boxed primitive). */
function isPlainContainer(value: unknown): value is readonly unknown[] | Record<string, unknown> {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function* containerJson(value: readonly unknown[] | Record<string, unknown>, indent: string, levels: number, known: KnownText): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    if (items.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < items.length; i++) {
      yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
      // JSON.stringify writes a member it cannot represent as null in an array.
      yield* prettyJson(items[i], inner, levels - 1, known) ?? ['null'];
    }
    yield `\n${indent}]`;
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const key of Object.keys(record)) {
    // ...and leaves it out of an object.
    const member = prettyJson(record[key], inner, levels - 1, known);
    if (member === undefined) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* member;
  }
  yield first ? '{}' : `\n${indent}}`;
}
