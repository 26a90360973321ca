import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../generator/ir/build.js';
import { parsePage, type DocFile } from '../../generator/parse/page.js';
import { selectListNames } from '../../generator/parse/sections/view.js';

const file = (path: string, text: string): DocFile => ({ path, bytes: new TextEncoder().encode(text) });

const overview = (id: string, type = 'Resource') => `## Overview
<table><tbody>
<tr><td><b>Name</b></td><td><code>${id.split('.').pop()}</code></td></tr>
<tr><td><b>Type</b></td><td>${type}</td></tr>
<tr><td><b>Id</b></td><td><CopyableCode code="${id}" /></td></tr>
</tbody></table>
`;

const methods = (...rows: [string, string, string][]) => `## Methods
<table>
<thead><tr><th>Name</th><th>Accessible by</th><th>Required Params</th><th>Optional Params</th><th>Description</th></tr></thead>
<tbody>
${rows.map(([name, verb, required]) => `<tr><td><CopyableCode code="${name}" /></td><td><CopyableCode code="${verb}" /></td><td>${required}</td><td></td><td>${name}</td></tr>`).join('\n')}
</tbody>
</table>
`;

describe('parsePage', () => {
  it('is a pure function of path and bytes', () => {
    const page = file('services/s/r/index.md', `${overview('p.s.r')}\n${methods(['get', 'select', '<code>id</code>'])}`);
    expect(parsePage(page)).toEqual(parsePage({ path: page.path, bytes: Uint8Array.from(page.bytes) }));
  });

  it('reads CRLF pages as it reads LF pages', () => {
    const text = `${overview('p.s.r')}\n## Fields\n| Name | Datatype | Description |\n|:--|:--|:--|\n| <CopyableCode code="id" /> | \`integer (int64)\` | The id<br />(example: 7) |\n${methods(['get', 'select', '<code>id</code>'])}`;
    const lf = parsePage(file('services/s/r/index.md', text));
    const crlf = parsePage(file('services/s/r/index.md', text.replaceAll('\n', '\r\n')));
    expect(lf.kind).toBe('resource');
    expect(crlf).toEqual(lf);
    expect(lf.kind === 'resource' && lf.resource.fields).toEqual({
      get: [expect.objectContaining({ name: 'id', type: 'integer', format: 'int64', description: 'The id\n(example: 7)', example: '7' })],
    });
    expect(lf.kind === 'resource' && lf.resource.layout).toBe('legacy');
  });

  it('reports an MDX syntax error at the parser position instead of throwing', () => {
    const result = parsePage(file('services/s/r/index.md', `${overview('p.s.r')}\n<Tabs>\n<TabItem value="x">\n\ntext\n`));
    expect(result.kind).toBe('skipped');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'page/mdx-syntax', line: 9, column: 1 });
  });

  it('refuses a SchemaTable that holds code, locating the offending expression', () => {
    const text = `${overview('p.s.r')}\n## Fields\n\n<Tabs>\n<TabItem value="get">\n\n<SchemaTable fields={[{"name": "a", "type": "string"}, {"name": globalThis.x}]} />\n\n</TabItem>\n</Tabs>\n\n${methods(['get', 'select', ''])}`;
    const result = parsePage(file('services/s/r/index.md', text));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'schema-table/not-data', line: 13, column: 65 }),
    ]);
  });

  it('classifies by content before path: an Overview Id makes a resource page anywhere', () => {
    const result = parsePage(file('index.md', `${overview('p.s.r')}\n${methods(['get', 'select', ''])}`));
    expect(result.kind).toBe('resource');
  });

  it('errors on a resource-path page without an Overview Id, and skips other files with an info', () => {
    expect(parsePage(file('services/s/r/index.md', '# Hello\n')).diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'overview/missing-id' })]);
    const other = parsePage(file('blog/post.md', '# Hello\n'));
    expect(other.kind).toBe('skipped');
    expect(other.diagnostics).toEqual([expect.objectContaining({ severity: 'info', code: 'page/not-a-doc-page' })]);
  });

  it('warns on SELECT methods that share required params, and on params missing from ## Parameters', () => {
    const text = `${overview('p.s.r')}\n${methods(['list', 'select', '<code>subdomain</code>'], ['get', 'select', '<code>subdomain</code>'], ['add', 'insert', '<code>subdomain</code>, <code>data__name</code>, <code>owner</code>'])}
## Parameters
<table>
<thead><tr><th>Name</th><th>Datatype</th><th>Description</th></tr></thead>
<tbody>
<tr id="parameter-subdomain"><td><CopyableCode code="subdomain" /></td><td><code>string</code></td><td>The domain (default: my-org)</td></tr>
</tbody>
</table>
`;
    const codes = parsePage(file('services/s/r/index.md', text)).diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`);
    expect(codes).toEqual(['1 warning fields/missing-section', '13 warning methods/ambiguous-select', '14 warning methods/unknown-param']);
  });
});

describe('frontmatter', () => {
  const page = (frontmatter: string) => file('services/s/r/index.md', `---\n${frontmatter}---\n\n${overview('p.s.r')}\n${methods(['get', 'select', '<code>id</code>'])}`);
  const codes = (parsed: ReturnType<typeof parsePage>) => parsed.diagnostics.filter((d) => d.code.startsWith('frontmatter/')).map((d) => `${d.line} ${d.code} ${d.message}`);

  it("reports the YAML reader's warnings as the page's diagnostics, and prints nothing itself", () => {
    const printed: unknown[] = [];
    const listener = (warning: unknown) => printed.push(warning);
    process.on('warning', listener);
    try {
      const parsed = parsePage(page('title: r\ndescription: !unknown the description\n'));
      expect(codes(parsed)).toEqual(['1 frontmatter/yaml-warning frontmatter: Unresolved tag: !unknown at line 2, column 14:']);
      expect(parsed.kind === 'resource' && parsed.resource.description).toBe('the description');
    } finally {
      process.off('warning', listener);
    }
    expect(printed).toEqual([]);
  });

  it('reads frontmatter that does not parse, or whose aliases explode, as empty, with a warning', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\ndescription: x\n`;
    for (const frontmatter of ['title: [unclosed\n', bomb]) {
      const parsed = parsePage(page(frontmatter));
      expect(codes(parsed)).toEqual([expect.stringMatching(/^1 frontmatter\/invalid-yaml frontmatter: /)]);
    }
  });
});

