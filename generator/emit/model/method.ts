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
import { nullableFieldType, scalarType, unionOf } from './types.js';

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
  /** The fields behind `rows` (named ones only), for fixtures. */
  rowFields: IRField[];
  /** The example of this method, where the page has one. */
  example: IRExample | null;
  /** Body properties and params the methods table lists and the example leaves out. */
  omittedByExample: string[];
  /** Example values quoted against their documented type (`limit = '{{ limit }}'` for an integer). */
  quotingMismatches: QuotingMismatch[];
}

/** A placeholder the example quotes one way while the spec's documented type renders it the other. */
export interface QuotingMismatch {
  placeholder: string;
  /** How the example writes it. */
  written: 'quoted' | 'bare';
  /** The spec's type for the value. */
  type: string;
  /** The quote the clause uses: `'` in SQL, `"` inside `@@json`. */
  quote: "'" | '"';
  /** Where the hole is, so a repair touches this one and not the same placeholder elsewhere. */
  clause: IRExampleSlot['clause'];
  target: string;
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
export function exampleOf(resource: IRResource, method: IRMethod, methods: readonly IRMethod[] = methodsOf(resource)): IRExample | null {
  const own = resource.examples.find((example) => example.method === method.name);
  if (own) return own;
  const untabbed = resource.examples.filter((example) => example.method === null && example.verb === method.verb);
  if (untabbed.length !== 1) return null;
  let sameVerb = 0;
  for (const candidate of methods) if (candidate.verb === method.verb) sameVerb++;
  return sameVerb === 1 ? (untabbed[0] ?? null) : null;
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
 * field's type, else how the example writes it (`{{ x }}` bare → number,
 * quoted → string). Where the example's quoting disagrees with the
 * documented type, the type wins and the example is reported (see
 * `quotingMismatches`).
 */
function dataType(
  manifest: IRManifestProp | undefined,
  field: IRField | undefined,
  slot: IRExampleSlot | undefined,
): { type: string; format: string | null } {
  const manifestType = manifest?.type ?? null;
  if (manifestType !== null && (SCALARS_QUOTED.has(manifestType) || SCALARS_BARE.has(manifestType))) {
    return { type: manifestType, format: null };
  }
  if (field && field.type !== '') return { type: field.type, format: field.format };
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

/**
 * What every method of one resource looks up by name. The page's params,
 * manifest and fields are the same for all its methods, so they are indexed
 * once per resource rather than once per method (okta's `users` page has 25).
 */
export interface ResourceIndex {
  resource: IRResource;
  /** {@link methodsOf} the resource. */
  methods: IRMethod[];
  serverParams: readonly IRServerParam[];
  serverNames: ReadonlySet<string>;
  /** `## Parameters` entries, then a view's required params, first of a name wins. */
  paramDocs: ReadonlyMap<string, IRParam>;
  /** Body entries win over "Required parameter" entries of the same name: they carry the body's type and valid values. */
  manifestByName: ReadonlyMap<string, IRManifestProp>;
  /** Names the manifest describes as a "Required parameter for …". */
  manifestParamNames: ReadonlySet<string>;
  /** Names the manifest describes as a body property; one name may be in both sets. */
  manifestBodyNames: ReadonlySet<string>;
  fields: ReadonlyMap<string, IRField>;
}

export function indexResource(resource: IRResource, serverParams: readonly IRServerParam[]): ResourceIndex {
  const paramDocs = new Map<string, IRParam>();
  for (const param of resource.params) paramDocs.set(param.name, param);
  for (const param of resource.view?.requiredParams ?? []) if (!paramDocs.has(param.name)) paramDocs.set(param.name, param);
  const manifestByName = new Map<string, IRManifestProp>();
  const manifestParamNames = new Set<string>();
  const manifestBodyNames = new Set<string>();
  for (const prop of resource.manifest) {
    const isParam = prop.description.startsWith('Required parameter');
    (isParam ? manifestParamNames : manifestBodyNames).add(prop.name);
    if (!manifestByName.has(prop.name) || !isParam) manifestByName.set(prop.name, prop);
  }
  return {
    resource,
    methods: methodsOf(resource),
    serverParams,
    serverNames: new Set(serverParams.map((param) => param.name)),
    paramDocs,
    manifestByName,
    manifestParamNames,
    manifestBodyNames,
    fields: fieldsByName(resource),
  };
}

export function methodFacts(index: ResourceIndex, method: IRMethod): MethodFacts {
  const { resource, serverParams, serverNames, paramDocs, manifestByName, manifestParamNames, manifestBodyNames, fields } = index;
  const example = exampleOf(resource, method, index.methods);
  const structure = example?.structure ?? null;
  const slots = structure?.slots ?? [];

  const tableRequired = method.required.filter((name) => !name.startsWith(DATA_PREFIX));
  const tableOptional = method.optional.filter((name) => !name.startsWith(DATA_PREFIX));
  const requiredBody = new Set(
    [...method.required].filter((name) => name.startsWith(DATA_PREFIX)).map((name) => name.slice(DATA_PREFIX.length)),
  );
  const tableParams = new Set([...tableRequired, ...tableOptional]);

  /** A name the page documents as a param rather than a body property. */
  const isParamName = (name: string): boolean => paramDocs.has(name) || serverNames.has(name) || manifestParamNames.has(name);
  // okta writes every INSERT body column as `data__NAME`, so there an unprefixed column is a param
  // even where `## Parameters` misses it; GitHub writes body columns bare.
  const prefixedBody = slots.some((slot) => slot.clause === 'values' && slot.target.startsWith(DATA_PREFIX));
  // The manifest says of each prop whether it is a "Required parameter for …" or a body property;
  // one page's manifest may say both of one name (GitHub's `cluster`: a path param of one method,
  // a body property of another), and the method's own table then decides.
  const manifestSays = (name: string, param: boolean): boolean => (param ? manifestParamNames : manifestBodyNames).has(name);
  const isValuesParam = (target: string): boolean => {
    if (target.startsWith(DATA_PREFIX)) return false;
    if (prefixedBody || serverNames.has(target)) return true;
    // An optional param of the method that `## Parameters` documents is a query param, whatever the manifest says.
    if (tableOptional.includes(target) && paramDocs.has(target)) return true;
    const body = manifestSays(target, false);
    if (manifestSays(target, true)) return !body || tableParams.has(target);
    return (paramDocs.has(target) || tableParams.has(target)) && !body;
  };

  const paramSlots: IRExampleSlot[] = [];
  const dataSlots: IRExampleSlot[] = [];
  for (const slot of slots) {
    if (slot.clause === 'where' || slot.clause === 'exec') paramSlots.push(slot);
    else if (slot.clause === 'json' || slot.clause === 'set') dataSlots.push(slot);
    else if (slot.clause === 'values') (isValuesParam(slot.target) ? paramSlots : dataSlots).push(slot);
  }

  // The methods table lists body properties among required params too (GitHub's `name` of an
  // INSERT, okta's EXEC `file`): where the example has them as body, they are body.
  const bodyNames = new Set(dataSlots.map((slot) => (slot.target.startsWith(DATA_PREFIX) ? slot.target.slice(DATA_PREFIX.length) : slot.target)));
  for (const name of tableRequired) if (bodyNames.has(name) && !paramSlots.some((slot) => slot.target === name)) requiredBody.add(name);
  // A GitHub-style INSERT (bare body columns) whose table requires a name that is neither a
  // documented param nor in the example (`secret_scanning_alerts`): a body property the
  // example leaves out. It is kept, and the example reported.
  const omittedByExample: string[] = [];
  if (method.verb === 'insert' && structure !== null && !prefixedBody) {
    for (const name of tableRequired) {
      if (!bodyNames.has(name) && !isParamName(name) && !slots.some((slot) => slot.target === name)) {
        omittedByExample.push(name);
        bodyNames.add(name);
        requiredBody.add(name);
      }
    }
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
  const paramsNotInExample: string[] = [];
  for (const name of [...tableRequired, ...tableOptional]) {
    if (paramOrder.includes(name) || bodyNames.has(name)) continue;
    paramOrder.push(name);
    if (structure !== null && !serverNames.has(name)) paramsNotInExample.push(name);
  }

  const params: ParamSpec[] = paramOrder.filter((name) => name !== '').map((name) => {
    const slot = slotOf.get(name);
    const required = tableRequired.includes(name) || (!tableOptional.includes(name) && slot?.required === true);
    return { name, ...paramType(paramDocs.get(name), slot), required, server: serverNames.has(name) };
  });

  const data: DataSpec[] = [];
  const dataNames = new Set<string>();
  const dataSlotOf = new Map<string, IRExampleSlot>();
  const manifestOf = new Map<string, IRManifestProp>();
  if (BODY_VERBS.has(method.verb) || method.verb === 'exec') {
    const addData = (name: string, target: string, slot: IRExampleSlot | undefined): void => {
      if (name === '' || target === '' || dataNames.has(name)) return;
      dataNames.add(name);
      const manifest = method.verb === 'insert' ? manifestByName.get(name) : undefined;
      const required = requiredBody.has(name) || slot?.required === true || (manifest?.required === true && !isParamName(name));
      const validValues = manifest?.validValues && manifest.validValues.length > 0 ? manifest.validValues : null;
      data.push({ name, target, required, validValues, ...dataType(manifest, fields.get(name), slot) });
      if (slot) dataSlotOf.set(name, slot);
      if (manifest) manifestOf.set(name, manifest);
    };
    for (const slot of dataSlots) {
      const name = slot.target.startsWith(DATA_PREFIX) ? slot.target.slice(DATA_PREFIX.length) : slot.target;
      addData(name, slot.target, slot);
    }
    for (const name of omittedByExample) addData(name, name, undefined);
    // Without a readable example, the body comes from the manifest and the table's `data__` params.
    // With one, the example is the better source: the table also lists read-only and nested
    // properties (okta's `data__id`, `data___links`) that the API does not take.
    if (structure === null && BODY_VERBS.has(method.verb)) {
      const target = (name: string): string => (method.verb === 'insert' ? `${DATA_PREFIX}${name}` : name);
      if (method.verb === 'insert') for (const prop of resource.manifest) if (!isParamName(prop.name)) addData(prop.name, target(prop.name), undefined);
      for (const name of requiredBody) addData(name, target(name), undefined);
    }
  }

  const columnSource: readonly IRField[] =
    method.verb === 'select'
      ? selectFields(resource, method)
      : (structure?.returning ?? []).map((name) => fields.get(name) ?? placeholderField(name, resource));
  // One pass (a SELECT has dozens of columns): the first field of a name wins, and a column
  // without a name is dropped, as it cannot be written in a statement and would break every call.
  const namedColumnFields: IRField[] = [];
  const columns: ColumnSpec[] = [];
  const rowMembers: MemberModel[] = [];
  const columnNames = new Set<string>();
  for (const field of columnSource) {
    if (columnNames.has(field.name)) continue;
    columnNames.add(field.name);
    if (field.name === '') continue;
    namedColumnFields.push(field);
    columns.push({ name: field.name, type: field.type, format: field.format });
    rowMembers.push({ name: field.name, type: nullableFieldType(field), optional: false, description: field.description });
  }

  const spec: MethodSpec = { resource: resource.id, method: method.name, verb: method.verb, params, data, columns };

  // How the runtime's `renderExampleShape` writes each hole (its documented conventions, measured
  // over the okta and github docs); an example that writes one otherwise is reported.
  const quotingMismatches: QuotingMismatch[] = [];
  const checkQuoting = (slot: IRExampleSlot | undefined, rendersBare: boolean, type: string): void => {
    if (!slot || slot.placeholder === null || slot.quoting === 'literal') return;
    const quote = slot.clause === 'json' ? '"' : "'";
    const at = { placeholder: slot.placeholder, type, quote, clause: slot.clause, target: slot.target } as const;
    if (slot.quoting === 'quoted' && rendersBare) quotingMismatches.push({ ...at, written: 'quoted' });
    if (slot.quoting === 'bare' && !rendersBare) quotingMismatches.push({ ...at, written: 'bare' });
  };
  const barePrimitive = (type: string): boolean => SCALARS_BARE.has(type);
  for (const param of params) {
    const body = param.name.startsWith(DATA_PREFIX) ? data.find((item) => item.target === param.name) : undefined;
    const bareParam = param.type === 'boolean' && (method.verb === 'update' || method.verb === 'replace' || method.verb === 'exec');
    checkQuoting(slotOf.get(param.name), body ? barePrimitive(body.type) : bareParam, param.type);
  }
  for (const item of data) {
    const slot = dataSlotOf.get(item.name);
    const bare = slot?.clause === 'json' ? barePrimitive(item.type) || item.type === 'object' || item.type === 'array' : barePrimitive(item.type);
    checkQuoting(slot, bare, item.type);
  }

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

  return { method, spec, params: paramMembers, data: dataMembers, rows: rowMembers, rowFields: namedColumnFields, example, quotingMismatches, omittedByExample: [...omittedByExample, ...paramsNotInExample] };
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
