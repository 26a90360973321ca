/**
 * The intermediate representation (IR): what the parser makes of a provider's
 * docs, and all that emitters, `diff` and custom templates ever see.
 *
 * It is a public contract (see `ir.schema.json` beside this file). Additive
 * changes bump the minor of {@link IR_VERSION}; anything that can break a
 * reader bumps the major.
 *
 * Every type names the doc fragment it is read from, so that a reader of the
 * IR can find its way back to the page.
 */

export const IR_VERSION = '1.0.0';

/** `stackql-codegen parse <docs> --json` prints exactly this. */
export interface IRDocument {
  irVersion: string;
  provider: IRProvider;
  /** Sorted by `id`. */
  resources: IRResource[];
}

/** Where a thing was read: a path relative to the docs root (POSIX separators) and a 1-based line. */
export interface IRSource {
  path: string;
  line: number;
}

/**
 * The provider, from the provider page (`index.md` at the docs root):
 *
 * ```md
 * ## Authentication
 * - <CopyableCode code="OKTA_API_TOKEN" /> - Okta API Token (see …)
 * ## Server Parameters
 * - <CopyableCode code="subdomain" /> - The Okta tenant domain, …
 * ```
 *
 * Where the docs have no provider page, `name` comes from the resources' ids
 * and the lists are empty.
 */
export interface IRProvider {
  name: string;
  description: string;
  /** Service names, sorted: those of the resources, plus any listed on the provider page. */
  services: string[];
  auth: IRAuth;
  /** Variables every statement needs (okta's `subdomain`); a client can fill them from defaults. */
  serverParams: IRServerParam[];
  source: IRSource | null;
}

export interface IRAuth {
  /** `api_key`, `basic`, … as the page's `--auth` example says; null where it says nothing. */
  type: string | null;
  envVars: IREnvVar[];
}

export interface IREnvVar {
  name: string;
  description: string;
}

export interface IRServerParam {
  name: string;
  description: string;
}

/** One resource page: `services/<service>/<resource>/index.md`. */
export interface IRResource {
  /** `provider.service.resource`, from the Overview's Id row. */
  id: string;
  provider: string;
  service: string;
  name: string;
  /** Overview row `Type`: `Resource` or `View`. */
  kind: 'resource' | 'view';
  /** Overview row `Description`, else the frontmatter's `description`; markdown as written. */
  description: string;
  source: IRSource;
  /** `current` (HTML tables, per-method field tabs) or `legacy` (2023–24 GFM pipe tables). */
  layout: 'current' | 'legacy';
  /**
   * `## Fields`, keyed by SELECT method name (one `<TabItem value="METHOD">`
   * each). A view is keyed by its own name. A legacy page has one table for
   * the whole resource: it is given to each SELECT method. Empty where the
   * page says `SELECT` is not supported.
   */
  fields: Record<string, IRField[]>;
  /** `## Methods`, in page order. */
  methods: IRMethod[];
  /** `## Parameters` (`<tr id="parameter-NAME">` rows), in page order. */
  params: IRParam[];
  /** Every ` ```sql ` fence under the examples sections, in page order. */
  examples: IRExample[];
  /** The YAML manifest of `## \`INSERT\` examples` (`<TabItem value="manifest">`); empty where there is none. */
  manifest: IRManifestProp[];
  /** Only for `kind: 'view'`. */
  view: IRView | null;
}

/**
 * A datatype cell, e.g. `<code>integer (int64)</code>` →
 * `{ datatype: 'integer (int64)', type: 'integer', format: 'int64' }`.
 */
export interface IRTyped {
  /** The text as written; may be empty. */
  datatype: string;
  /** The base type: `string`, `integer`, `number`, `boolean`, `object`, `array`, or another word as written; `''` where none. */
  type: string;
  /** The format in parentheses (`int64`, `date-time`, …), or null. */
  format: string | null;
}

/**
 * A row of a fields table:
 *
 * ```html
 * <tr><td><CopyableCode code="status" /></td><td><code>string</code></td>
 *     <td>The status … (example: ACTIVE, default: ACTIVE)</td></tr>
 * ```
 *
 * or an entry of `<SchemaTable fields={[{"name": …, "type": …, "children": […]}]} />`.
 */
