import { describe, expect, it } from 'vitest';
import { computeDrift, isClean } from '../../generator/diff/drift.js';
import type { OutputReader } from '../../generator/write/index.js';
import { documentOf, jwksResource } from './support/ir.js';

const document = documentOf([jwksResource()]);
const irText = `${JSON.stringify(document, null, 2)}\n`;

/** An out dir whose record lists exactly `files`, all present. */
function snapshot(files: Record<string, string>): OutputReader {
  const texts = new Map(Object.entries(files));
  return {
    record: { format: 1, generator: 'stackql-codegen', files: {} },
    recordError: null,
    recorded: [...texts.keys()].sort(),
    read: (path) => Promise.resolve(texts.get(path) ?? null),
    readBytes: (path) => Promise.resolve(texts.has(path) ? Buffer.from(texts.get(path) as string) : null),
  };
}

describe('computeDrift', () => {
  const options = { irPath: 'ir.json', maxDiffLines: 40 };

  it('is clean when the out dir holds exactly the files (the record aside)', async () => {
    const drift = await computeDrift(snapshot({ '.stackql-codegen.json': '{}', 'a.ts': 'a\n', 'ir.json': irText }), [{ path: 'a.ts', contents: 'a\n' }, { path: 'ir.json', contents: irText }], document, options);
    expect(isClean(drift)).toBe(true);
    expect(drift.semantic).toEqual([]);
  });

  it('lists added, removed and changed files, with a diff of each change and the API changes', async () => {
    const older = documentOf([{ ...jwksResource(), methods: jwksResource().methods.slice(0, 1) }]);
    const drift = await computeDrift(
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

  it('has no API changes to show when the out dir holds no readable ir.json', async () => {
    expect((await computeDrift(snapshot({}), [{ path: 'ir.json', contents: irText }], document, options)).semantic).toBeNull();
    expect((await computeDrift(snapshot({ 'ir.json': '{not json' }), [{ path: 'ir.json', contents: irText }], document, options)).semantic).toBeNull();
  });
});

describe('computeDrift with chunked contents', () => {
  const options = { irPath: 'ir.json', maxDiffLines: 40 };
  const chunked = (...pieces: string[]) => ({ chunks: () => pieces });

  it('is clean when the pieces join to the file on disk, however they are cut', async () => {
    const cuts = [[irText], [irText.slice(0, 1), irText.slice(1)], [...irText], ['', irText.slice(0, 100), '', irText.slice(100)]];
    for (const pieces of cuts) {
      const drift = await computeDrift(snapshot({ 'ir.json': irText }), [{ path: 'ir.json', contents: chunked(...pieces) }], document, options);
      expect(isClean(drift)).toBe(true);
    }
  });

  it('counts a file as changed when the pieces stop short, run on, or differ, and diffs the joined text', async () => {
    const cases: [string[], string][] = [
      [['one\n'], '-two'],
      [['one\ntwo\n', 'three\n'], '+three'],
      [['one\n', 'TWO\n'], '-two\n+TWO'],
    ];
    for (const [pieces, shown] of cases) {
      const drift = await computeDrift(snapshot({ 'a.txt': 'one\ntwo\n' }), [{ path: 'a.txt', contents: chunked(...pieces) }], document, options);
      expect(drift.changed.map((change) => change.path)).toEqual(['a.txt']);
      expect(drift.changed[0]?.diff).toContain(shown);
    }
  });
});
