/**
 * The fast reader must be indistinguishable from the remark-based reader on
 * every page it accepts, and must accept nearly all current-layout pages.
 * Runs both over every real page we have (the shared corpora, the repo's
 * docs, the test cases' docs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePageFast } from '../../generator/parse/fast/index.js';
import { parsePage, type DocFile, type ParsedPage } from '../../generator/parse/page.js';
import { docFilesUnder } from '../support/doc-files.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusRoot = join(repoRoot, '..', 'shared', 'corpus');


/** The first place two values differ, as a property path, for a readable failure. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: fast ${JSON.stringify(a)?.slice(0, 300)} vs remark ${JSON.stringify(b)?.slice(0, 300)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return `${path || '(root)'}: differ in shape`;
}

interface Outcome {
  files: number;
  resourcePages: number;
  acceptedResourcePages: number;
  accepted: number;
  mismatches: string[];
}

function compareReaders(files: readonly DocFile[]): Outcome {
  const outcome: Outcome = { files: files.length, resourcePages: 0, acceptedResourcePages: 0, accepted: 0, mismatches: [] };
  for (const file of files) {
    const reference: ParsedPage = parsePage(file);
    const fast = parsePageFast(file);
    if (reference.kind === 'resource') outcome.resourcePages += 1;
    if (fast === null) continue;
    outcome.accepted += 1;
    if (reference.kind === 'resource') outcome.acceptedResourcePages += 1;
    if (!isDeepStrictEqual(fast, reference)) outcome.mismatches.push(`${file.path}: ${firstDifference(fast, reference)}`);
  }
  return outcome;
}

const corpora: { name: string; root: string; minResourceShare: number }[] = [
  { name: 'okta', root: join(corpusRoot, 'okta'), minResourceShare: 0.98 },
  { name: 'github', root: join(corpusRoot, 'github'), minResourceShare: 0.98 },
  // Legacy pages use GFM pipe tables, which the fast reader leaves to remark: only agreement is required.
  { name: 'okta-legacy', root: join(corpusRoot, 'okta-legacy'), minResourceShare: 0 },
  { name: 'repo docs', root: join(repoRoot, 'docs'), minResourceShare: 0 },
];
const casesRoot = join(repoRoot, 'test', 'cases');
if (existsSync(casesRoot)) {
  for (const name of readdirSync(casesRoot).sort()) {
    const root = join(casesRoot, name, 'docs');
    if (existsSync(root)) corpora.push({ name: `test case ${name}`, root, minResourceShare: 0 });
  }
}

describe('fast reader agrees with the remark reader', () => {
  for (const corpus of corpora) {
    it(`${corpus.name}: identical ParsedPage for every accepted page`, () => {
      const outcome = compareReaders(docFilesUnder(corpus.root));
      const share = outcome.resourcePages === 0 ? 1 : outcome.acceptedResourcePages / outcome.resourcePages;
      console.log(
        `${corpus.name}: fast reader accepted ${outcome.accepted}/${outcome.files} files, ` +
          `${outcome.acceptedResourcePages}/${outcome.resourcePages} resource pages (${(share * 100).toFixed(1)}%), ${outcome.mismatches.length} mismatches`,
      );
      expect(outcome.mismatches.slice(0, 10)).toEqual([]);
      expect(share).toBeGreaterThanOrEqual(corpus.minResourceShare);
    });
  }
});

/**
 * The provider page: the docs generator's page (LF, CRLF or both, as the
 * generator mixes them) and variants of it that stay in its format must be
 * read by the fast reader, identically; pages where markdown could read a
 * line another way must be left to remark.
 */
