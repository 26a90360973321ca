import fc from 'fast-check';
import type { RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { simpleFrontmatter } from '../../generator/parse/fast/frontmatter.js';
import { PageReporter } from '../../generator/parse/report.js';
import { readFrontmatter } from '../../generator/parse/sections/frontmatter.js';

function preamble(value: string): RootContent[] {
  return [{ type: 'yaml', value, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } } as RootContent];
}

function reference(value: string) {
  const reporter = new PageReporter('page.md');
  const frontmatter = readFrontmatter({ path: 'page.md', source: value, reporter }, preamble(value));
  return { frontmatter, diagnostics: reporter.diagnostics };
}

describe('frontmatter without the YAML library', () => {
  it('reads the generated frontmatter as readFrontmatter does', () => {
    const value = [
      'title: oauth2_resource_server_jwks',
      'hide_title: false',
      'keywords:',
      '  - oauth2_resource_server_jwks',
      '  - cloud inventory',
      'description: Query, deploy and manage okta resources using SQL',
      'custom_edit_url: null',
      'image: /img/stackql-okta-provider-featured-image.png',
      "id: 'provider-intro'",
    ].join('\n');
    expect(simpleFrontmatter(preamble(value))).toEqual({ title: 'oauth2_resource_server_jwks', description: 'Query, deploy and manage okta resources using SQL' });
    expect(reference(value)).toEqual({ frontmatter: simpleFrontmatter(preamble(value)), diagnostics: [] });
  });

  it('reads frontmatter with CR LF line ends (the provider page) as readFrontmatter does', () => {
    const value = ['title: okta', 'keywords:', '  - okta', '  - cloud inventory', 'description: Query, deploy and manage Okta resources using SQL', "id: 'provider-intro'"].join('\r\n');
    expect(simpleFrontmatter(preamble(value))).toEqual({ title: 'okta', description: 'Query, deploy and manage Okta resources using SQL' });
    expect(reference(value)).toEqual({ frontmatter: simpleFrontmatter(preamble(value)), diagnostics: [] });
  });

  it.each([
    ['a CR alone (a line break LF would not make)', 'title: a\rdescription: b'],
    ['a CR before the end of a line', 'title: a\r \ndescription: b'],
    ['a CR at the end (no LF after it)', "title: 'a'\r"],
    ['a numeric title', 'title: 1.0'],
    ['a null description', 'description: null'],
    ['a boolean title', 'title: TRUE'],
    ['a duplicate key', 'title: a\ntitle: b'],
    ['a double-quoted value', 'title: "a\\tb"'],
    ['a comment', 'title: a # b'],
    ['a trailing space', 'title: a '],
    ['a nested map', 'title:\n  a: b'],
  ])('leaves %s to the YAML library', (_label, value) => {
    expect(simpleFrontmatter(preamble(value))).toBeNull();
  });

  it('agrees with readFrontmatter on every frontmatter it accepts', () => {
    const word = fc.constantFrom('okta', 'SQL', 'a b', 'null', '1', '1.5e3', '0x1F', '.inf', 'x: y', "it's", "'quoted'", '/img/x.png', 'a,b', '(x)', '~', 'True', '-', '', ' ');
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('title', 'description', 'other', 'Title'), word).map(([key, value]) => `${key}: ${value}`),
      fc.constantFrom('title', 'description', 'keywords').map((key) => `${key}:`),
      word.map((value) => `  - ${value}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 6 }), (lines) => {
        const value = lines.map(([text, end]) => text + end).join('');
        const fast = simpleFrontmatter(preamble(value));
        if (fast === null) return;
        expect(reference(value)).toEqual({ frontmatter: fast, diagnostics: [] });
      }),
      { numRuns: 2000 },
    );
  });
});
