import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../generator/diagnostics.js';
import type { IRMethod, IRVerb } from '../../generator/ir/types.js';
import type { SectionContext } from '../../generator/parse/context.js';
import { parseMarkdown } from '../../generator/parse/markdown.js';
import { readExamples } from '../../generator/parse/sections/examples.js';
import { cookTemplate, parseManifest, readManifest } from '../../generator/parse/sections/manifest.js';
import { splitSections } from '../../generator/parse/split.js';

const SEED = readFileSync(new URL('../../docs/services/authorizationservers/oauth2_resource_server_jwks/index.md', import.meta.url), 'utf8');

interface Reported {
  line: number;
  column: number;
  severity: Severity;
  code: string;
}

function contextFor(source: string, methods: Array<[string, IRVerb, string[]?]>, layout: 'current' | 'legacy' = 'current'): { ctx: SectionContext; reported: Reported[] } {
  const parsed = parseMarkdown(source);
  if (!parsed.ok) throw new Error(parsed.message);
  const reported: Reported[] = [];
  const ctx: SectionContext = {
    path: 'services/s/r/index.md',
    source,
    sections: splitSections(parsed.tree).sections,
    resourceId: 'p.s.r',
    methods: methods.map(([name, verb, required]): IRMethod => ({ name, verb, required: required ?? [], optional: [], description: '', source: { path: 'services/s/r/index.md', line: 1 } })),
    layout,
    report(at, severity, code) {
      const point = at && 'line' in at ? { line: at.line, column: at.column ?? 1 } : { line: 0, column: 0 };
      reported.push({ ...point, severity, code });
    },
    text: (node) => (node.position ? source.slice(node.position.start.offset, node.position.end.offset) : ''),
    sourceOf: (node) => ({ path: 'services/s/r/index.md', line: node?.position?.start.line ?? 1 }),
  };
  return { ctx, reported };
}

const SEED_METHODS: Array<[string, IRVerb, string[]?]> = [
  ['list_oauth2_resource_server_json_web_keys', 'select'],
  ['get_oauth2_resource_server_json_web_key', 'select'],
  ['add_oauth2_resource_server_json_web_key', 'insert', ['data__kid', 'subdomain']],
  ['delete_oauth2_resource_server_json_web_key', 'delete'],
  ['activate_oauth2_resource_server_json_web_key', 'exec'],
  ['deactivate_oauth2_resource_server_json_web_key', 'exec'],
];

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('readExamples', () => {
  it('reads every sql fence of the seed with its tab, section verb, description and structure', () => {
    const { ctx } = contextFor(SEED, SEED_METHODS);
    const examples = readExamples(ctx);
    expect(examples.map((example) => [example.verb, example.method])).toEqual([
      ['select', 'list_oauth2_resource_server_json_web_keys'],
      ['select', 'get_oauth2_resource_server_json_web_key'],
      ['insert', 'add_oauth2_resource_server_json_web_key'],
      ['delete', 'delete_oauth2_resource_server_json_web_key'],
      ['exec', 'activate_oauth2_resource_server_json_web_key'],
      ['exec', 'deactivate_oauth2_resource_server_json_web_key'],
    ]);
    const fences = [...SEED.matchAll(/```sql\n([\s\S]*?)\n```/g)].map((match) => match[1]);
    expect(examples.map((example) => example.sql)).toEqual(fences);
    expect(examples[0]?.description).toBe('Lists all the public keys used by the custom authorization server');
    expect(examples[3]?.source.line).toBe(lineOf(SEED, '```sql\nDELETE'));
    expect(examples.every((example) => example.structure !== null)).toBe(true);
    expect(examples[4]?.structure?.slots).toEqual([{ clause: 'exec', target: 'subdomain', placeholder: 'subdomain', quoting: 'quoted', literal: null, required: true }]);
  });

  it('legacy tabs that name no method (All Properties) give examples without a method', () => {
    const page = [
      '## `INSERT` examples',
      '',
      '<Tabs defaultValue="all" values={[{ label: "All Properties", value: "all" }, { label: "Manifest", value: "manifest" }]}>',
      '<TabItem value="all">',
      '',
      '```sql',
      '/*+ create */',
      'INSERT INTO p.s.r (data__a, subdomain)',
      "SELECT '{{ a }}', '{{ subdomain }}';",
      '```',
      '</TabItem>',
      '<TabItem value="manifest">',
      '',
      '```yaml',
      '- name: r',
      '  props:',
      '    - name: a',
      '      value: string',
      '```',
      '</TabItem>',
      '</Tabs>',
      '',
    ].join('\n');
    const { ctx } = contextFor(page, [['create', 'insert']], 'legacy');
    const [example, ...rest] = readExamples(ctx);
    expect(rest).toEqual([]);
    expect(example).toMatchObject({ verb: 'insert', method: null, sql: "/*+ create */\nINSERT INTO p.s.r (data__a, subdomain)\nSELECT '{{ a }}', '{{ subdomain }}';" });
    expect(example?.structure?.columns).toEqual(['data__a', 'subdomain']);
  });
});

