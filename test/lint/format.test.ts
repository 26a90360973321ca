import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../generator/diagnostics.js';
import { escapeData, escapeProperty, formatDiagnostics } from '../../generator/lint/format.js';

const diagnostics: Diagnostic[] = [
  { path: 'services/b/r/index.md', line: 3, column: 2, severity: 'warning', code: 'example/syntax', message: 'expected "," but found "@b"' },
  { path: 'services/a/r/index.md', line: 10, column: 1, severity: 'error', code: 'overview/missing-id', message: 'two\nlines, 100%: bad' },
  { path: 'services/a/r/index.md', line: 2, column: 5, severity: 'info', code: 'methods/missing-example', message: 'no example' },
];

describe('lint output formats', () => {
  it('text: sorted path:line:col severity code message, one per line', () => {
    expect(formatDiagnostics(diagnostics, 'text')).toBe(
      'services/a/r/index.md:2:5 info methods/missing-example no example\n' +
        'services/a/r/index.md:10:1 error overview/missing-id two lines, 100%: bad\n' +
        'services/b/r/index.md:3:2 warning example/syntax expected "," but found "@b"\n',
    );
  });

  it('json: a sorted array that parses back to the diagnostics', () => {
    const parsed = JSON.parse(formatDiagnostics(diagnostics, 'json')) as Diagnostic[];
    expect(parsed.map((d) => [d.path, d.line])).toEqual([
      ['services/a/r/index.md', 2],
      ['services/a/r/index.md', 10],
      ['services/b/r/index.md', 3],
    ]);
    expect(parsed[1]).toEqual(diagnostics[1]);
    expect(formatDiagnostics([], 'json')).toBe('[]\n');
  });

  it('github: workflow commands with escaped data and properties', () => {
    expect(formatDiagnostics(diagnostics, 'github').split('\n')).toEqual([
      '::notice file=services/a/r/index.md,line=2,col=5,title=methods/missing-example::no example',
      '::error file=services/a/r/index.md,line=10,col=1,title=overview/missing-id::two%0Alines, 100%25: bad',
      '::warning file=services/b/r/index.md,line=3,col=2,title=example/syntax::expected "," but found "@b"',
      '',
    ]);
  });

  it('escapes per GitHub: % first, then CR/LF, and : , in properties only', () => {
    expect(escapeData('50%\r\n:,')).toBe('50%25%0D%0A:,');
    expect(escapeProperty('a:b,c%d\n')).toBe('a%3Ab%2Cc%25d%0A');
    expect(escapeProperty('%3A')).toBe('%253A');
  });
});
