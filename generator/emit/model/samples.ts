/**
 * Deterministic sample values for fixtures: from a field's `(example: …)`
 * hint, a manifest's valid values or `(default: …)`, then by type. Each
 * value comes with the text StackQL would send for it, so fixtures hold
 * rows exactly as the server does.
 */
import type { IRField } from '../../ir/types.js';
import { uniqueByName } from './types.js';

/** A JSON value, as fixtures hold it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A sample in both forms: the decoded value and the wire text (null for SQL NULL). */
export interface Sample {
  value: JsonValue;
  text: string | null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isJsonObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value a hint's text stands for under a type, or undefined where it does not read as one. */
export function coerce(text: string, type: string): JsonValue | undefined {
  const trimmed = text.trim();
  switch (type) {
    case 'integer': {
      if (!/^-?[0-9]+$/.test(trimmed)) return undefined;
      const value = Number(trimmed);
      return Number.isSafeInteger(value) ? value : undefined;
    }
    case 'number': {
      if (!/^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(trimmed)) return undefined;
      const value = Number(trimmed);
      return Number.isFinite(value) ? value : undefined;
    }
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
    case 'string':
      return text;
    case 'object': {
      const value = parseJson(trimmed);
      return isJsonObject(value) ? (value as JsonValue) : undefined;
    }
    case 'array': {
      const value = parseJson(trimmed);
      return Array.isArray(value) ? (value as JsonValue) : undefined;
    }
    default:
      return undefined;
  }
}

/** By type alone: the name itself for strings, so samples stay readable and distinct. */
export function byType(type: string, name: string): JsonValue {
  switch (type) {
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'string':
      return `${name}-sample`;
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return null;
  }
}

/** What StackQL sends for a value: text for scalars, JSON text for objects and arrays. */
export function wireText(value: JsonValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A field's nested sample, from its children where the page gives them. */
function nestedValue(field: IRField, depth: number): JsonValue {
  if (depth > 4 || field.children.length === 0) return byType(field.type, field.name);
  const object: { [key: string]: JsonValue } = {};
  for (const child of uniqueByName(field.children)) {
    // Own property even for `__proto__`, exactly as JSON.parse would make it.
    Object.defineProperty(object, child.name, { value: fieldValue(child, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return field.type === 'array' ? [object] : object;
}

function fieldValue(field: IRField, depth: number): JsonValue {
  // The example hint first, then the default.
  const fromExample = field.example === null ? undefined : coerce(field.example, field.type);
  if (fromExample !== undefined) return fromExample;
  const fromDefault = field.default === null ? undefined : coerce(field.default, field.type);
  if (fromDefault !== undefined) return fromDefault;
  return nestedValue(field, depth);
}

export function fieldSample(field: IRField): Sample {
  const value = fieldValue(field, 0);
  return { value, text: wireText(value) };
}

/** `(default: my-org)` in a description, as the fields tables write hints. */
export function defaultHint(description: string): string | null {
  const match = /\(([^()]*?\b)?default: ([^,()]+)[,)]/.exec(description);
  return match?.[2]?.trim() ?? null;
}

/** A param's or body value's sample: valid values first, then the default, then by type. */
export function valueSample(
  type: string,
  name: string,
  hints: { validValues?: readonly string[] | null; defaultText?: string | null; given?: string | null },
): JsonValue {
  if (hints.given !== undefined && hints.given !== null) return coerce(hints.given, type) ?? hints.given;
  const first = hints.validValues?.[0];
  if (first !== undefined) return first;
  if (hints.defaultText !== undefined && hints.defaultText !== null) {
    const value = coerce(hints.defaultText, type);
    if (value !== undefined) return value;
  }
  const sample = byType(type, name);
  // Params and body values must have a value to render; untyped ones get a string.
  return sample === null ? `${name}-sample` : sample;
}