describe('fast reader on provider pages', () => {
  const oktaProvider = readFileSync(join(corpusRoot, 'okta', 'index.md'), 'utf8');
  const asLf = oktaProvider.replace(/\r\n/g, '\n');
  const page = (text: string): DocFile => ({ path: 'index.md', bytes: Buffer.from(text, 'utf8') });
  const serverParameters = /## Server Parameters[\s\S]*?(?=## Services)/;

  const accepted: Record<string, string> = {
    'okta as written (mixed line endings)': oktaProvider,
    'all LF': asLf,
    'all CRLF': asLf.replace(/\n/g, '\r\n'),
    'without Server Parameters': asLf.replace(serverParameters, ''),
    'two env vars': asLf.replace(/^- <CopyableCode code="OKTA_API_TOKEN" \/>.*$/m, (line) => `${line}\n- <CopyableCode code="OKTA_CLIENT_ID" /> - the client id`),
    'no frontmatter and no title, so the name comes from REGISTRY PULL': asLf.replace(/^---\n[\s\S]*?\n---\n/, ''),
    'services in one column': asLf.replace(/<\/div>\n<div class="providerDocColumn">\n/, ''),
  };
  for (const [name, text] of Object.entries(accepted)) {
    it(`reads ${name} as parsePage does`, () => {
      const reference = parsePage(page(text));
      expect(reference.kind).toBe('provider');
      const fast = parsePageFast(page(text));
      expect(fast).not.toBeNull();
      expect(firstDifference(fast, reference)).toBe('');
    });
  }

  it('reads what the variants change', () => {
    const read = (text: string) => {
      const parsed = parsePageFast(page(text));
      if (parsed?.kind !== 'provider') throw new Error('not read as a provider page');
      return parsed.provider;
    };
    expect(read(asLf).serverParams.map((param) => param.name)).toEqual(['subdomain']);
    expect(read(accepted['without Server Parameters'] as string).serverParams).toEqual([]);
    expect(read(accepted['two env vars'] as string).auth.envVars.map((envVar) => envVar.name)).toEqual(['OKTA_API_TOKEN', 'OKTA_CLIENT_ID']);
    expect(read(accepted['no frontmatter and no title, so the name comes from REGISTRY PULL'] as string).name).toBe('okta');
  });

  // Each a line markdown reads otherwise than as the plain block it resembles.
  const refused: Record<string, string> = {
    'a setext underline (the paragraph becomes a heading)': asLf.replace('See also:', 'See also:\n---'),
    'a lazy continuation of a list item': asLf.replace(/^(- <CopyableCode code="subdomain".*)$/m, '$1\nmore of the item'),
    'a loose list (items split by a blank line)': asLf.replace(/^(- <CopyableCode code="OKTA_API_TOKEN".*)$/m, '$1\n\n- <CopyableCode code="B" /> - b'),
    'a list item that does not start with CopyableCode': asLf.replace('- <CopyableCode code="subdomain" />', '- **<CopyableCode code="subdomain" />**'),
    'an MDX expression': asLf.replace('Authentication and authorization services.', 'Authentication {and} authorization services.'),
    'an unknown tag': asLf.replace('Authentication and authorization services.', 'Authentication <span>and</span> authorization.'),
    'a pipe table': asLf.replace('See also:', '| a | b |\n| - | - |\n| 1 | 2 |\n\nSee also:'),
    'a lone CR': asLf.replace('See also:', 'See\ralso:'),
    'a markdown link in Services (its text is not modelled)': asLf.replace('<a href="/services/zones/">zones</a><br />', '[zones](/services/zones/)'),
    'a bare URL in Services (GFM makes it a link)': asLf.replace('<a href="/services/zones/">zones</a><br />', '<a href="/services/zones/">zones</a> www.example.com<br />'),
    'an e-mail address in Services (GFM makes it a link)': asLf.replace('<a href="/services/zones/">zones</a><br />', '<a href="/services/zones/">zones</a> ops@example.com<br />'),
    'an unclosed details': asLf.replace('</details>', ''),
    'an unclosed fence': asLf.replace(/```\n> To view/, '> To view'),
    'a closing tag inside a fence': asLf.replace('stackql shell --auth="${AUTH}"', '</details>'),
    'an Overview section': asLf.replace('## Installation', '## Overview\n\ntext\n\n## Installation'),
    'a heading inside details': asLf.replace('or using PowerShell:', '## PowerShell'),
    'a flow tag right after paragraph text': asLf.replace('These variables are sourced at runtime (from the local machine or as CI variables/secrets).  \n', 'These variables are sourced at runtime.\n<details>\n\n<summary>x</summary>\n\n</details>\n'),
  };
  for (const [name, text] of Object.entries(refused)) {
    it(`leaves ${name} to remark`, () => {
      expect(text).not.toBe(asLf);
      expect(parsePageFast(page(text))).toBeNull();
    });
  }
});

/**
 * A description that is a markdown list (github `migrations`): one bullet
 * item on one line inside a tab is read; any list markdown could read
 * differently (loose, continued, indented code) is left to remark.
 */
describe('fast reader on one-line lists in tabs', () => {
  const seedPath = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
  const seed = readFileSync(join(repoRoot, 'docs', seedPath), 'utf8');
  const page = (text: string): DocFile => ({ path: seedPath, bytes: Buffer.from(text, 'utf8') });
  const fieldsTab = '<TabItem value="list_oauth2_resource_server_json_web_keys">\n\n<table>';
  const exampleDescription = 'Lists all the public keys used by the custom authorization server';
  const withFieldsLine = (line: string) => seed.replace(fieldsTab, fieldsTab.replace('\n\n<table>', `\n\n${line}\n\n<table>`));

  const accepted: Record<string, string> = {
    'a list in a fields tab': withFieldsLine('*   `pending`, which means it has not started.<br />*   `done`, which means it finished.'),
    'a list as an example description': seed.replace(exampleDescription, `- ${exampleDescription}`),
    'a list with emphasis': withFieldsLine('+ the *keys* of the server'),
  };
  for (const [name, text] of Object.entries(accepted)) {
    it(`reads ${name} as parsePage does`, () => {
      expect(text).not.toBe(seed);
      const reference = parsePage(page(text));
      expect(reference.kind).toBe('resource');
      const fast = parsePageFast(page(text));
      expect(fast).not.toBeNull();
      expect(firstDifference(fast, reference)).toBe('');
    });
  }

  it('takes the item text as the example description', () => {
    const parsed = parsePageFast(page(accepted['a list as an example description'] as string));
    if (parsed?.kind !== 'resource') throw new Error('not read as a resource page');
    expect(parsed.resource.examples.map((example) => example.description)).toContain(exampleDescription);
  });

  const refused: Record<string, string> = {
    'a loose list (two items split by a blank line)': withFieldsLine('* one\n\n* two'),
    'a lazy continuation line': withFieldsLine('* one\ncontinued'),
    'two items on consecutive lines': withFieldsLine('* one\n* two'),
    'five spaces after the bullet (indented code in the item)': withFieldsLine('*     code'),
    'a heading in the item': withFieldsLine('* # heading'),
    'a thematic break': withFieldsLine('* * *'),
    'an item indented under the list': withFieldsLine('* one\n\n  more of one'),
  };
  for (const [name, text] of Object.entries(refused)) {
    it(`leaves ${name} to remark`, () => {
      expect(text).not.toBe(seed);
      expect(parsePageFast(page(text))).toBeNull();
    });
  }
});

/**
 * A page without SELECT says so in its Fields section, and the page reader
 * tells by the section's plain text. The scanner keeps emphasis, links and
 * escapes in a paragraph or a Description cell as written, where remark
 * takes their markup out, so a page whose verdict could turn on that text
 * is left to remark.
 */
describe('fast reader on markdown it does not model in the Fields section', () => {
  const seedPath = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
  const seed = readFileSync(join(repoRoot, 'docs', seedPath), 'utf8');
  const page = (text: string): DocFile => ({ path: seedPath, bytes: Buffer.from(text, 'utf8') });
  const fieldsTab = '<TabItem value="list_oauth2_resource_server_json_web_keys">\n\n<table>';
  const withFieldsLine = (line: string) => seed.replace(fieldsTab, fieldsTab.replace('\n\n<table>', `\n\n${line}\n\n<table>`));
  /** Whether the fast reader takes the page `text`; where it does, it must read it exactly as remark does. */
  const readAsRemarkReadsIt = (text: string): boolean => {
    const fast = parsePageFast(page(text));
    if (fast === null) return false;
    expect(firstDifference(fast, parsePage(page(text)))).toBe('');
    return true;
  };
  const fieldCount = (parsed: ParsedPage | null) => (parsed?.kind === 'resource' ? Object.keys(parsed.resource.fields).length : null);

  const leftToRemark: Record<string, [line: string, remarkFields: number]> = {
    'emphasis inside the phrase (remark: no SELECT)': ['`SELECT` not *supported* for this resource', 0],
    'a link inside the phrase (remark: no SELECT)': ['`SELECT` not [supported](https://example.com) for this resource', 0],
    'a link splitting a word, its destination holding parentheses': ['SELECT not sup[port](https://a(b)c)ed for this resource', 0],
    'a link inside a literal parenthesis': ['note (SELECT not [supp](x)orted for this resource)', 0],
    'a hard line break splitting a word': ['SELECT not supported for this re\\\nsource', 0],
    'the phrase in a link title (remark: fields)': ['See [the docs](https://example.com "SELECT not supported for this resource")', 2],
    // Where a link's destination or title does not end at the parenthesis that balances its opening one.
    'a title holding a lone opening parenthesis, splitting a word': ['SELECT not sup[](y "a(b")ported for this resource', 0],
    'a title holding a lone closing parenthesis, splitting a word': ['SELECT no[](x "a)b")t supported for this resource', 0],
    'an escaped opening parenthesis in a destination': ['SELECT not sup[](x\\()ported for this resource', 0],
    'an escaped closing parenthesis in a destination': ['SELECT no[](x\\))t supported for this resource', 0],
    'an encoded parenthesis in a destination': ['SELECT no[](x&#40;)t supported for this resource', 0],
    // A destination is raw text: it swallows a backtick the scanner read as opening a code span, which shifts every later span.
    'a destination cut by a code span that holds its closing parenthesis': ['SELECT n[](x`y)`ot supported for this resource`', 0],
    'a reference in what the scanner read as a code span': ['SELECT [](x`)&#110;ot supported for this resource`', 0],
    'a tag in what the scanner read as a code span': ['SELECT no[](x`)<b>t</b> supported for this resource`', 0],
    'the phrase in a code span inside a link title (remark: fields)': ['See [d](u "`SELECT not supported for this resource`")', 2],
  };
  for (const [name, [line, remarkFields]] of Object.entries(leftToRemark)) {
    it(`leaves ${name} to remark`, () => {
      const text = withFieldsLine(line);
      expect(fieldCount(parsePage(page(text)))).toBe(remarkFields);
      expect(parsePageFast(page(text))).toBeNull();
    });
  }

  // remark reads a backtick or a `<` here as text, where the scanner would open a code span or a tag: a tag's partner is then left alone, an MDX error.
  const markupRemarkReadsAsText: Record<string, string> = {
    'a tag in a link title': 'a [b](u "<b>")x</b> text',
    'an escaped backtick, the span after it hiding a closing tag': 'S\\`E</b>LECT `',
    'an escaped tag': 'a \\<b>x</b> text',
    'a backtick paired across the lines of a paragraph': 'a `b\nc` d</b>e` f',
  };
  for (const [name, line] of Object.entries(markupRemarkReadsAsText)) {
    it(`leaves ${name} to remark`, () => {
      const text = withFieldsLine(line);
      const reference = parsePage(page(text));
      expect(reference.diagnostics.map((diagnostic) => diagnostic.code)).toContain('page/mdx-syntax');
      expect(parsePageFast(page(text))).toBeNull();
    });
  }

  const read: Record<string, string> = {
    'emphasis elsewhere in the section': 'the *keys* of the server',
    'the phrase as written, beside Description cells it does not model': '`SELECT` not supported for this resource',
    'a link that turns the phrase into another': 'SELECT not supported for this [x](y)resource',
  };
  for (const [name, line] of Object.entries(read)) {
    it(`reads ${name} as parsePage does`, () => {
      const text = withFieldsLine(line);
      const fast = parsePageFast(page(text));
      expect(fast).not.toBeNull();
      expect(firstDifference(fast, parsePage(page(text)))).toBe('');
    });
  }

  it('never reads a Fields line differently from remark, whatever markup is put into the phrase', () => {
    const phrase = '`SELECT` not supported for this resource';
    const markup = fc.constantFrom('*', '_', '~', '**', '\\', '[', ']', '](https://x.y)', '](u "t")', '](a(b)c)', '(', ')', '[x](y)', '![', '\\\n', ' ', 'x');
    const insertion = fc.tuple(fc.nat({ max: phrase.length }), markup);
    const wrapper = fc.constantFrom(['', ''], ['See [d](u "', '")'], ['note (', ')'], ['*', '*']);
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(insertion, { maxLength: 4 }), wrapper, (insertions, [before, after]) => {
        if (readAsRemarkReadsIt(withFieldsLine(`${before}${inserted(phrase, insertions)}${after}`))) accepted++;
      }),
      { numRuns: 150 },
    );
    // Refusing every line would pass the property: the scanner must still read some.
    expect(accepted).toBeGreaterThan(15);
  });

  it('never reads a Fields line differently from remark, whatever a link in the phrase holds', () => {
    const phrase = 'SELECT not supported for this resource';
    // Links whose destination or title does not end at the parenthesis that balances its opening one, or that swallow a backtick the scanner reads as a code span's.
    const link = fc.constantFrom('[](x\\()', '[](x\\))', '[](x&#40;)', '[](x&#41;)', '[](y "a(b")', '[](y "a)b")', "[](y 'a(b')", '[a](x`y)', '[](x`)', '[](x "`")', '[b](<u>)');
    const noise = fc.constantFrom('`', '&#110;', '&amp;', '(', ')', '*', ' ', 'x');
    const insertion = fc.tuple(fc.nat({ max: phrase.length }), fc.oneof(link, noise));
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(insertion, { minLength: 1, maxLength: 3 }), fc.boolean(), (insertions, closingBacktick) => {
        const line = inserted(phrase, insertions);
        if (readAsRemarkReadsIt(withFieldsLine(closingBacktick ? `${line}\`` : line))) accepted++;
      }),
      { numRuns: 120 },
    );
    expect(accepted).toBeGreaterThan(10);
  });
});

/** `text` with each `[offset, piece]` inserted at its offset in `text` as given. */
function inserted(text: string, insertions: readonly (readonly [number, string])[]): string {
  let result = text;
  for (const [at, piece] of [...insertions].sort((x, y) => y[0] - x[0])) result = result.slice(0, at) + piece + result.slice(at);
  return result;
}
