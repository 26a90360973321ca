import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePageFast } from '../../generator/parse/fast/index.js';
import { parsePage } from '../../generator/parse/page.js';

const seedPath = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
const seed = readFileSync(new URL(`../../docs/${seedPath}`, import.meta.url), 'utf8');

/** Fields are keyed by SELECT method name, which the docs may make anything, `Object.prototype`'s own names included. */
describe('fields keyed by method names', () => {
  for (const name of ['__proto__', 'constructor', 'toString']) {
    it(`keeps a SELECT method called ${name} as an own key, with both readers`, () => {
      const text = seed.replaceAll('list_oauth2_resource_server_json_web_keys', name);
      for (const read of [parsePage, parsePageFast]) {
        const parsed = read({ path: seedPath, bytes: Buffer.from(text, 'utf8') });
        if (parsed?.kind !== 'resource') throw new Error('not read as a resource page');
        const fields = parsed.resource.fields;
        expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
        expect(Object.keys(fields)).toContain(name);
        expect(Object.getOwnPropertyDescriptor(fields, name)).toMatchObject({ enumerable: true, writable: true, configurable: true });
        expect(fields[name]?.map((field) => field.name)).toContain('kid');
      }
    });
  }
});
