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
  if (typeof value === 'string') return jsString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${(value as readonly LiteralValue[]).map(tsLiteral).join(', ')}]`;
  const entries = Object.keys(value).map((key) => `${propertyKey(key)}: ${tsLiteral((value as Record<string, LiteralValue>)[key])}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** A string literal: JSON.stringify, with line separators escaped as well. */
export function jsString(text: string): string {
  const json = JSON.stringify(text);
  return /[\u2028\u2029]/.test(json) ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}

/** Pretty multi-line JSON for data files (`ir.json`, `package.json`): 2-space, LF, final newline. */
export function jsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
