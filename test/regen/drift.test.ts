import { describe, expect, it } from 'vitest';
import { computeDrift, isClean } from '../../generator/diff/drift.js';
import type { OutputSnapshot } from '../../generator/write/index.js';
import { documentOf, jwksResource } from './support/ir.js';

const document = documentOf([jwksResource()]);
const irText = `${JSON.stringify(document, null, 2)}\n`;

function snapshot(files: Record<string, string>): OutputSnapshot {
  return { record: { format: 1, generator: 'stackql-codegen', files: {} }, recordError: null, files: new Map(Object.entries(files)) };
}

describe('computeDrift', () => {
  const options = { irPath: 'ir.json', maxDiffLines: 40 };

  it('is clean when the out dir holds exactly the files (the record aside)', () => {
    const drift = computeDrift(snapshot({ '.stackql-codegen.json': '{}', 'a.ts': 'a\n', 'ir.json': irText }), [{ path: 'a.ts', contents: 'a\n' }, { path: 'ir.json', contents: irText }], document, options);
    expect(isClean(drift)).toBe(true);
    expect(drift.semantic).toEqual([]);
  });

  it('lists added, removed and changed files, with a diff of each change and the API changes', () => {
    const older = documentOf([{ ...jwksResource(), methods: jwksResource().methods.slice(0, 1) }]);
    const drift = computeDrift(
      snapshot({ 'gone.ts': 'x\n', 'a.ts': 'one\ntwo\n', 'ir.json': `${JSON.stringify(older, null, 2)}\n` }),
      [
        { path: 'a.ts', contents: 'one\nTWO\n' },
        { path: 'new.ts', contents: 'n\n' },
        { path: 'ir.json', contents: irText },
      ],
      document,
      options,
    );
    expect(drift.added).toEqual(['new.ts']);
    expect(drift.removed).toEqual(['gone.ts']);
    expect(drift.changed.map((c) => c.path)).toEqual(['a.ts', 'ir.json']);
    expect(drift.changed[0]?.diff).toBe('--- a/a.ts\n+++ b/a.ts\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n');
    expect(drift.semantic?.map((c) => `${c.kind} ${c.location.join('/')}`)).toEqual([
      'method-added method/add_key',
      'method-added method/delete_key',
      'method-added method/get_key',
    ]);
  });

  it('has no API changes to show when the out dir holds no readable ir.json', () => {
    expect(computeDrift(snapshot({}), [{ path: 'ir.json', contents: irText }], document, options).semantic).toBeNull();
    expect(computeDrift(snapshot({ 'ir.json': '{not json' }), [{ path: 'ir.json', contents: irText }], document, options).semantic).toBeNull();
  });
});
