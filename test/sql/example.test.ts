import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IRVerb } from '../../generator/ir/types.js';
import { analyzeExample, readJsonObjectSlots } from '../../generator/sql/example.js';

const CORPUS = '/work/shared/corpus';
const SEED = '/work/shared/seed/oauth2_resource_server_jwks.mdx';

function sqlFences(text: string): string[] {
  return [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

function pages(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.mdx?$/.test(name)) found.push(path);
    }
  };
  walk(root);
  return found;
}

const VERB_BY_WORD: Record<string, IRVerb> = { SELECT: 'select', INSERT: 'insert', UPDATE: 'update', REPLACE: 'replace', DELETE: 'delete', EXEC: 'exec' };

describe('the seed page examples', () => {
  const [listKeys, , insert, remove, activate] = sqlFences(readFileSync(SEED, 'utf8'));

  it('reads the SELECT and reports the `-- required;` that swallows the closing ;', () => {
    const result = analyzeExample(listKeys!, 'select');
    expect(result.structure).toEqual({
      statement: 'select',
      target: 'okta.authorizationservers.oauth2_resource_server_jwks',
      columns: ['id', '_links', 'created', 'e', 'kid', 'kty', 'lastUpdated', 'n', 'status', 'use'],
      slots: [{ clause: 'where', target: 'subdomain', placeholder: 'subdomain', quoting: 'quoted', literal: null, required: true }],
      returning: [],
    });
    expect(result.findings).toEqual([{ code: 'example/comment-swallows-semicolon', message: expect.any(String), line: 13, column: 37 }]);
  });

  it('reads the INSERT columns, values and RETURNING list', () => {
    const result = analyzeExample(insert!, 'insert');
    expect(result.findings).toEqual([]);
    expect(result.structure?.columns).toEqual(['data__e', 'data__kid', 'data__kty', 'data__n', 'data__status', 'data__use', 'subdomain']);
    expect(result.structure?.slots.map((slot) => [slot.clause, slot.target, slot.placeholder, slot.quoting])).toEqual([
      ['values', 'data__e', 'e', 'quoted'],
      ['values', 'data__kid', 'kid', 'quoted'],
      ['values', 'data__kty', 'kty', 'quoted'],
      ['values', 'data__n', 'n', 'quoted'],
      ['values', 'data__status', 'status', 'quoted'],
      ['values', 'data__use', 'use', 'quoted'],
      ['values', 'subdomain', 'subdomain', 'quoted'],
    ]);
    expect(result.structure?.returning).toHaveLength(10);
  });

  it('reads DELETE and EXEC with --required markers', () => {
    const deletion = analyzeExample(remove!, 'delete');
    expect(deletion.structure?.slots).toEqual([{ clause: 'where', target: 'subdomain', placeholder: 'subdomain', quoting: 'quoted', literal: null, required: true }]);
    expect(deletion.findings.map((finding) => finding.code)).toEqual(['example/comment-swallows-semicolon']);
    const exec = analyzeExample(activate!, 'exec');
    expect(exec.execMethod).toBe('activate_oauth2_resource_server_json_web_key');
    expect(exec.structure?.target).toBe('okta.authorizationservers.oauth2_resource_server_jwks');
    expect(exec.structure?.slots).toEqual([{ clause: 'exec', target: 'subdomain', placeholder: 'subdomain', quoting: 'quoted', literal: null, required: true }]);
  });
});