describe('selectListNames', () => {
  it('takes aliases, last parts of qualified names, and reports what has neither', () => {
    expect(selectListNames(`SELECT DISTINCT a.id, JSON_EXTRACT(p, '$.x, y') as "x y", f(a, b) AS z, -- c\n a + 1 FROM t WHERE x = (SELECT 1 AS q)`)).toEqual({
      columns: ['id', 'x y', 'z'],
      unnamed: ['a + 1'],
    });
  });
});

describe('buildDocument', () => {
  const page = (path: string, id: string) => parsePage(file(path, `${overview(id)}\n${methods(['get', 'select', ''])}`));

  it('does not depend on page order, and sorts resources by id', () => {
    const pages = [page('services/b/x/index.md', 'p.b.x'), page('services/a/y/index.md', 'p.a.y'), page('services/a/Z/index.md', 'p.a.Z')];
    const forward = buildDocument(pages);
    expect(forward.document.resources.map((r) => r.id)).toEqual(['p.a.Z', 'p.a.y', 'p.b.x']);
    expect(buildDocument([...pages].reverse())).toEqual(forward);
    expect(forward.document.provider).toMatchObject({ name: 'p', services: ['a', 'b'], source: null });
  });

  it('leaves out both pages of a duplicate id, and pages with errors', () => {
    const broken = parsePage(file('services/a/w/index.md', `${overview('p.a.w')}\n${methods(['get', 'upsert', ''])}`));
    const built = buildDocument([page('services/a/x/index.md', 'p.a.x'), page('services/a/x2/index.md', 'p.a.x'), page('services/a/y/index.md', 'p.a.y'), broken]);
    expect(built.document.resources.map((r) => r.id)).toEqual(['p.a.y']);
    expect(built.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path} ${d.code}`)).toEqual([
      'services/a/w/index.md methods/unknown-verb',
      'services/a/x/index.md build/duplicate-id',
      'services/a/x2/index.md build/duplicate-id',
    ]);
  });
});
