/**
 * Lint rules over one resource of the IR. Pure: the same resource always
 * gives the same diagnostics, so they can run wherever the IR is built.
 *
 * | code | severity | finding |
 * | --- | --- | --- |
 * | `example/…` (see `EXAMPLE_FINDING_CODES`) | warning | the example's SQL as StackQL reads it |
 * | `example/unknown-method` | warning | an example tab names a method the resource does not have |
 * | `example/exec-method-mismatch` | warning | an EXEC example calls another method than its tab's |
 * | `example/method-verb-mismatch` | warning | an example's section verb is not its method's verb |
 * | `example/unknown-placeholder` | warning | a `{{ x }}` that is none of the method's params, body properties (`data__x`) or server params |
 * | `example/quoted-json-structure` | warning | an object/array field written as a `"{{ x }}"` string inside `@@json` |
 * | `methods/missing-example` | info | a method without an example (once per page where the page has none) |
 */
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { IRExample, IRMethod, IRResource, IRServerParam } from '../ir/types.js';
import { analyzeExample } from '../sql/example.js';

export const LINT_CODES = {
  unknownMethod: 'example/unknown-method',
  execMethodMismatch: 'example/exec-method-mismatch',
  methodVerbMismatch: 'example/method-verb-mismatch',
  unknownPlaceholder: 'example/unknown-placeholder',
  quotedJsonStructure: 'example/quoted-json-structure',
  missingExample: 'methods/missing-example',
} as const;

interface RuleContext {
  resource: IRResource;
  serverParams: ReadonlySet<string>;
  methodsByName: ReadonlyMap<string, IRMethod>;
  report(diagnostic: Omit<Diagnostic, 'path'> & { path?: string }): void;
}

type Rule = (ctx: RuleContext) => void;

/** Every lint diagnostic of `resource`, sorted. `serverParams` are the provider's (okta's `subdomain`). */
export function lintResource(resource: IRResource, serverParams: readonly IRServerParam[] = []): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const ctx: RuleContext = {
    resource,
    serverParams: new Set(serverParams.map((param) => param.name)),
    methodsByName: new Map(resource.methods.map((method) => [method.name, method])),
    report: (diagnostic) => diagnostics.push({ path: resource.source.path, ...diagnostic }),
  };
  for (const rule of RULES) rule(ctx);
  return diagnostics.sort(compareDiagnostics);
}

/** Where an example's SQL line `line` is on the page: the fence opens on `source.line`. */
function exampleLocation(example: IRExample, line = 0, column = 1): { path: string; line: number; column: number } {
  return { path: example.source.path, line: example.source.line + line, column };
}

const exampleSql: Rule = (ctx) => {
  for (const example of ctx.resource.examples) {
    for (const finding of analyzeExample(example.sql, example.verb).findings) {
      ctx.report({ ...exampleLocation(example, finding.line, finding.column), severity: 'warning', code: finding.code, message: finding.message });
    }
  }
};

const exampleMethods: Rule = (ctx) => {
  for (const example of ctx.resource.examples) {
    if (example.method === null) continue;
    const method = ctx.methodsByName.get(example.method);
    if (!method) {
      ctx.report({ ...exampleLocation(example), severity: 'warning', code: LINT_CODES.unknownMethod, message: `example for '${example.method}', which is not a method of ${ctx.resource.id}` });
      continue;
    }
    if (method.verb !== example.verb) {
      ctx.report({
        ...exampleLocation(example),
        severity: 'warning',
        code: LINT_CODES.methodVerbMismatch,
        message: `'${method.name}' is accessible by ${method.verb}, but its example is under the ${example.verb.toUpperCase()} examples`,
      });
    }
    if (example.verb === 'exec') {
      const called = analyzeExample(example.sql, example.verb).execMethod;
      if (called !== null && called !== method.name) {
        ctx.report({ ...exampleLocation(example, 1), severity: 'warning', code: LINT_CODES.execMethodMismatch, message: `the '${method.name}' example calls '${called}'` });
      }
    }
  }
};

