import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPageReader, parsePageFast } from '../../generator/parse/fast/index.js';
import { parsePage } from '../../generator/parse/page.js';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');

describe('createPageReader', () => {
  it('reads a page the fast reader refuses through remark, and one it accepts without', async () => {
    const read = await createPageReader();
    // Legacy pages (GFM pipe tables) are left to remark.
    const legacyPath = 'providers/okta/application/apps/index.md';
    const legacy = { path: legacyPath, bytes: readFileSync(join(corpus, 'okta-legacy', legacyPath)) };
    expect(parsePageFast(legacy)).toBeNull();
    const viaFallback = read(legacy);
    expect(viaFallback.kind).toBe('resource');
    expect(viaFallback).toEqual(parsePage(legacy));
    const resourcePath = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
    const resource = { path: resourcePath, bytes: readFileSync(join(corpus, 'okta', resourcePath)) };
    expect(parsePageFast(resource)).not.toBeNull();
    expect(read(resource)).toEqual(parsePage(resource));
  });
});
