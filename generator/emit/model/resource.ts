/**
 * The view model of one resource module (`src/<service>/<resource>.ts`):
 * binding names, member types, spec literals and metadata, all decided here
 * so `resource.ts.hbs` only prints.
 */
import type { IRServerParam } from '../../ir/types.js';
import { jsString, tsLiteral, type LiteralValue } from '../literal.js';
import { camelCase, docLines, NameScope, pascalCase, typePropertyKey } from '../names.js';
import { exampleDefects, type ExampleDefect } from './defects.js';
import type { ResourcePlacement } from './layout.js';
import { methodFacts, methodsOf, type MemberModel, type MethodFacts } from './method.js';
import { JSON_VALUE } from './types.js';

export interface MemberView {
  key: string;
  type: string;
  /** `?` or `''`. */
  optional: string;
  doc: string[];
}

export interface MethodView {
  facts: MethodFacts;
  /** The doc's method name as a string literal. */
  nameLiteral: string;
  verb: string;
  /** `` `list_x` (select) ``, safe for a comment. */
  title: string;
  member: string;
  doc: string[];
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
  doc: string[];
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

export function resourceView(placement: ResourcePlacement, serverParams: readonly IRServerParam[]): ResourceView {
  const { resource } = placement;
  const bindings = new NameScope(false, RESOURCE_IMPORTS);
  const memberNames = new NameScope(false);
  const factory = bindings.claim(`create${placement.typeStem}Client`);
  const clientType = bindings.claim(`${placement.typeStem}Client`);
  const infoConst = bindings.claim('resourceInfo');

  const rowTypesByColumns = new Map<string, { rowType: string; specConst: string }>();
  const methods: MethodView[] = methodsOf(resource).map((method) => {
    const facts = methodFacts(resource, method, serverParams);
    const camel = camelCase(method.name);
    const pascal = pascalCase(method.name);
    const hasBody = facts.data.length > 0;
    const example = facts.example;
    const rowType = bindings.claim(`${pascal.replace(/_$/, '')}Row`);
    const specConst = bindings.claim(`${camel.replace(/_$/, '')}Spec`);
    const rowKey = JSON.stringify([facts.spec.columns, facts.rows]);
    const earlier = facts.rows.length > 0 ? rowTypesByColumns.get(rowKey) : undefined;
    if (!earlier) rowTypesByColumns.set(rowKey, { rowType, specConst });
    const { columns, ...specRest } = facts.spec;
    const specHead = tsLiteral(specRest as unknown as LiteralValue);
    const columnsLiteral = earlier ? `${earlier.specConst}.columns` : tsLiteral(columns as unknown as LiteralValue);
    return {
      facts,
      nameLiteral: jsString(method.name),
      verb: method.verb,
      title: docLines(`\`${method.name}\` (${method.verb})`).join(' '),
      member: memberNames.claim(camel),
      doc: docLines(method.description),
      specConst,
      sqlFunction: bindings.claim(`${camel.replace(/_$/, '')}Sql`),
      exampleConst: bindings.claim(`${camel.replace(/_$/, '')}Example`),
      paramsType: bindings.claim(`${pascal.replace(/_$/, '')}Params`),
      dataType: hasBody ? bindings.claim(`${pascal.replace(/_$/, '')}Data`) : null,
      rowType,
      rowAlias: earlier?.rowType ?? null,
      columnType: bindings.claim(`${pascal.replace(/_$/, '')}Column`),
      params: members(facts.params),
      data: members(facts.data),
      rows: members(facts.rows),
      paramsOptional: facts.params.every((param) => param.optional),
      dataOptional: facts.data.every((item) => item.optional),
      hasColumns: facts.rows.length > 0,
      specLiteral: `${specHead.slice(0, -2)}, columns: ${columnsLiteral} }`,
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
    methods: methodsOf(resource).map((method) => ({
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
    title: docLines(resource.id).join(' '),
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