const missingExamples: Rule = (ctx) => {
  // Older pages have no examples at all: one note for the page says it better than one per method.
  if (ctx.resource.examples.length === 0 && ctx.resource.methods.length > 0) {
    const names = ctx.resource.methods.map((method) => method.name).join(', ');
    ctx.report({ ...ctx.resource.source, column: 1, severity: 'info', code: LINT_CODES.missingExample, message: `the page has no examples for its ${ctx.resource.methods.length} method(s): ${names}` });
    return;
  }
  const covered = new Set<string>();
  const coveredVerbs = new Set<string>();
  for (const example of ctx.resource.examples) {
    if (example.method !== null) covered.add(example.method);
    // Legacy examples name no method: they cover their verb.
    else coveredVerbs.add(example.verb);
  }
  for (const method of ctx.resource.methods) {
    if (covered.has(method.name) || coveredVerbs.has(method.verb)) continue;
    ctx.report({ path: method.source.path, line: method.source.line, column: 1, severity: 'info', code: LINT_CODES.missingExample, message: `method '${method.name}' (${method.verb}) has no example` });
  }
};

/** The names a method's example may use as placeholders. */
function knownNames(ctx: RuleContext, method: IRMethod | undefined, example: IRExample): Set<string> {
  const names = new Set(ctx.serverParams);
  const methods = method ? [method] : ctx.resource.methods.filter((candidate) => candidate.verb === example.verb);
  for (const candidate of methods) {
    for (const name of [...candidate.required, ...candidate.optional]) {
      names.add(name);
      if (name.startsWith('data__')) names.add(name.slice('data__'.length));
    }
  }
  // The docs lose path params from methods (FORMAT.md); `## Parameters` and the manifest still list them.
  for (const param of ctx.resource.params) names.add(param.name);
  if (example.verb === 'insert') for (const prop of ctx.resource.manifest) names.add(prop.name);
  // Body properties are the columns and JSON keys they fill: `data__x = '{{ x }}'`, `"x": "{{ x }}"`.
  for (const slot of example.structure?.slots ?? []) {
    if (slot.clause === 'json' || slot.clause === 'set' || slot.clause === 'values') {
      names.add(slot.target);
      if (slot.target.startsWith('data__')) names.add(slot.target.slice('data__'.length));
    }
  }
  return names;
}

const unknownPlaceholders: Rule = (ctx) => {
  for (const example of ctx.resource.examples) {
    if (!example.structure) continue;
    const method = example.method === null ? undefined : ctx.methodsByName.get(example.method);
    if (example.method !== null && !method) continue;
    const known = knownNames(ctx, method, example);
    const reported = new Set<string>();
    for (const slot of example.structure.slots) {
      const name = slot.placeholder;
      if (name === null || known.has(name) || reported.has(name)) continue;
      reported.add(name);
      const line = example.sql.split('\n').findIndex((text) => text.includes(`{{ ${name} }}`) || text.includes(`{{${name}}}`));
      ctx.report({
        ...exampleLocation(example, line >= 0 ? line + 1 : 0),
        severity: 'warning',
        code: LINT_CODES.unknownPlaceholder,
        message: `placeholder '{{ ${name} }}' is not a param, body property or server param of '${method?.name ?? example.verb}'`,
      });
    }
  }
};

/** Field types the page gives for a name: `## Fields` of any method, `## Parameters`, the manifest. */
function structuredNames(resource: IRResource): Set<string> {
  const names = new Set<string>();
  const structured = (type: string | null) => type === 'object' || type === 'array';
  for (const fields of Object.values(resource.fields)) for (const field of fields) if (structured(field.type)) names.add(field.name);
  for (const param of resource.params) if (structured(param.type)) names.add(param.name.replace(/^data__/, ''));
  for (const prop of resource.manifest) if (structured(prop.type)) names.add(prop.name);
  return names;
}

const quotedJsonStructures: Rule = (ctx) => {
  const structured = structuredNames(ctx.resource);
  if (structured.size === 0) return;
  for (const example of ctx.resource.examples) {
    for (const slot of example.structure?.slots ?? []) {
      if (slot.clause !== 'json' || slot.quoting !== 'quoted' || !structured.has(slot.target)) continue;
      const line = example.sql.split('\n').findIndex((text) => text.includes(`"${slot.target}"`));
      ctx.report({
        ...exampleLocation(example, line >= 0 ? line + 1 : 0),
        severity: 'warning',
        code: LINT_CODES.quotedJsonStructure,
        message: `'${slot.target}' is an object or array, but the @@json body writes it as a string ("{{ ${slot.placeholder ?? ''} }}")`,
      });
    }
  }
};

const RULES: readonly Rule[] = [exampleSql, exampleMethods, missingExamples, unknownPlaceholders, quotedJsonStructures];
