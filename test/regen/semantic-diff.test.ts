import { describe, expect, it } from 'vitest';
import { formatChanges } from '../../generator/diff/format.js';
import { diffDocuments, type Change } from '../../generator/diff/semantic.js';
import type { IRResource } from '../../generator/ir/types.js';
import { documentOf, jwksResource } from './support/ir.js';

function diffAfter(mutate: (resource: IRResource) => void): Change[] {
  const after = jwksResource();
  mutate(after);
  return diffDocuments(documentOf([jwksResource()]), documentOf([after]));
}

const summary = (changes: Change[]) => changes.map((c) => `${c.breaking ? 'B' : '-'} ${c.kind} ${c.location.join('/')}`);

describe('diffDocuments', () => {
  it('finds no change between equal documents', () => {
    expect(diffDocuments(documentOf([jwksResource()]), documentOf([jwksResource()]))).toEqual([]);
  });

  it.each<[string, (r: IRResource) => void, string[]]>([
    ['a field added', (r) => r.fields.list_keys?.push({ ...r.fields.list_keys![0]!, name: 'kid' }), ['- field-added fields/list_keys/kid']],
    ['a field removed', (r) => r.fields.get_key?.splice(1, 1), ['B field-removed fields/get_key/status']],
    ['a nested field removed', (r) => r.fields.get_key?.[2]?.children.pop(), ['B field-removed fields/get_key/_links/self']],
    ['a field datatype changed', (r) => Object.assign(r.fields.list_keys?.[1] ?? {}, { datatype: 'integer (int64)' }), ['B datatype-changed fields/list_keys/status']],
    ['a method dropped', (r) => r.methods.splice(3, 1), ['B method-removed method/delete_key']],
    ['a SELECT method dropped, its fields with it', (r) => { r.methods.splice(1, 1); delete r.fields.get_key; }, ['B method-removed method/get_key']],
    ['a method added', (r) => r.methods.push({ ...r.methods[3]!, name: 'purge_key' }), ['- method-added method/purge_key']],
    ['a verb changed', (r) => Object.assign(r.methods[3] ?? {}, { verb: 'exec' }), ['B verb-changed method/delete_key']],
    ['a param made required', (r) => Object.assign(r.methods[2] ?? {}, { required: ['subdomain', 'authServerId', 'data__status'], optional: [] }), ['B param-now-required method/add_key/param/data__status']],
    ['a param made optional', (r) => Object.assign(r.methods[2] ?? {}, { required: ['subdomain'], optional: ['authServerId', 'data__status'] }), ['- param-now-optional method/add_key/param/authServerId']],
    ['an optional method param added', (r) => r.methods[0]?.optional.push('limit'), ['- param-added method/list_keys/param/limit']],
    ['a required method param added', (r) => r.methods[0]?.required.push('keyId'), ['B param-added method/list_keys/param/keyId']],
    ['a method param removed', (r) => r.methods[1]?.required.pop(), ['B param-removed method/get_key/param/keyId']],
    ['a resource param removed', (r) => r.params.splice(1, 1), ['B param-removed param/keyId']],
    ['a resource param datatype changed', (r) => Object.assign(r.params[1] ?? {}, { datatype: 'integer' }), ['B datatype-changed param/keyId']],
    ['an enum value removed', (r) => r.manifest[0]?.validValues?.pop(), ['B enum-value-removed manifest/status/INACTIVE']],
    ['an enum value added', (r) => r.manifest[0]?.validValues?.push('RETIRED'), ['- enum-value-added manifest/status/RETIRED']],
    ['an optional manifest prop added', (r) => r.manifest.push({ ...r.manifest[0]!, name: 'use', required: false }), ['- prop-added manifest/use']],
    ['a required manifest prop added', (r) => r.manifest.push({ ...r.manifest[0]!, name: 'use', required: true }), ['B prop-added manifest/use']],
    ['only a description changed', (r) => Object.assign(r.fields.list_keys?.[0] ?? {}, { description: 'Another text' }), ['- description-changed fields/list_keys/id']],
    ['a method description changed', (r) => Object.assign(r.methods[0] ?? {}, { description: 'Lists' }), ['- description-changed method/list_keys']],
    ['a view where a resource was', (r) => Object.assign(r, { kind: 'view' }), ['B kind-changed ']],
  ])('classifies %s', (_name, mutate, expected) => {
    expect(summary(diffAfter(mutate))).toEqual(expected);
  });

  it('reports added and removed resources, sorted by id', () => {
    const other = { ...jwksResource(), id: 'okta.apps.apps', name: 'apps', service: 'apps' };
    const changes = diffDocuments(documentOf([jwksResource()]), documentOf([other]));
    expect(summary(changes)).toEqual(['- resource-added ', 'B resource-removed ']);
    expect(changes.map((c) => c.resource)).toEqual(['okta.apps.apps', 'okta.authorizationservers.oauth2_resource_server_jwks']);
  });

  it('reports provider server params and auth, with an empty resource', () => {
    const before = documentOf([jwksResource()]);
    before.provider.serverParams = [{ name: 'subdomain', description: '' }];
    const after = documentOf([jwksResource()]);
    after.provider.serverParams = [{ name: 'region', description: '' }];
    after.provider.auth.type = 'api_key';
    expect(summary(diffDocuments(before, after))).toEqual(['B auth-changed provider/auth', 'B server-param-added provider/serverParam/region', 'B server-param-removed provider/serverParam/subdomain']);
    expect(diffDocuments(before, after).every((c) => c.resource === '')).toBe(true);
  });

  it('is deterministic whatever the order of the inputs', () => {
    const shuffledResource = jwksResource();
    shuffledResource.methods.reverse();
    shuffledResource.params.reverse();
    const mutated = jwksResource();
    mutated.methods.splice(0, 2);
    const a = diffDocuments(documentOf([shuffledResource]), documentOf([mutated]));
    const b = diffDocuments(documentOf([jwksResource()]), documentOf([mutated]));
    expect(a).toEqual(b);
  });
});

describe('formatChanges', () => {
  const changes = diffAfter((r) => {
    r.methods.splice(3, 1);
    r.methods[0]?.optional.push('limit');
  });

  it('prints text with a count line', () => {
    expect(formatChanges(changes, 'text')).toBe(
      [
        'BREAKING method-removed      okta.authorizationservers.oauth2_resource_server_jwks: method delete_key removed',
        'ok       param-added         okta.authorizationservers.oauth2_resource_server_jwks: method list_keys: param limit added (optional)',
        '2 change(s): 1 breaking, 1 non-breaking',
        '',
      ].join('\n'),
    );
  });

  it('prints a markdown table', () => {
    const text = formatChanges(changes, 'markdown');
    expect(text).toContain('**1 breaking**');
    expect(text).toContain('| ⚠️ breaking | `okta.authorizationservers.oauth2_resource_server_jwks` | method-removed | method delete_key removed |');
    const other = { ...jwksResource(), id: 'okta.apps.apps', name: 'apps', service: 'apps' };
    const added = formatChanges(diffDocuments(documentOf([]), documentOf([other])), 'markdown');
    expect(added).toContain('| non-breaking | `okta.apps.apps` | resource-added | resource okta.apps.apps added |');
  });

  it('prints JSON that round-trips the changes', () => {
    const parsed = JSON.parse(formatChanges(changes, 'json')) as { breaking: number; nonBreaking: number; changes: Change[] };
    expect(parsed).toEqual({ breaking: 1, nonBreaking: 1, changes });
  });
});
