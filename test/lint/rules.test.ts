import { describe, expect, it } from 'vitest';
import type { IRExample, IRMethod, IRResource, IRVerb } from '../../generator/ir/types.js';
import { lintResource } from '../../generator/lint/rules.js';
import { analyzeExample } from '../../generator/sql/example.js';

const PATH = 'services/s/r/index.md';

function method(name: string, verb: IRVerb, required: string[] = ['subdomain'], line = 20): IRMethod {
  return { name, verb, required, optional: [], description: '', source: { path: PATH, line } };
}

function example(verb: IRVerb, methodName: string | null, sql: string, line: number): IRExample {
  return { verb, method: methodName, sql, description: '', structure: analyzeExample(sql, verb).structure, source: { path: PATH, line } };
}

function resource(overrides: Partial<IRResource>): IRResource {
  return {
    id: 'p.s.r',
    provider: 'p',
    service: 's',
    name: 'r',
    kind: 'resource',
    description: '',
    source: { path: PATH, line: 5 },
    layout: 'current',
    fields: {},
    methods: [],
    params: [],
    examples: [],
    manifest: [],
    view: null,
    ...overrides,
  };
}

const codesAt = (resourceUnderTest: IRResource) => lintResource(resourceUnderTest, [{ name: 'subdomain', description: '' }]).map((d) => [d.code, d.line, d.column, d.severity]);

describe('lintResource', () => {
  it('a resource whose examples match its methods is clean', () => {
    const clean = resource({
      methods: [method('list', 'select'), method('remove', 'delete', ['subdomain', 'id'])],
      examples: [
        example('select', 'list', "SELECT a FROM p.s.r WHERE subdomain = '{{ subdomain }}';", 40),
        example('delete', 'remove', "DELETE FROM p.s.r WHERE subdomain = '{{ subdomain }}' AND id = '{{ id }}';", 50),
      ],
    });
    expect(lintResource(clean)).toEqual([]);
  });

  it('locates example SQL defects on the page: fence line + SQL line', () => {
    const sql = "EXEC p.s.r.run\n@subdomain='{{ subdomain }}' --required,\n@id='{{ id }}';";
    const found = resource({ methods: [method('run', 'exec', ['subdomain', 'id'])], examples: [example('exec', 'run', sql, 100)] });
    expect(codesAt(found)).toEqual([['example/comment-swallows-comma', 102, 30, 'warning']]);
  });

  it('reports methods without examples and examples without methods', () => {
    const found = resource({
      methods: [method('list', 'select', ['subdomain'], 12), method('get', 'select', ['subdomain'], 13)],
      examples: [example('select', 'list', 'SELECT a FROM p.s.r;', 40), example('select', 'gone', 'SELECT a FROM p.s.r;', 60)],
    });
    expect(codesAt(found)).toEqual([
      ['methods/missing-example', 13, 1, 'info'],
      ['example/unknown-method', 60, 1, 'warning'],
    ]);
  });

  it('legacy examples without a method cover their verb', () => {
    const found = resource({ layout: 'legacy', methods: [method('list', 'select'), method('create', 'insert')], examples: [example('select', null, 'SELECT a FROM p.s.r;', 40)] });
    expect(codesAt(found)).toEqual([['methods/missing-example', 20, 1, 'info']]);
  });

  it('reports an example whose method has another verb, and an EXEC calling another method', () => {
    const found = resource({
      methods: [method('put', 'replace', ['subdomain'], 10), method('go', 'exec', ['subdomain'], 11)],
      examples: [
        example('update', 'put', "UPDATE p.s.r SET a = 1 WHERE subdomain = '{{ subdomain }}';", 40),
        example('exec', 'go', "EXEC p.s.r.stop @subdomain='{{ subdomain }}';", 50),
      ],
    });
    expect(codesAt(found)).toEqual([
      ['example/method-verb-mismatch', 40, 1, 'warning'],
      ['example/exec-method-mismatch', 51, 1, 'warning'],
    ]);
  });

  it('reports placeholders that are no param, body property or server param', () => {
    const sql = "SELECT a FROM p.s.r\nWHERE subdomain = '{{ subdomain }}'\nAND owner = '{{ ownr }}'\nAND id = '{{ id }}';";
    const found = resource({
      methods: [method('get', 'select', ['subdomain', 'owner'])],
      params: [{ name: 'id', datatype: 'string', type: 'string', format: null, description: '', source: { path: PATH, line: 30 } }],
      examples: [example('select', 'get', sql, 70)],
    });
    expect(codesAt(found)).toEqual([['example/unknown-placeholder', 73, 1, 'warning']]);
  });

  it('reports objects and arrays quoted as strings inside @@json, not bare ones', () => {
    const sql = "EXEC p.s.r.go\n@subdomain='{{ subdomain }}'\n@@json=\n'{\n\"tags\": \"{{ tags }}\",\n\"meta\": {{ meta }},\n\"name\": \"{{ name }}\"\n}';";
    const found = resource({
      methods: [method('go', 'exec')],
      manifest: [
        { name: 'tags', type: 'array', value: 'array', description: '', validValues: null, default: null, required: false },
        { name: 'meta', type: 'object', value: 'object', description: '', validValues: null, default: null, required: false },
      ],
      examples: [example('exec', 'go', sql, 80)],
    });
    expect(codesAt(found)).toEqual([['example/quoted-json-structure', 85, 1, 'warning']]);
  });
});

describe('a page without any example', () => {
  it('gets one note at the resource, not one per method', () => {
    const found = resource({ methods: [method('list', 'select'), method('create', 'insert')] });
    expect(lintResource(found)).toEqual([
      { path: PATH, line: 5, column: 1, severity: 'info', code: 'methods/missing-example', message: 'the page has no examples for its 2 method(s): list, create' },
    ]);
  });
});
