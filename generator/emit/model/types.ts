/**
 * TypeScript type expressions for documented datatypes. One place decides
 * how a doc type reads in generated code, so rows, params, data and
 * fixtures always agree.
 */
import type { IRField } from '../../ir/types.js';
import { typePropertyKey } from '../names.js';

/** The JSON value type the generated code imports from its runtime. */
export const JSON_VALUE = 'JsonValue';
export const JSON_OBJECT = `{ readonly [key: string]: ${JSON_VALUE} }`;
export const JSON_ARRAY = `readonly ${JSON_VALUE}[]`;

/**
 * `integer`/`number` → `number`, `boolean`, `string`, `object` → a JSON
 * object, `array` → a JSON array, anything else (empty, `any`, odd words) →
 * any JSON value. Never `any`.
 */
export function scalarType(type: string): string {
  switch (type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'object':
      return JSON_OBJECT;
    case 'array':
      return JSON_ARRAY;
    default:
      return JSON_VALUE;
  }
}

/**
 * A field's type, nested where the page gives `children` (SchemaTable):
 * an object becomes an object type of its children, an array an array of
 * that. Nested members are optional and nullable, as APIs omit them freely.
 */
export function fieldType(field: Pick<IRField, 'type' | 'children'>): string {
  if (field.children.length === 0) return scalarType(field.type);
  const members = uniqueByName(field.children)
    .map((child) => `readonly ${typePropertyKey(child.name)}?: ${fieldType(child)} | null`)
    .join('; ');
  const objectType = `{ ${members} }`;
  return field.type === 'array' ? `ReadonlyArray<${objectType}>` : objectType;
}

const nullableScalars = new Map<string, string>();

/** {@link fieldType} or null, as row columns are typed; one string per scalar type rather than one per column. */
export function nullableFieldType(field: Pick<IRField, 'type' | 'children'>): string {
  if (field.children.length > 0) return `${fieldType(field)} | null`;
  let type = nullableScalars.get(field.type);
  if (type === undefined) {
    type = `${scalarType(field.type)} | null`;
    nullableScalars.set(field.type, type);
  }
  return type;
}

/** `status` with `validValues: ['ACTIVE', 'INACTIVE']` → `"ACTIVE" | "INACTIVE"`. */
export function unionOf(values: readonly string[]): string {
  return [...new Set(values)].map((value) => JSON.stringify(value)).join(' | ');
}

/** First occurrence wins: a table that repeats a name must not yield a duplicate member. */
export function uniqueByName<T extends { name: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.name) ? false : (seen.add(item.name), true)));
}