describe('grammar and defects', () => {
  it('recovers the comma swallowed by --required, and reports it where the comment is', () => {
    const sql = "EXEC p.s.r.m \n@a='{{ a }}' --required, \n@b={{ b }} \n@@json=\n'{\n\"k\": \"{{ k }}\", \n\"n\": {{ n }}\n}'\n;";
    const result = analyzeExample(sql, 'exec');
    expect(result.findings).toEqual([{ code: 'example/comment-swallows-comma', message: expect.any(String), line: 2, column: 14 }]);
    expect(result.structure?.slots.map((slot) => [slot.clause, slot.target, slot.quoting, slot.required])).toEqual([
      ['exec', 'a', 'quoted', true],
      ['exec', 'b', 'bare', false],
      ['json', 'k', 'quoted', false],
      ['json', 'n', 'bare', false],
    ]);
  });

  it('a missing comma between EXEC params with no comment to blame is a syntax finding', () => {
    const result = analyzeExample("EXEC p.s.r.m @a='x' @b='y';", 'exec');
    expect(result.structure).toBeNull();
    expect(result.findings).toEqual([{ code: 'example/syntax', message: expect.stringContaining('","'), line: 1, column: 21 }]);
  });

  it('reports a comma before @@json', () => {
    const result = analyzeExample("EXEC p.s.r.m @a='x', @@json='{}';", 'exec');
    expect(result.findings.map((finding) => finding.code)).toEqual(['example/comma-before-json']);
    expect(result.structure?.slots).toHaveLength(1);
  });

  it('reads UPDATE with SET and WHERE, /* required */ markers and literals', () => {
    const sql = "UPDATE p.s.r\nSET\ndata__a = '{{ a }}' /* required */,\ndata__b = 5,\ndata__c = json('{\"x\":1}')\nWHERE\nid = 'abc' --required\nRETURNING a;";
    const result = analyzeExample(sql, 'update');
    expect(result.findings).toEqual([]);
    expect(result.structure?.slots).toEqual([
      { clause: 'set', target: 'data__a', placeholder: 'a', quoting: 'quoted', literal: null, required: true },
      { clause: 'set', target: 'data__b', placeholder: null, quoting: 'literal', literal: '5', required: false },
      { clause: 'set', target: 'data__c', placeholder: null, quoting: 'literal', literal: '{"x":1}', required: false },
      { clause: 'where', target: 'id', placeholder: null, quoting: 'literal', literal: 'abc', required: true },
    ]);
    expect(result.structure?.returning).toEqual(['a']);
  });

  it('reports an empty SET list and a stray field list, keeping the structure', () => {
    const empty = analyzeExample("REPLACE p.s.r\nSET \n-- No updatable properties\nWHERE \nsubdomain = '{{ subdomain }}' --required\n;", 'replace');
    expect(empty.findings.map((finding) => [finding.code, finding.line])).toEqual([['example/empty-set-list', 2]]);
    expect(empty.structure?.slots.map((slot) => slot.target)).toEqual(['subdomain']);
    const stray = analyzeExample("UPDATE p.s.r SET a = '{{ a }}',\nb,\nc\nWHERE x = 1;", 'update');
    expect(stray.findings.map((finding) => [finding.code, finding.line])).toEqual([['example/update-stray-field-list', 2]]);
    expect(stray.structure?.slots.map((slot) => slot.target)).toEqual(['a', 'x']);
  });

  it('mends names StackQL would cut: hyphens, # and @', () => {
    const sql = "SELECT a, x5t#S256, @odata.type FROM p.s.r WHERE Content-Type = '{{ Content-Type }}' AND b = 1;";
    const result = analyzeExample(sql, 'select');
    expect(result.structure?.columns).toEqual(['a', 'x5t#S256', '@odata.type']);
    expect(result.structure?.slots.map((slot) => slot.target)).toEqual(['Content-Type', 'b']);
    expect(result.findings.map((finding) => [finding.code, finding.column])).toEqual([
      ['example/unquoted-name', 11],
      ['example/unquoted-name', 21],
      ['example/unquoted-name', 50],
    ]);
    const exec = analyzeExample("EXEC p.s.r.m @Accept-Language='{{ Accept-Language }}';", 'exec');
    expect(exec.structure?.slots[0]?.target).toBe('Accept-Language');
    expect(exec.findings.map((finding) => finding.code)).toEqual(['example/unquoted-name']);
  });

  it('reports a statement of another verb, INSERT arity, and text the server would split', () => {
    expect(analyzeExample('DELETE FROM p.s.r;', 'update').findings.map((finding) => finding.code)).toEqual(['example/statement-verb-mismatch']);
    const arity = analyzeExample("INSERT INTO p.s.r (a, b) SELECT '{{ a }}';", 'insert');
    expect(arity.findings.map((finding) => finding.code)).toEqual(['example/insert-arity']);
    const split = analyzeExample("SELECT a FROM p.s.r WHERE x = 'a;b';", 'select');
    expect(split.findings.map((finding) => [finding.code, finding.column])).toEqual([['example/split-by-server', 33]]);
    expect(split.structure?.slots[0]?.literal).toBe('a;b');
  });

  it('reports lexical errors at their place', () => {
    const result = analyzeExample('SELECT a FROM p.s.r WHERE x = `y`;', 'select');
    expect(result.findings[0]).toMatchObject({ code: 'example/lexical-error', line: 1, column: 31 });
  });

  it('an empty example or a non-statement yields a located finding, not an exception', () => {
    expect(analyzeExample('', 'select')).toMatchObject({ structure: null, findings: [{ code: 'example/syntax' }] });
    expect(analyzeExample('SHOW METHODS IN p.s.r;', 'select').findings[0]).toMatchObject({ code: 'example/syntax', line: 1, column: 1 });
  });
});

