/**
 * Service keys (see `serviceKey`) stand for everything a service's files
 * are made from, each resource by the digest of its text in `ir.json`
 * (`ResourceJson`). The digest must not depend on whether `ir.json` or a
 * key reached the resource first, `ir.json` must be written exactly as
 * without digests, and a key must change with any of its service's IR and
 * with nothing else's.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../generator/emit/contents.js';
import { jsonFile, jsonFileChunks } from '../../generator/emit/literal.js';
import { planPackage, type ServiceOutput, type ServiceReuse } from '../../generator/emit/model/package.js';
import { ResourceJson } from '../../generator/emit/model/resource-json.js';
import { runtimeSources } from '../../generator/emit/templates.js';
import { parseDocs } from '../../generator/ir/build.js';
import type { IRDocument } from '../../generator/ir/types.js';
import type { ChunkedText } from '../../generator/emit/types.js';
import { OPTIONS, REPO } from './support.js';

// okta: many services, several resources each.
const { document: seed } = await parseDocs(join(REPO, '..', 'shared', 'corpus', 'okta'));

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The text of `resources[index]` as `ir.json` holds it, cut out of `JSON.stringify(doc, null, 2)` by hand. */
function resourceTextInFile(doc: IRDocument, index: number): string {
  const item = JSON.stringify({ resources: [doc.resources[index]] }, null, 2);
  // `{\n  "resources": [\n    ` … `\n  ]\n}`
  return item.slice('{\n  "resources": [\n    '.length, item.length - '\n  ]\n}'.length);
}

/**
 * The keys `planPackage` gives each service directory, with `ir.json`
 * read before the services (as the writer does) or after them all.
 */
function keysOf(doc: IRDocument, irJsonFirst: boolean): Map<string, ServiceOutput> {
  const outputs = new Map<string, ServiceOutput>();
  const reuse: ServiceReuse = { contextKey: 'context', reuse: () => null, planned: (dir: string, output: ServiceOutput) => void outputs.set(dir, output) };
  let irJson: ChunkedText | null = null;
  for (const file of planPackage(doc, { ...OPTIONS, reuse }, runtimeSources())) {
    if (file.path !== 'ir.json' || !('contents' in file) || typeof file.contents === 'string') continue;
    irJson = file.contents;
    if (irJsonFirst) expect(textOf(irJson)).toBe(jsonFile(doc));
  }
  expect(irJson).not.toBeNull();
  if (!irJsonFirst) expect(textOf(irJson!)).toBe(jsonFile(doc));
  return outputs;
}

function keys(outputs: Map<string, ServiceOutput>): Map<string, string> {
  return new Map([...outputs].map(([dir, output]) => [dir, output.key]));
}

describe('ResourceJson', () => {
  it('digests each resource as the sha256 of its text in ir.json, whichever side reaches it first', () => {
    expect(seed.resources.length).toBeGreaterThan(100);
    const keyFirst = new ResourceJson(seed.resources);
    const digests = seed.resources.map((resource) => keyFirst.digest(resource));
    seed.resources.forEach((_, index) => expect(digests[index]).toBe(sha256(resourceTextInFile(seed, index))));

    const fileFirst = new ResourceJson(seed.resources);
    expect(textOf(jsonFileChunks(seed, 2, fileFirst.textOf))).toBe(jsonFile(seed));
    expect(seed.resources.map((resource) => fileFirst.digest(resource))).toEqual(digests);
    // Read again after the digests are known: the same text.
    expect(textOf(jsonFileChunks(seed, 2, keyFirst.textOf))).toBe(jsonFile(seed));
  });

  it('gives text only for the document\'s resources at their depth', () => {
    const json = new ResourceJson(seed.resources);
    const resource = seed.resources[0]!;
    expect(json.textOf(resource, 1)).toBeNull();
    expect(json.textOf(structuredClone(resource), 2)).toBeNull();
    expect(json.textOf(seed.provider, 2)).toBeNull();
    expect(json.textOf(resource, 2)).toBe(resourceTextInFile(seed, 0));
  });
});

describe('service keys', () => {
  it('are the same whether ir.json is read before the services or after them', () => {
    const first = keys(keysOf(seed, true));
    expect(first.size).toBeGreaterThan(10);
    expect(keys(keysOf(structuredClone(seed), false))).toEqual(first);
  });

  it('change with any IR of the service, and only that service\'s', () => {
    const outputs = keysOf(seed, true);
    const before = keys(outputs);
    const target = seed.resources.find((resource) => resource.methods.length > 0)!;
    const edits: Array<(doc: IRDocument) => void> = [
      (doc) => void (doc.resources.find((r) => r.id === target.id)!.description += ' (edited)'),
      (doc) => void (doc.resources.find((r) => r.id === target.id)!.methods[0]!.source.line += 1),
      (doc) => void doc.resources.find((r) => r.id === target.id)!.methods[0]!.optional.push('added'),
    ];
    const targetDir = [...outputs].find(([, output]) => output.summary.resources.some((resource) => resource.id === target.id))![0];
    for (const edit of edits) {
      const edited = structuredClone(seed);
      edit(edited);
      const after = keys(keysOf(edited, true));
      expect([...after.keys()]).toEqual([...before.keys()]);
      const changed = [...after].filter(([dir, key]) => before.get(dir) !== key).map(([dir]) => dir);
      expect(changed).toEqual([targetDir]);
    }
  });

  it('change for every service with the provider', () => {
    const before = keys(keysOf(seed, true));
    const edited = structuredClone(seed);
    edited.provider.description += ' (edited)';
    const after = keys(keysOf(edited, true));
    for (const [dir, key] of before) expect(after.get(dir)).not.toBe(key);
  });
});
