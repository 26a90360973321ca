/**
 * Data written into generated code as TypeScript literals. Strings always go
 * through JSON.stringify, so doc text can never become code.
 */
import { propertyKey } from './names.js';

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
