/**
 * The view model of one resource module (`src/<service>/<resource>.ts`):
 * binding names, member types, spec literals and metadata, all decided here
 * so `resource.ts.hbs` only prints.
 */
import type { IRServerParam } from '../../ir/types.js';
import { jsString, tsLiteral, type LiteralValue } from '../literal.js';
import { camelCase, docLines, docText, NameScope, pascalCase, typePropertyKey } from '../names.js';
import { exampleDefects, type ExampleDefect } from './defects.js';
import type { ResourcePlacement } from './layout.js';
import { indexResource, methodFacts, type MemberModel, type MethodFacts } from './method.js';
import { JSON_VALUE } from './types.js';

export interface MemberView {
  key: string;
  type: string;
  /** `?` or `''`. */
  optional: string;
  doc: readonly string[];
}

export interface MethodView {
  facts: MethodFacts;
  /** The doc's method name as a string literal. */
  nameLiteral: string;
  verb: string;
  /** `` `list_x` (select) ``, safe for a comment. */
  title: string;
  member: string;
  doc: readonly string[];
  specConst: string;
  sqlFunction: string;
  exampleConst: string;
  paramsType: string;
  dataType: string | null;
  rowType: string;
  columnType: string;
  params: MemberView[];
  data: MemberView[];
  rows: MemberView[];
  /** Whether a call may leave params out entirely (`params: P = {}`). */
  paramsOptional: boolean;
  dataOptional: boolean;
  /** Rows have documented columns; else a row is any JSON record. */
  hasColumns: boolean;
  /**
   * The row type of an earlier method of this resource with the very same
   * columns (okta's `get_x` and `list_x`, GitHub's RETURNING lists), which
   * this method's row type aliases instead of repeating; null where none.
   */
  rowAlias: string | null;
  specLiteral: string;
  exampleLiteral: string;
  hasExample: boolean;
  defects: ExampleDefect[];
}

export interface ResourceView {
  placement: ResourcePlacement;
  id: string;
  idLiteral: string;
  /** The id, safe for a comment. */
  title: string;
  doc: readonly string[];
  factory: string;
  clientType: string;
  infoConst: string;
  infoLiteral: string;
  methods: MethodView[];
}

/** Names the resource module imports from its runtime; no generated binding may take them. */
export const RESOURCE_IMPORTS = [
  'callMethod',
  'renderStatement',
  'ClientContext',
  'JsonValue',
  'MethodSpec',
  'SelectOptions',
  'Selected',
  'CallOptions',
  'RenderCall',
];

function members(models: readonly MemberModel[]): MemberView[] {
  return models.map((model) => ({
    key: typePropertyKey(model.name),
    type: model.type,
    optional: model.optional ? '?' : '',
    doc: docLines(model.description),
  }));
}

/** A safe name without its trailing `_`, which marks a reserved word (`delete_` → `deleteSpec`, not `delete_Spec`). */
function withoutReservedMark(name: string): string {
  return name.endsWith('_') ? name.slice(0, -1) : name;
}

/** A method's row type as an earlier method of the resource declared it. */
interface DeclaredRow {
  facts: MethodFacts;
  rowType: string;
  specConst: string;
  /** Its members' views, which a method with the same row shares rather than rebuilds. */
  rows: MemberView[];
}

/** The same columns in the spec and the same typed, documented members: one row type serves both. */
function sameRow(a: MethodFacts, b: MethodFacts): boolean {
  const ac = a.spec.columns;
  const bc = b.spec.columns;
  if (ac.length !== bc.length || a.rows.length !== b.rows.length) return false;
  for (let i = 0; i < ac.length; i++) {
    const x = ac[i]!;
    const y = bc[i]!;
    if (x.name !== y.name || x.type !== y.type || x.format !== y.format) return false;
  }
  for (let i = 0; i < a.rows.length; i++) {
    const x = a.rows[i]!;
    const y = b.rows[i]!;
    if (x.name !== y.name || x.type !== y.type || x.optional !== y.optional || x.description !== y.description) return false;
  }
  return true;
}

/**
 * The spec as a literal. Written field by field rather than through one
 * `tsLiteral` of the spec, so an aliased row can refer to the earlier
 * spec's columns instead of repeating them.
 */
