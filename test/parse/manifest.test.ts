import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseManifest } from '../../generator/parse/sections/manifest.js';

/**
 * Which text the manifest is read from when a description's later lines
 * lost their indentation: the repaired text only where the written one is
 * not valid YAML and the repaired one is; the written text, as written,
 * wherever it is valid, even if the repair would change it.
 */
describe('parseManifest: written or repaired text', () => {
  const manifest = (...lines: string[]) => lines.join('\n');
  const head = ['- name: r', '  props:', '    - name: profile', '      value: object', '      description: >', '        First line.'];

  it('reads the repaired text where the written one is broken', () => {
    const yaml = manifest(...head, 'Second line, unindented.', '    - name: realm', '      value: string');
    expect(parseDocument(yaml).errors.length).toBeGreaterThan(0);
    const { props, problems } = parseManifest(yaml);
    expect(problems).toEqual([{ code: 'manifest/unindented-block', line: 7, column: 1, message: expect.any(String) }]);
    expect(props.map((prop) => [prop.name, prop.description])).toEqual([
      ['profile', 'First line. Second line, unindented.'],
      ['realm', ''],
    ]);
  });

  it('keeps a valid written text that the repair would change (a comment, a list item after the block)', () => {
    const withComment = manifest(...head, '# a comment at the margin', '    - name: realm', '      value: string');
    const withItem = manifest(...head, '    - name: realm', '      value: string', '- name: other', '  props:', '    - name: zone', '      value: string');
    for (const yaml of [withComment, withItem]) {
      expect(parseDocument(yaml).errors).toEqual([]);
      const { props, problems } = parseManifest(yaml);
      expect(problems).toEqual([]);
      expect(props[0]?.description).toBe('First line.');
    }
    expect(parseManifest(withItem).props.map((prop) => prop.name)).toEqual(['profile', 'realm', 'zone']);
  });

  it('reports the written text first error where the repair does not help', () => {
    const yaml = manifest(...head, 'Second line, unindented.', '    - name: [realm', '      value: string');
    const { props, problems } = parseManifest(yaml);
    const firstError = parseDocument(yaml, { prettyErrors: false }).errors[0];
    expect(firstError).toBeDefined();
    expect(props).toEqual([]);
    // The written text breaks first at its unindented line 7; the repaired text only at line 8's `[`.
    expect(problems).toEqual([{ code: 'manifest/invalid-yaml', line: 7, column: 1, message: `the manifest is not valid YAML: ${firstError?.message.split('\n', 1)[0]}` }]);
  });

  it('reports a broken manifest the repair does not touch', () => {
    const { problems } = parseManifest(manifest('- name: r', '  props: [a', '    - name: b'));
    expect(problems).toMatchObject([{ code: 'manifest/invalid-yaml', line: expect.any(Number) }]);
  });
});