describe('readJsonObjectSlots', () => {
  it('reads keys, quoted and bare placeholders and literal values', () => {
    expect(readJsonObjectSlots('{"a": "{{ a }}", "b": {{ b }}, "c": [1, {"d": null}], "e": "x"}')).toEqual({
      slots: [
        { clause: 'json', target: 'a', placeholder: 'a', quoting: 'quoted', literal: null, required: false },
        { clause: 'json', target: 'b', placeholder: 'b', quoting: 'bare', literal: null, required: false },
        { clause: 'json', target: 'c', placeholder: null, quoting: 'literal', literal: '[1, {"d": null}]', required: false },
        { clause: 'json', target: 'e', placeholder: null, quoting: 'literal', literal: '"x"', required: false },
      ],
    });
  });

  it('locates what is not an object', () => {
    expect(readJsonObjectSlots('[1]')).toEqual({ error: 'expected "{"', offset: 0 });
    expect(readJsonObjectSlots('{"a": 1 "b": 2}')).toEqual({ error: 'expected "," or "}"', offset: 8 });
  });
});

describe('every corpus example', () => {
  for (const corpus of ['okta', 'github']) {
    it(`${corpus}: yields a structure or a located finding, never an exception`, () => {
      let examples = 0;
      for (const page of pages(join(CORPUS, corpus))) {
        for (const sql of sqlFences(readFileSync(page, 'utf8'))) {
          examples++;
          const word = sql.trimStart().split(/\s/)[0]?.toUpperCase() ?? '';
          const result = analyzeExample(sql, VERB_BY_WORD[word] ?? 'select');
          const lines = sql.split('\n').length;
          if (result.structure === null) expect(result.findings.length, relative(CORPUS, page)).toBeGreaterThan(0);
          for (const finding of result.findings) {
            expect(finding.line).toBeGreaterThanOrEqual(1);
            expect(finding.line).toBeLessThanOrEqual(lines);
            expect(finding.column).toBeGreaterThanOrEqual(1);
          }
        }
      }
      expect(examples).toBeGreaterThan(600);
    });
  }

  it('reports the swallowed comma on github repos/repos', () => {
    const text = readFileSync(join(CORPUS, 'github/services/repos/repos/index.md'), 'utf8');
    const transfer = sqlFences(text).find((sql) => sql.includes('repos.repos.transfer'))!;
    const result = analyzeExample(transfer, 'exec');
    expect(result.findings).toEqual([{ code: 'example/comment-swallows-comma', message: expect.any(String), line: 2, column: 22 }]);
    expect(result.structure?.slots.map((slot) => slot.target)).toEqual(['owner', 'repo', 'new_owner', 'new_name', 'team_ids']);
  });
});