describe('readManifest', () => {
  it('reads the seed manifest fence', () => {
    const { ctx, reported } = contextFor(SEED, SEED_METHODS);
    const props = readManifest(ctx);
    expect(reported).toEqual([]);
    expect(props.map((prop) => [prop.name, prop.type, prop.required])).toEqual([
      ['subdomain', 'string', true],
      ['e', 'string', false],
      ['kid', 'string', true],
      ['kty', 'string', false],
      ['n', 'string', false],
      ['status', 'string', false],
      ['use', 'string', false],
    ]);
    expect(props[5]).toEqual({ name: 'status', type: 'string', value: 'string', description: 'Status of the JSON Web Key', validValues: ['ACTIVE', 'INACTIVE'], default: null, required: false });
  });

  const codeBlockPage = (yaml: string) =>
    ['## `INSERT` examples', '', '<Tabs defaultValue="manifest" values={[{ label: "Manifest", value: "manifest" }]}>', '<TabItem value="manifest">', '', `<CodeBlock language="yaml">{\`${yaml}\`}</CodeBlock>`, '', '</TabItem>', '</Tabs>', ''].join('\n');

  it('reads a CodeBlock template literal with its indentation, escaped backticks and bare placeholders', () => {
    const yaml = [
      '# Description fields are for documentation purposes',
      '- name: r',
      '  props:',
      '    - name: owner',
      '      value: "{{ owner }}"',
      '      description: Required parameter for the r resource.',
      '    - name: private',
      '      value: {{ private }}',
      '      description: |',
      '        Set to \\`true\\` to hide it.',
      '      default: false',
      '    - name: labels',
      '      value:',
      '        - "{{ labels }}"',
      '    - name: size',
      '      value: {{ size }}',
    ].join('\n');
    const { ctx, reported } = contextFor(codeBlockPage(yaml), []);
    expect(reported).toEqual([]);
    expect(readManifest(ctx)).toEqual([
      { name: 'owner', type: 'string', value: '"{{ owner }}"', description: 'Required parameter for the r resource.', validValues: null, default: null, required: true },
      { name: 'private', type: 'boolean', value: '{{ private }}', description: 'Set to `true` to hide it.', validValues: null, default: 'false', required: false },
      { name: 'labels', type: 'array', value: '- "{{ labels }}"', description: '', validValues: null, default: null, required: false },
      { name: 'size', type: null, value: '{{ size }}', description: '', validValues: null, default: null, required: false },
    ]);
  });

  it('malformed YAML is one located warning, not an exception', () => {
    const page = codeBlockPage('- name: r\n  props:\n    - name: a\n      value: [unclosed\n');
    const { ctx, reported } = contextFor(page, []);
    expect(readManifest(ctx)).toEqual([]);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ severity: 'warning', code: 'manifest/invalid-yaml' });
    expect(reported[0]!.line).toBeGreaterThanOrEqual(6);
  });
});

describe('parseManifest', () => {
  it('mends descriptions whose later lines lost their indentation, and says where', () => {
    const yaml = ['- name: r', '  props:', '    - name: profile', '      value: object', '      description: >', '        First line.', '', 'An unindented: paragraph.', '        ', '    - name: realm', '      value: string'].join('\n');
    const { props, problems } = parseManifest(yaml);
    expect(problems).toEqual([{ code: 'manifest/unindented-block', line: 8, column: 1, message: expect.any(String) }]);
    expect(props.map((prop) => [prop.name, prop.type, prop.description])).toEqual([
      ['profile', 'object', 'First line.\nAn unindented: paragraph.'],
      ['realm', 'string', ''],
    ]);
  });

  it('reports a manifest of another shape', () => {
    expect(parseManifest('name: r\n').problems).toMatchObject([{ code: 'manifest/unexpected-shape', line: 1 }]);
    expect(parseManifest('- name: r\n  props:\n    - value: string\n').problems).toMatchObject([{ code: 'manifest/unexpected-shape', line: 3 }]);
  });

  it('uses INSERT methods required body properties', () => {
    expect(parseManifest('- name: r\n  props:\n    - name: kid\n      value: string\n', new Set(['kid'])).props[0]?.required).toBe(true);
  });
});

describe('cookTemplate', () => {
  it('cooks JavaScript template escapes', () => {
    expect(cookTemplate('a\\`b\\\\c\\${d}\\n\\u0041\\x42\\u{1F600}\\\nz\r\n')).toBe('a`b\\c${d}\nAB😀z\n');
  });
});
