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

/** A string literal: JSON.stringify, with line separators escaped as well. */
export function jsString(text: string): string {
  const json = JSON.stringify(text);
  // `includes` rather than one regex test: on the usual one-byte string it answers without scanning.
  return json.includes('\u2028') || json.includes('\u2029') ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}

/** Pretty multi-line JSON for data files (`ir.json`, `package.json`): 2-space, LF, final newline. */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
