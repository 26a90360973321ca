/**
 * Semantic diff of two IR documents: what changed for a user of the
 * generated client, resource by resource.
 *
 * Whether a change is **breaking** is judged from the client user's side:
 * code that compiled and ran against the old package must still compile and
 * mean the same against the new one.
 *
 * | change                                  | breaking | why |
 * |-----------------------------------------|----------|-----|
 * | resource added                          | no       | a new export; nothing existing moves |
 * | resource removed                        | yes      | calls to it no longer compile |
 * | resource kind changed (resource ↔ view) | yes      | its methods and types change shape |
 * | method added                            | no       | a new member |
 * | method removed                          | yes      | calls no longer compile |
 * | method verb changed                     | yes      | same name, different statement and result (rows vs none) |
 * | method param added, optional            | no       | existing calls simply omit it |
 * | method param added, required            | yes      | existing calls lack it |
 * | method param removed                    | yes      | calls passing it fail the excess-property check |
 * | method param now required               | yes      | calls that omitted it no longer compile |
 * | method param now optional               | no       | every existing call still type-checks |
 * | field added (SELECT row)                | no       | rows gain a property |
 * | field removed                           | yes      | reads of it no longer compile |
 * | field / param / manifest datatype changed | yes    | the TypeScript type of the value changes |
 * | resource param (`## Parameters`) added  | no       | nothing uses it until a method does |
 * | resource param removed                  | yes      | its type and docs disappear |
 * | manifest prop added, optional           | no       | insert data gains an optional key |
 * | manifest prop added, required           | yes      | existing inserts lack it |
 * | manifest prop removed                   | yes      | inserts passing it fail the excess-property check |
 * | manifest prop now required / optional   | yes / no | as for method params |
 * | enum value (`valid_values`) added       | no       | the literal union widens; inputs only |
 * | enum value removed                      | yes      | the literal union narrows: a caller's value may no longer type-check |
 * | description changed (any)               | no       | docs only |
 * | provider server param added             | yes      | every statement needs it; clients without a default for it fail |
 * | provider server param removed           | yes      | clients passing it (or a default for it) no longer compile |
 * | provider auth type changed              | yes      | the credentials clients were set up with no longer work |
 *
 * Examples and their structure are not compared: they are documentation,
 * never copied into the client.
 */
import { compareStrings } from '../diagnostics.js';
import type { IRDocument, IRField, IRManifestProp, IRMethod, IRParam, IRResource } from '../ir/types.js';

export type ChangeKind =
  | 'resource-added'
  | 'resource-removed'
  | 'kind-changed'
  | 'method-added'
  | 'method-removed'
  | 'verb-changed'
  | 'param-added'
  | 'param-removed'
  | 'param-now-required'
  | 'param-now-optional'
  | 'field-added'
  | 'field-removed'
  | 'datatype-changed'
  | 'prop-added'
  | 'prop-removed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'description-changed'
  | 'server-param-added'
  | 'server-param-removed'
  | 'auth-changed';

export interface Change {
  kind: ChangeKind;
  breaking: boolean;
  /** The resource's id (`provider.service.resource`); `''` for a change to the provider itself. */
  resource: string;
  /**
   * Where in the resource, as path segments: `['method', 'list_x', 'param', 'limit']`,
   * `['fields', 'list_x', 'status', 'child']`, `['param', 'keyId']`, `['manifest', 'status']`, `[]` for the resource itself.
   */
  location: string[];
  /** The old and new value where one changed (datatype, verb, …); null otherwise. */
  before: string | null;
  after: string | null;
  /** One line, for humans. */
  message: string;
}

export function diffDocuments(before: IRDocument, after: IRDocument): Change[] {
  const changes: Change[] = [];
  diffProvider(before, after, changes);
  const oldById = new Map(before.resources.map((r) => [r.id, r]));
  const newById = new Map(after.resources.map((r) => [r.id, r]));
  for (const [id, resource] of oldById) {
    const next = newById.get(id);
    if (next === undefined) changes.push(change('resource-removed', true, id, [], null, null, `resource ${id} removed`));
    else diffResource(resource, next, changes);
  }
  for (const id of newById.keys()) {
    if (!oldById.has(id)) changes.push(change('resource-added', false, id, [], null, null, `resource ${id} added`));
  }
  return changes.sort(compareChanges);
}

export function compareChanges(a: Change, b: Change): number {
  return (
    compareStrings(a.resource, b.resource) ||
    compareLocations(a.location, b.location) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.message, b.message)
  );
}

