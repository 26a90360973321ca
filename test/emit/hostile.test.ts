/**
 * A package from docs with every name and text the docs can throw at the
 * emitter: reserved words, `__proto__`, names equal but for case, `#`, `@`,
 * `.`, `-`, leading digits, empty names, file names like `con` or `..`,
 * descriptions that try to close comments or template strings. The package
 * must type-check strictly and pass its own tests.
 */
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../../generator/emit/index.js';
import type { EmittedFile } from '../../generator/emit/types.js';
import type { IRDocument, IRField, IRMethod, IRResource } from '../../generator/ir/types.js';
import { seedResource } from './seed-ir.js';
import { OPTIONS, runGeneratedTests, tempPackage, typecheck } from './support.js';

const EVIL = 'ends */ here /* and `${process.exit(1)}` </script> @deprecated \u2028 line';

function field(name: string, type: string, children: IRField[] = []): IRField {
  return { name, datatype: type, type, format: null, description: `${name}: ${EVIL}`, example: null, default: null, pattern: null, children, source: { path: 'x', line: 1 } };
}

function method(name: string, verb: IRMethod['verb'], required: string[] = []): IRMethod {
  return { name, verb, required, optional: [], description: EVIL, source: { path: 'x', line: 1 } };
}

const FIELDS: IRField[] = [
  field('id', 'string'),
  field('Id', 'integer'),
  field('x5t#S256', 'string'),
  field('@odata.type', 'string'),
  field('false', 'boolean'),
  field('__proto__', 'object'),
  field('constructor', 'string'),
  field('OktaAccessGateway-Agent', 'string'),
  field('', 'number'),
  field('2fa', 'array', [field('kind', 'string'), field('__proto__', 'integer')]),
  field('profile', 'object', [field('default', 'string'), field('nested', 'object', [field('x-y', 'boolean')])]),
  field('untyped', ''),
];

function hostileResource(service: string, name: string): IRResource {
  const seed = seedResource();
  const methods = [
    method('delete', 'select', ['OktaAccessGateway-Agent']),
    method('Delete', 'select'),
    method('default', 'delete', ['OktaAccessGateway-Agent']),
    method('constructor', 'insert'),
    method('2fa', 'exec'),
    method('', 'exec'),
    method('then', 'select'),
  ];
  return {
    ...seed,
    id: `okta.${service}.${name}`,
    service,
    name,
    description: EVIL,
    fields: { delete: FIELDS, Delete: FIELDS.slice(0, 3), then: [] },
    methods,
    params: [{ name: 'OktaAccessGateway-Agent', datatype: 'string', type: 'string', format: null, description: EVIL, source: { path: 'x', line: 1 } }],
    examples: [],
    manifest: [
      { name: '__proto__', type: 'string', value: 'string', description: EVIL, validValues: ["it's", '*/', 'a"b'], default: null, required: true },
      { name: 'class', type: 'boolean', value: 'boolean', description: EVIL, validValues: null, default: null, required: false },
    ],
  };
}

const HOSTILE: IRDocument = {
  irVersion: '1.0.0',
  provider: {
    name: 'okta */',
    description: EVIL,
    // Services listed on the provider page without resources get no files.
    services: ['con', 'runtime', 'Runtime', 'fixtures', '..', 'a/b'],
    auth: { type: null, envVars: [] },
    serverParams: [{ name: 'subdomain', description: EVIL }],
    source: null,
  },
  resources: [
    hostileResource('con', 'index'),
    hostileResource('con', 'Index'),
    hostileResource('con', '__proto__'),
    hostileResource('runtime', 'delete'),
    hostileResource('Runtime', 'delete'),
    hostileResource('fixtures', 'prn'),
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
};

describe('a package from hostile names and texts', () => {
  let files: EmittedFile[];
  let pkg: ReturnType<typeof tempPackage>;
  beforeAll(() => {
    files = emitPackage(HOSTILE, { ...OPTIONS, defaults: { subdomain: "my-org'; --" } });
    pkg = tempPackage(files, 'emit-hostile-');
  });
  afterAll(() => pkg.dispose());

  it('keeps every file inside the package, with names unique on case-insensitive file systems', () => {
    const lower = files.map((file) => file.path.toLowerCase());
    expect(new Set(lower).size).toBe(files.length);
    for (const file of files) {
      expect(file.path.split('/').every((segment) => /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(segment) && segment !== '..')).toBe(true);
      expect(file.path).not.toMatch(/(^|\/)(con|prn)(\.|\/|$)/i);
    }
    // The package's own `src/runtime` and `src/fixtures` keep their places.
    expect(files.find((file) => file.path === 'src/runtime/index.ts')).toBeDefined();
    expect(files.filter((file) => file.path.startsWith('src/runtime_')).length).toBeGreaterThan(0);
  });

  it('never lets doc text out of a comment or a string', () => {
    for (const file of files.filter((f) => f.path.endsWith('.ts') && !f.path.startsWith('src/runtime/'))) {
      const source = ts.createSourceFile(file.path, file.contents, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      const escaped: string[] = [];
      const visit = (node: ts.Node): void => {
        // The doc text holds `${process.exit(1)}`: as code it would be an identifier or a template.
        if ((ts.isIdentifier(node) && node.text === 'process') || ts.isTemplateExpression(node)) escaped.push(node.getText(source));
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(escaped, file.path).toEqual([]);
      expect(file.contents, file.path).not.toContain('\u2028');
      // Inside comments the closing sequence is broken up; only string literals may still hold it.
      const comments = file.contents.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
      for (const comment of comments) expect(comment, file.path).not.toMatch(/ends \*\/ here/);
    }
  });

  it('type-checks strictly', () => {
    const result = typecheck(pkg.dir);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('passes its own tests: fixtures with those names decode through the client', () => {
    const result = runGeneratedTests(pkg.dir);
    expect(result.output).not.toMatch(/failed/);
    expect(result.output).toMatch(/Tests\s+\d+ passed/);
    expect(result.status, result.output).toBe(0);
  });
});
