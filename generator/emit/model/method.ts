/**
 * What one documented method becomes: its `MethodSpec` (the data the
 * runtime renders and decodes from) and the typed members of its params,
 * body and rows. Every decision about a method is made here; templates only
 * print the result.
 */
import type {
  IRExample,
  IRExampleSlot,
  IRField,
  IRManifestProp,
  IRMethod,
  IRParam,
  IRResource,
  IRServerParam,
  IRVerb,
} from '../../ir/types.js';
import type { ColumnSpec, DataSpec, MethodSpec, ParamSpec } from '../../../templates/runtime/spec.js';
import { fieldType, scalarType, unionOf, uniqueByName } from './types.js';

/** A member of a generated params, data or row type. */
export interface MemberModel {
  /** The name exactly as the docs write it (the object key). */
  name: string;
  type: string;
  optional: boolean;
  /** Doc text for the member's TSDoc; may be empty. */
  description: string;
}

/** A method as the emitter sees it, before any naming for generated code. */
export interface MethodFacts {
  method: IRMethod;
  spec: MethodSpec;
  params: MemberModel[];
  data: MemberModel[];
  /** SELECT fields, or the RETURNING columns the example lists. */
  rows: MemberModel[];
  /** The example of this method, where the page has one. */
  example: IRExample | null;
}

const DATA_PREFIX = 'data__';
const BODY_VERBS: ReadonlySet<IRVerb> = new Set(['insert', 'update', 'replace']);

/** A view page has no methods table: it is queried like a SELECT method named after the view. */
export function methodsOf(resource: IRResource): IRMethod[] {
  if (resource.methods.length > 0 || resource.kind !== 'view') return resource.methods;
  return [
    {
      name: resource.name,
      verb: 'select',
      required: resource.view?.requiredParams.map((param) => param.name) ?? [],
      optional: [],
      description: resource.description,
      source: resource.source,
    },
  ];
}

/**
 * The example of a method: the one in its `<TabItem value="METHOD">`; on
 * legacy pages (no method tabs) the only example of the same verb.
 */
export function exampleOf(resource: IRResource, method: IRMethod): IRExample | null {
  const own = resource.examples.find((example) => example.method === method.name);
  if (own) return own;
  const untabbed = resource.examples.filter((example) => example.method === null && example.verb === method.verb);
  const sameVerb = methodsOf(resource).filter((candidate) => candidate.verb === method.verb);
  return untabbed.length === 1 && sameVerb.length === 1 ? (untabbed[0] ?? null) : null;
}

/** The spec's `type` for a value whose doc type is unknown: how the example writes it. */
function typeFromQuoting(slot: IRExampleSlot | undefined, fallback: string): string {
  if (!slot) return fallback;
  return slot.quoting === 'bare' ? 'number' : slot.quoting === 'quoted' ? 'string' : fallback;
}

const SCALARS_QUOTED = new Set(['string', 'object', 'array']);
const SCALARS_BARE = new Set(['integer', 'number', 'boolean']);

/**
 * A body value's type: the manifest's type word, else the same-named
 * field's type where it agrees with how the example quotes the value, else
 * the quoting (`{{ x }}` bare → number, `'{{ x }}'` → string).
 */
function dataType(
  name: string,
  manifest: IRManifestProp | undefined,
  field: IRField | undefined,
  slot: IRExampleSlot | undefined,
): { type: string; format: string | null } {
  const manifestType = manifest?.type ?? null;
  if (manifestType !== null && (SCALARS_QUOTED.has(manifestType) || SCALARS_BARE.has(manifestType))) {
    return { type: manifestType, format: null };
  }
  if (field && field.type !== '') {
    const agrees =
      !slot ||
      slot.quoting === 'literal' ||
      (slot.quoting === 'quoted' && SCALARS_QUOTED.has(field.type)) ||
      (slot.quoting === 'bare' && SCALARS_BARE.has(field.type));
    if (agrees) return { type: field.type, format: field.format };
  }
  void name;
  return { type: typeFromQuoting(slot, ''), format: null };
}

/** TS type of a body value: valid values as a union, a bare placeholder of unknown type as number or boolean. */
function dataTsType(spec: DataSpec, slot: IRExampleSlot | undefined, manifest: IRManifestProp | undefined): string {
  if (spec.validValues && spec.validValues.length > 0) return unionOf(spec.validValues);
  const known = manifest?.type != null && (SCALARS_QUOTED.has(manifest.type) || SCALARS_BARE.has(manifest.type));
  if (!known && slot?.quoting === 'bare' && spec.type === 'number') return 'number | boolean';
  return scalarType(spec.type);
}

function paramType(
  param: IRParam | undefined,
  slot: IRExampleSlot | undefined,
): { type: string; format: string | null } {
  if (param && param.type !== '') return { type: param.type, format: param.format };
  return { type: typeFromQuoting(slot, 'string'), format: null };
}

/** A SELECT method's fields; a view's are keyed by the view's own name. */
function selectFields(resource: IRResource, method: IRMethod): IRField[] {
  return resource.fields[method.name] ?? [];
}

/** Every field of the page by name, for typing RETURNING columns and body values. */
function fieldsByName(resource: IRResource): Map<string, IRField> {
  const byName = new Map<string, IRField>();
  for (const key of Object.keys(resource.fields).sort()) {
    for (const field of resource.fields[key] ?? []) if (!byName.has(field.name)) byName.set(field.name, field);
  }
  return byName;
}

