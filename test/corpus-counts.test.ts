/**
 * Every page of the real corpora parses without an exception or an error, the
 * IR validates against ir.schema.json, and its counts equal a count made here
 * by plain line scanning of the raw pages — never by calling the parser.
 *
 * The corpora live beside the repo (`../shared/corpus`), as in CI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../generator/diagnostics.js';
import { parseDocs } from '../generator/ir/build.js';
import type { IRDocument } from '../generator/ir/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'generator/ir/ir.schema.json'), 'utf8')) as object;

interface ScannedResource {
  /** verb → method count */
  verbs: Record<string, number>;
  /** SELECT method → distinct field names in its table */
  fields: Record<string, number>;
  params: number;
}

function listPages(dir: string, relative = ''): string[] {
  return readdirSync(path.join(dir, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listPages(dir, child);
    return /\.mdx?$/.test(entry.name) ? [child] : [];
  });
}

/** The lines from `## Title` (exclusive) up to the next `## ` heading. */
function region(lines: string[], title: RegExp): string[] {
  const start = lines.findIndex((line) => title.test(line));
  if (start === -1) return [];
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, end === -1 ? lines.length : end);
}

const distinct = (names: string[]) => new Set(names).size;

/** Counts by line scanning only: the Id row, `## Methods` rows, `<TabItem>` field rows, `<tr id="parameter-` rows. */
function scanPage(text: string): { id: string; resource: ScannedResource } | null {
  const id = /<tr><td><b>Id<\/b><\/td><td><CopyableCode code="([^"]+)" \/><\/td><\/tr>/.exec(text)?.[1];
  if (!id) return null;
  const lines = text.split('\n');
  const verbs: Record<string, number> = {};
  const selects: string[] = [];
  const methodLines = region(lines, /^## Methods\s*$/);
  const legacy = methodLines.some((line) => line.startsWith('| '));
  if (legacy) {
    for (const line of methodLines.filter((l) => l.startsWith('| <CopyableCode'))) {
      const [, nameCell = '', verbCell = ''] = line.split('|');
      const verb = verbCell.trim().replaceAll('`', '').toLowerCase();
      verbs[verb] = (verbs[verb] ?? 0) + 1;
      if (verb === 'select') selects.push(/code="([^"]+)"/.exec(nameCell)?.[1] ?? '');
    }
  } else {
    methodLines.forEach((line, i) => {
      const name = /^\s*<td><a href="#[^"]*"><CopyableCode code="([^"]+)" \/><\/a><\/td>$/.exec(line)?.[1];
      const verb = /^\s*<td><CopyableCode code="([a-z]+)" \/><\/td>$/.exec(methodLines[i + 1] ?? '')?.[1];
      if (name === undefined || verb === undefined) return;
      verbs[verb] = (verbs[verb] ?? 0) + 1;
      if (verb === 'select') selects.push(name);
    });
  }
  const fields: Record<string, number> = {};
  const fieldLines = region(lines, /^## Fields\s*$/);
  if (legacy) {
    const names = fieldLines.filter((l) => l.startsWith('| <CopyableCode')).map((l) => /code="([^"]+)"/.exec(l)?.[1] ?? '');
    if (names.length > 0) for (const method of selects) fields[method] = distinct(names);
  } else {
    let tab: string | null = null;
    let names: string[] = [];
    fieldLines.forEach((line, i) => {
      const opened = /<TabItem value="([^"]+)">/.exec(line)?.[1];
      if (opened !== undefined) {
        tab = opened;
        names = [];
      } else if (line.includes('</TabItem>') && tab !== null) {
        fields[tab] = distinct(names);
        tab = null;
      } else if (tab !== null && /^\s*<tr>\s*$/.test(line)) {
        const name = /^\s*<td><CopyableCode code="([^"]*)" \/><\/td>$/.exec(fieldLines[i + 1] ?? '')?.[1];
        if (name !== undefined) names.push(name);
      }
    });
  }
  const params = distinct([...text.matchAll(/<tr id="parameter-([^"]+)">/g)].map((m) => m[1] ?? ''));
  return { id, resource: { verbs, fields, params } };
}

function scanCorpus(root: string): Map<string, ScannedResource> {
  const scanned = new Map<string, ScannedResource>();
  for (const page of listPages(root)) {
    const found = scanPage(readFileSync(path.join(root, page), 'utf8'));
    if (found) scanned.set(found.id, found.resource);
  }
  return scanned;
}

function countsOf(document: IRDocument): Map<string, ScannedResource> {
  return new Map(
    document.resources.map((resource) => {
      const verbs: Record<string, number> = {};
      for (const method of resource.methods) verbs[method.verb] = (verbs[method.verb] ?? 0) + 1;
      const fields = Object.fromEntries(Object.entries(resource.fields).map(([method, list]) => [method, list.length]));
      return [resource.id, { verbs, fields, params: resource.params.length }];
    }),
  );
}

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

for (const corpus of ['okta', 'github', 'okta-legacy']) {
  describe(`corpus ${corpus}`, () => {
    let document: IRDocument;
    let diagnostics: Diagnostic[];
    beforeAll(async () => {
      ({ document, diagnostics } = await parseDocs(path.join(corpusRoot, corpus)));
    });

    it('parses every page without an error diagnostic', () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('validates against ir.schema.json', () => {
      const json = JSON.parse(JSON.stringify(document)) as unknown;
      expect(validate(json) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    });

    it('has the resources, methods per verb, fields per method and params a line scan finds', () => {
      const expected = scanCorpus(path.join(corpusRoot, corpus));
      expect(expected.size).toBeGreaterThan(50);
      // The scan itself must have found something, or equal counts would prove nothing.
      const scannedMethods = [...expected.values()].reduce((sum, r) => sum + Object.values(r.verbs).reduce((a, b) => a + b, 0), 0);
      const scannedFields = [...expected.values()].reduce((sum, r) => sum + Object.values(r.fields).reduce((a, b) => a + b, 0), 0);
      expect(scannedMethods).toBeGreaterThan(expected.size);
      expect(scannedFields).toBeGreaterThan(expected.size);
      const actual = countsOf(document);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, scanned] of expected) expect({ id, ...actual.get(id) }).toEqual({ id, ...scanned });
    });
  });
}