function compareLocations(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareStrings(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function diffProvider(before: IRDocument, after: IRDocument, changes: Change[]): void {
  const name = after.provider.name;
  const oldParams = byName(before.provider.serverParams);
  const newParams = byName(after.provider.serverParams);
  for (const param of oldParams.keys()) {
    if (!newParams.has(param)) changes.push(change('server-param-removed', true, '', ['provider', 'serverParam', param], null, null, `${name}: server param ${param} removed`));
  }
  for (const param of newParams.keys()) {
    if (!oldParams.has(param)) changes.push(change('server-param-added', true, '', ['provider', 'serverParam', param], null, null, `${name}: server param ${param} added`));
  }
  if (before.provider.auth.type !== after.provider.auth.type) {
    changes.push(change('auth-changed', true, '', ['provider', 'auth'], before.provider.auth.type, after.provider.auth.type, `${name}: auth ${quote(before.provider.auth.type)} → ${quote(after.provider.auth.type)}`));
  }
}

function diffResource(before: IRResource, after: IRResource, changes: Change[]): void {
  const id = before.id;
  if (before.kind !== after.kind) {
    changes.push(change('kind-changed', true, id, [], before.kind, after.kind, `${id} changed from ${before.kind} to ${after.kind}`));
  }
  if (before.description !== after.description) {
    changes.push(change('description-changed', false, id, [], before.description, after.description, `${id}: description changed`));
  }
  const oldMethods = byName(before.methods);
  const newMethods = byName(after.methods);
  for (const [name, method] of oldMethods) {
    const next = newMethods.get(name);
    if (next === undefined) changes.push(change('method-removed', true, id, ['method', name], null, null, `${id}: method ${name} removed`));
    else diffMethod(id, method, next, changes);
  }
  for (const name of newMethods.keys()) {
    if (!oldMethods.has(name)) changes.push(change('method-added', false, id, ['method', name], null, null, `${id}: method ${name} added`));
  }

  for (const [key, fields] of Object.entries(before.fields)) {
    const next = Object.hasOwn(after.fields, key) ? after.fields[key] : undefined;
    // A SELECT method that came or went is reported once, as a method.
    if (next === undefined) {
      if (!oldMethods.has(key) || newMethods.has(key)) diffFields(id, ['fields', key], fields, [], changes);
    } else diffFields(id, ['fields', key], fields, next, changes);
  }
  for (const [key, fields] of Object.entries(after.fields)) {
    if (Object.hasOwn(before.fields, key)) continue;
    if (!newMethods.has(key) || oldMethods.has(key)) diffFields(id, ['fields', key], [], fields, changes);
  }

  diffParams(id, before.params, after.params, changes);
  diffManifest(id, before.manifest, after.manifest, changes);
}

function diffMethod(id: string, before: IRMethod, after: IRMethod, changes: Change[]): void {
  const where = ['method', before.name];
  if (before.verb !== after.verb) {
    changes.push(change('verb-changed', true, id, where, before.verb, after.verb, `${id}: method ${before.name} is now ${after.verb} (was ${before.verb})`));
  }
  if (before.description !== after.description) {
    changes.push(change('description-changed', false, id, where, before.description, after.description, `${id}: method ${before.name}: description changed`));
  }
  const oldRequired = new Set(before.required);
  const oldOptional = new Set(before.optional);
  const newRequired = new Set(after.required);
  const newOptional = new Set(after.optional);
  const names = [...new Set([...oldRequired, ...oldOptional, ...newRequired, ...newOptional])].sort(compareStrings);
  for (const name of names) {
    const at = [...where, 'param', name];
    const was = oldRequired.has(name) ? 'required' : oldOptional.has(name) ? 'optional' : null;
    const is = newRequired.has(name) ? 'required' : newOptional.has(name) ? 'optional' : null;
    const label = `${id}: method ${before.name}: param ${name}`;
    if (was === is) continue;
    if (was === null) changes.push(change('param-added', is === 'required', id, at, null, is, `${label} added (${is})`));
    else if (is === null) changes.push(change('param-removed', true, id, at, was, null, `${label} removed`));
    else if (is === 'required') changes.push(change('param-now-required', true, id, at, was, is, `${label} is now required`));
    else changes.push(change('param-now-optional', false, id, at, was, is, `${label} is now optional`));
  }
}

function diffFields(id: string, where: string[], before: IRField[], after: IRField[], changes: Change[]): void {
  const oldFields = byName(before);
  const newFields = byName(after);
  for (const [name, field] of oldFields) {
    const at = [...where, name];
    const label = `${id}: field ${at.slice(1).join('.')}`;
    const next = newFields.get(name);
    if (next === undefined) {
      changes.push(change('field-removed', true, id, at, null, null, `${label} removed`));
      continue;
    }
    if (field.datatype !== next.datatype) {
      changes.push(change('datatype-changed', true, id, at, field.datatype, next.datatype, `${label}: datatype ${quote(field.datatype)} → ${quote(next.datatype)}`));
    }
    if (field.description !== next.description) {
      changes.push(change('description-changed', false, id, at, field.description, next.description, `${label}: description changed`));
    }
    diffFields(id, at, field.children, next.children, changes);
  }
  for (const name of newFields.keys()) {
    if (!oldFields.has(name)) changes.push(change('field-added', false, id, [...where, name], null, null, `${id}: field ${[...where, name].slice(1).join('.')} added`));
  }
}

function diffParams(id: string, before: IRParam[], after: IRParam[], changes: Change[]): void {
  const oldParams = byName(before);
  const newParams = byName(after);
  for (const [name, param] of oldParams) {
    const at = ['param', name];
    const next = newParams.get(name);
    if (next === undefined) {
      changes.push(change('param-removed', true, id, at, null, null, `${id}: param ${name} removed`));
      continue;
    }
    if (param.datatype !== next.datatype) {
      changes.push(change('datatype-changed', true, id, at, param.datatype, next.datatype, `${id}: param ${name}: datatype ${quote(param.datatype)} → ${quote(next.datatype)}`));
    }
    if (param.description !== next.description) {
      changes.push(change('description-changed', false, id, at, param.description, next.description, `${id}: param ${name}: description changed`));
    }
  }
  for (const name of newParams.keys()) {
    if (!oldParams.has(name)) changes.push(change('param-added', false, id, ['param', name], null, null, `${id}: param ${name} added`));
  }
}

function diffManifest(id: string, before: IRManifestProp[], after: IRManifestProp[], changes: Change[]): void {
  const oldProps = byName(before);
  const newProps = byName(after);
  for (const [name, prop] of oldProps) {
    const at = ['manifest', name];
    const label = `${id}: manifest prop ${name}`;
    const next = newProps.get(name);
    if (next === undefined) {
      changes.push(change('prop-removed', true, id, at, null, null, `${label} removed`));
      continue;
    }
    if (prop.type !== next.type) {
      changes.push(change('datatype-changed', true, id, at, prop.type, next.type, `${label}: type ${quote(prop.type)} → ${quote(next.type)}`));
    }
    if (prop.required !== next.required) {
      if (next.required) changes.push(change('param-now-required', true, id, at, 'optional', 'required', `${label} is now required`));
      else changes.push(change('param-now-optional', false, id, at, 'required', 'optional', `${label} is now optional`));
    }
    if (prop.description !== next.description) {
      changes.push(change('description-changed', false, id, at, prop.description, next.description, `${label}: description changed`));
    }
    // A prop with no valid_values accepts any value; gaining or losing the list is judged value by value against "anything".
    if (prop.validValues !== null && next.validValues !== null) {
      const oldValues = new Set(prop.validValues);
      const newValues = new Set(next.validValues);
      for (const value of [...oldValues].sort(compareStrings)) {
        if (!newValues.has(value)) changes.push(change('enum-value-removed', true, id, [...at, value], value, null, `${label}: valid value ${quote(value)} removed`));
      }
      for (const value of [...newValues].sort(compareStrings)) {
        if (!oldValues.has(value)) changes.push(change('enum-value-added', false, id, [...at, value], null, value, `${label}: valid value ${quote(value)} added`));
      }
    } else if (prop.validValues === null && next.validValues !== null) {
      changes.push(change('enum-value-removed', true, id, at, null, next.validValues.join(', '), `${label}: now restricted to ${next.validValues.map(quote).join(', ')}`));
    } else if (prop.validValues !== null && next.validValues === null) {
      changes.push(change('enum-value-added', false, id, at, prop.validValues.join(', '), null, `${label}: no longer restricted to ${prop.validValues.map(quote).join(', ')}`));
    }
  }
  for (const [name, prop] of newProps) {
    if (!oldProps.has(name)) {
      changes.push(change('prop-added', prop.required, id, ['manifest', name], null, null, `${id}: manifest prop ${name} added${prop.required ? ' (required)' : ''}`));
    }
  }
}

/** First of each name wins: duplicate names are a docs defect the parser reports, not a change. */
function byName<T extends { name: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
  return map;
}

function quote(value: string | null): string {
  return value === null ? 'none' : JSON.stringify(value);
}

function change(kind: ChangeKind, breaking: boolean, resource: string, location: string[], before: string | null, after: string | null, message: string): Change {
  return { kind, breaking, resource, location, before, after, message };
}