export function methodFacts(
  resource: IRResource,
  method: IRMethod,
  serverParams: readonly IRServerParam[],
): MethodFacts {
  const example = exampleOf(resource, method);
  const structure = example?.structure ?? null;
  const slots = structure?.slots ?? [];
  const serverNames = new Set(serverParams.map((param) => param.name));
  const paramDocs = new Map(resource.params.map((param) => [param.name, param]));
  for (const param of resource.view?.requiredParams ?? []) if (!paramDocs.has(param.name)) paramDocs.set(param.name, param);
  const manifestByName = new Map(resource.manifest.map((prop) => [prop.name, prop]));
  const fields = fieldsByName(resource);

  const tableRequired = method.required.filter((name) => !name.startsWith(DATA_PREFIX));
  const tableOptional = method.optional.filter((name) => !name.startsWith(DATA_PREFIX));
  const requiredBody = new Set(
    [...method.required].filter((name) => name.startsWith(DATA_PREFIX)).map((name) => name.slice(DATA_PREFIX.length)),
  );
  const tableParams = new Set([...tableRequired, ...tableOptional]);

  /** An INSERT column is a param where the page knows it as one; else it is body. */
  const isParamName = (name: string): boolean =>
    tableParams.has(name) || paramDocs.has(name) || serverNames.has(name) || manifestByName.get(name)?.description.startsWith('Required parameter') === true;

  const paramSlots: IRExampleSlot[] = [];
  const dataSlots: IRExampleSlot[] = [];
  for (const slot of slots) {
    if (slot.clause === 'where' || slot.clause === 'exec') paramSlots.push(slot);
    else if (slot.clause === 'json' || slot.clause === 'set') dataSlots.push(slot);
    else if (slot.clause === 'values') (isParamName(slot.target) && !slot.target.startsWith(DATA_PREFIX) ? paramSlots : dataSlots).push(slot);
  }

  // Params in the example's order (so the rendered statement reads like the docs), then the table's.
  const paramOrder: string[] = [];
  const slotOf = new Map<string, IRExampleSlot>();
  for (const slot of paramSlots) {
    if (!slotOf.has(slot.target)) {
      slotOf.set(slot.target, slot);
      paramOrder.push(slot.target);
    }
  }
  for (const name of [...tableRequired, ...tableOptional]) if (!paramOrder.includes(name)) paramOrder.push(name);

  const params: ParamSpec[] = paramOrder.map((name) => {
    const slot = slotOf.get(name);
    const required = tableRequired.includes(name) || (!tableOptional.includes(name) && slot?.required === true);
    return { name, ...paramType(paramDocs.get(name), slot), required, server: serverNames.has(name) };
  });

  const data: DataSpec[] = [];
  const dataSlotOf = new Map<string, IRExampleSlot>();
  const manifestOf = new Map<string, IRManifestProp>();
  if (BODY_VERBS.has(method.verb) || method.verb === 'exec') {
    const prefixed = dataSlots.some((slot) => slot.target.startsWith(DATA_PREFIX));
    const addData = (name: string, target: string, slot: IRExampleSlot | undefined): void => {
      if (data.some((existing) => existing.name === name)) return;
      const manifest = method.verb === 'insert' ? manifestByName.get(name) : undefined;
      const required = requiredBody.has(name) || slot?.required === true || (manifest?.required === true && !isParamName(name));
      const validValues = manifest?.validValues && manifest.validValues.length > 0 ? manifest.validValues : null;
      data.push({ name, target, required, validValues, ...dataType(name, manifest, fields.get(name), slot) });
      if (slot) dataSlotOf.set(name, slot);
      if (manifest) manifestOf.set(name, manifest);
    };
    for (const slot of dataSlots) {
      const name = slot.target.startsWith(DATA_PREFIX) ? slot.target.slice(DATA_PREFIX.length) : slot.target;
      addData(name, slot.target, slot);
    }
    if (method.verb === 'insert') {
      for (const prop of resource.manifest) {
        if (!isParamName(prop.name)) addData(prop.name, prefixed || slots.length === 0 ? `${DATA_PREFIX}${prop.name}` : prop.name, undefined);
      }
    }
    if (BODY_VERBS.has(method.verb)) {
      for (const name of requiredBody) addData(name, method.verb === 'insert' ? `${DATA_PREFIX}${name}` : name, undefined);
    }
  }

  const columnFields: IRField[] =
    method.verb === 'select'
      ? uniqueByName(selectFields(resource, method))
      : uniqueByName((structure?.returning ?? []).map((name) => fields.get(name) ?? placeholderField(name, resource)));
  const columns: ColumnSpec[] = columnFields.map((field) => ({ name: field.name, type: field.type, format: field.format }));

  const spec: MethodSpec = { resource: resource.id, method: method.name, verb: method.verb, params, data, columns };

  const paramMembers: MemberModel[] = params.map((param) => ({
    name: param.name,
    type: scalarType(param.type),
    // Server params may come from the client's defaults; the runtime refuses a call where neither gives one.
    optional: !param.required || param.server,
    description: paramDocs.get(param.name)?.description ?? serverParams.find((s) => s.name === param.name)?.description ?? '',
  }));
  const dataMembers: MemberModel[] = data.map((item) => ({
    name: item.name,
    type: dataTsType(item, dataSlotOf.get(item.name), manifestOf.get(item.name)),
    optional: !item.required,
    description: manifestOf.get(item.name)?.description ?? fields.get(item.name)?.description ?? '',
  }));
  const rowMembers: MemberModel[] = columnFields.map((field) => ({
    name: field.name,
    type: `${fieldType(field)} | null`,
    optional: false,
    description: field.description,
  }));

  return { method, spec, params: paramMembers, data: dataMembers, rows: rowMembers, example };
}

/** A RETURNING column no fields table describes: untyped. */
function placeholderField(name: string, resource: IRResource): IRField {
  return {
    name,
    datatype: '',
    type: '',
    format: null,
    description: '',
    example: null,
    default: null,
    pattern: null,
    children: [],
    source: resource.source,
  };
}