function specLiteral(spec: MethodFacts['spec'], columnsLiteral: string): string {
  return `{ resource: ${jsString(spec.resource)}, method: ${jsString(spec.method)}, verb: ${jsString(spec.verb)}, params: ${tsLiteral(spec.params as unknown as LiteralValue)}, data: ${tsLiteral(spec.data as unknown as LiteralValue)}, columns: ${columnsLiteral} }`;
}

export function resourceView(placement: ResourcePlacement, serverParams: readonly IRServerParam[]): ResourceView {
  const { resource } = placement;
  const index = indexResource(resource, serverParams);
  const bindings = new NameScope(false, RESOURCE_IMPORTS);
  const memberNames = new NameScope(false);
  const factory = bindings.claim(`create${placement.typeStem}Client`);
  const clientType = bindings.claim(`${placement.typeStem}Client`);
  const infoConst = bindings.claim('resourceInfo');

  // Row types declared so far, by their first column's name, for finding an earlier identical one.
  const declaredRows = new Map<string, DeclaredRow[]>();
  const methods: MethodView[] = index.methods.map((method) => {
    const facts = methodFacts(index, method);
    const camel = camelCase(method.name);
    const pascal = pascalCase(method.name);
    const hasBody = facts.data.length > 0;
    const example = facts.example;
    const stem = withoutReservedMark(pascal);
    const camelStem = withoutReservedMark(camel);
    const rowType = bindings.claim(`${stem}Row`);
    const specConst = bindings.claim(`${camelStem}Spec`);
    let earlier: DeclaredRow | undefined;
    let rows: MemberView[];
    if (facts.rows.length > 0) {
      const firstColumn = facts.rows[0]!.name;
      const candidates = declaredRows.get(firstColumn);
      earlier = candidates?.find((candidate) => sameRow(candidate.facts, facts));
      // The same members make the same views (see `members`).
      rows = earlier ? earlier.rows : members(facts.rows);
      if (!earlier) {
        if (candidates) candidates.push({ facts, rowType, specConst, rows });
        else declaredRows.set(firstColumn, [{ facts, rowType, specConst, rows }]);
      }
    } else {
      rows = [];
    }
    const columnsLiteral = earlier ? `${earlier.specConst}.columns` : tsLiteral(facts.spec.columns as unknown as LiteralValue);
    return {
      facts,
      nameLiteral: jsString(method.name),
      verb: method.verb,
      title: docText(`\`${method.name}\` (${method.verb})`),
      member: memberNames.claim(camel),
      doc: docLines(method.description),
      specConst,
      sqlFunction: bindings.claim(`${camelStem}Sql`),
      exampleConst: bindings.claim(`${camelStem}Example`),
      paramsType: bindings.claim(`${stem}Params`),
      dataType: hasBody ? bindings.claim(`${stem}Data`) : null,
      rowType,
      rowAlias: earlier?.rowType ?? null,
      columnType: bindings.claim(`${stem}Column`),
      params: members(facts.params),
      data: members(facts.data),
      rows,
      paramsOptional: facts.params.every((param) => param.optional),
      dataOptional: facts.data.every((item) => item.optional),
      hasColumns: facts.rows.length > 0,
      specLiteral: specLiteral(facts.spec, columnsLiteral),
      exampleLiteral: example ? jsString(example.sql) : 'null',
      hasExample: example !== null,
      defects: example ? exampleDefects(example, facts.quotingMismatches, facts.omittedByExample) : [],
    };
  });

  const info: LiteralValue = {
    id: resource.id,
    name: resource.name,
    service: resource.service,
    kind: resource.kind,
    description: resource.description,
    methods: index.methods.map((method) => ({
      name: method.name,
      verb: method.verb,
      required: method.required,
      optional: method.optional,
      description: method.description,
    })),
  };

  return {
    placement,
    id: resource.id,
    idLiteral: jsString(resource.id),
    title: docText(resource.id),
    doc: docLines(resource.description),
    factory,
    clientType,
    infoConst,
    infoLiteral: tsLiteral(info),
    methods,
  };
}

/** Row type of a method without documented columns: whatever StackQL returns. */
export const UNTYPED_ROW = `{ readonly [column: string]: ${JSON_VALUE} }`;