export interface IRField extends IRTyped {
  /** The column name exactly as written (may hold `#`, `@`, `.`, `-`, …). */
  name: string;
  /** Markdown as written, hints included. */
  description: string;
  /** `(example: …)` hint, or null. */
  example: string | null;
  /** `(default: …)` hint, or null. */
  default: string | null;
  /** `(pattern: …)` hint, or null. */
  pattern: string | null;
  /** Nested fields of an object or array field, where the page gives them. */
  children: IRField[];
  source: IRSource;
}

export type IRVerb = 'select' | 'insert' | 'update' | 'replace' | 'delete' | 'exec';

/**
 * A row of `## Methods`: Name / Accessible by / Required Params / Optional Params / Description.
 * Required params of insert/update/replace include body properties as `data__NAME`.
 */
export interface IRMethod {
  name: string;
  verb: IRVerb;
  required: string[];
  optional: string[];
  description: string;
  source: IRSource;
}

/** A row of `## Parameters`: `<tr id="parameter-NAME">` Name / Datatype / Description. */
export interface IRParam extends IRTyped {
  name: string;
  description: string;
  source: IRSource;
}

/**
 * A ` ```sql ` fence in `<TabItem value="METHOD">` under an examples section
 * (`## \`SELECT\` examples`, …, `## Lifecycle Methods` for EXEC).
 */
export interface IRExample {
  verb: IRVerb;
  /** The TabItem's value; null where the example is not in a method's tab (legacy pages). */
  method: string | null;
  /** Exactly as written, defects included. */
  sql: string;
  /** The description line(s) above the fence. */
  description: string;
  /** What the SQL says, read by StackQL's lexer rules; null where it does not parse as StackQL. */
  structure: IRExampleStructure | null;
  source: IRSource;
}

/**
 * The shape of an example statement. Examples are read for structure, never
 * copied into generated code.
 */
export interface IRExampleStructure {
  /** The statement's verb as written (may differ from the section's). */
  statement: IRVerb;
  /** `provider.service.resource` (EXEC: without the method). */
  target: string;
  /** SELECT list, or INSERT column list, in order. */
  columns: string[];
  /** Every value position: WHERE terms, INSERT values, SET items, EXEC `@params`, `@@json` keys. */
  slots: IRExampleSlot[];
  /** RETURNING list; empty where none. */
  returning: string[];
}

/**
 * One value position in an example, e.g. `@owner='{{ owner }}' --required`
 * → `{ clause: 'exec', target: 'owner', placeholder: 'owner', quoting: 'quoted', required: true }`.
 */
export interface IRExampleSlot {
  clause: 'where' | 'values' | 'set' | 'exec' | 'json';
  /** The column, `@param` or JSON key the value goes to. */
  target: string;
  /** The name inside `{{ }}`, or null where the value is a plain literal. */
  placeholder: string | null;
  /** `'{{ x }}'` is `quoted`, `{{ x }}` is `bare`, anything else `literal`. */
  quoting: 'quoted' | 'bare' | 'literal';
  /** The literal's text where `quoting` is `literal`. */
  literal: string | null;
  /** Marked `-- required`, `--required` or `/* required *\/`. */
  required: boolean;
}

/**
 * A prop of the INSERT manifest:
 *
 * ```yaml
 * - name: status
 *   value: string
 *   description: Status of the JSON Web Key
 *   valid_values: ['ACTIVE', 'INACTIVE']
 * ```
 */
export interface IRManifestProp {
  name: string;
  /**
   * What `value:` says of the type: `string`, `boolean`, `number`, … where it
   * is a type word; inferred from a literal or a quoted/bare `{{ x }}`
   * placeholder otherwise (`string` when quoted, null when it cannot tell).
   */
  type: string | null;
  /** The `value:` text as written. */
  value: string;
  description: string;
  validValues: string[] | null;
  default: string | null;
  /** "Required parameter for the … resource", or listed in an INSERT method's required params. */
  required: boolean;
}

/**
 * A view page (Overview Type `View`): `## SQL Definition` with a
 * `<TabItem>` per dialect, optional `## Required Parameters`.
 */
export interface IRView {
  /** One per dialect tab (`Sqlite3`, `Postgres`, …), in page order. */
  definitions: IRViewDefinition[];
  /** From the page's fields table, or the select list's aliases where there is none. */
  columns: string[];
  requiredParams: IRParam[];
}

export interface IRViewDefinition {
  dialect: string;
  sql: string;
}
