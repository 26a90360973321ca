/**
 * Service `authorizationservers`: every binding renders the shape of its doc example
 * (or differs from it by exactly the reported defect), and every fixture
 * decodes to its method's row type through the client.
 */
import { describe, expect, it } from 'vitest';
import { fixtures, renderExampleShape } from '../src/runtime/index.js';
import { createAuthorizationserversClient } from '../src/authorizationservers/index.js';
import * as oauth2ResourceServerJwks from '../src/authorizationservers/oauth2_resource_server_jwks.js';
import * as service from '../src/fixtures/authorizationservers.js';
import { normalise } from './support.js';

const client = createAuthorizationserversClient({ executor: fixtures({ fixtures: service.fixtures, specs: service.specs }) });

describe("okta.authorizationservers.oauth2_resource_server_jwks", () => {
  it("list_oauth2_resource_server_json_web_keys: the rendered shape is the doc example", () => {
    expect(normalise(renderExampleShape(oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeysSpec))).toBe(normalise(oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeysExample));
  });
  it("list_oauth2_resource_server_json_web_keys: fixture rows decode to the row type", async () => {
    const sample = service.samples.oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeys;
    const rows: oauth2ResourceServerJwks.ListOauth2ResourceServerJsonWebKeysRow[] = await client.oauth2ResourceServerJwks.listOauth2ResourceServerJsonWebKeys(sample.params);
    expect(rows).toEqual(sample.rows);
  });
  it("get_oauth2_resource_server_json_web_key: the rendered shape is the doc example", () => {
    expect(normalise(renderExampleShape(oauth2ResourceServerJwks.getOauth2ResourceServerJsonWebKeySpec))).toBe(normalise(oauth2ResourceServerJwks.getOauth2ResourceServerJsonWebKeyExample));
  });
  it("get_oauth2_resource_server_json_web_key: fixture rows decode to the row type", async () => {
    const sample = service.samples.oauth2ResourceServerJwks.getOauth2ResourceServerJsonWebKey;
    const rows: oauth2ResourceServerJwks.GetOauth2ResourceServerJsonWebKeyRow[] = await client.oauth2ResourceServerJwks.getOauth2ResourceServerJsonWebKey(sample.params);
    expect(rows).toEqual(sample.rows);
  });
  it("add_oauth2_resource_server_json_web_key: the rendered shape is the doc example", () => {
    expect(normalise(renderExampleShape(oauth2ResourceServerJwks.addOauth2ResourceServerJsonWebKeySpec))).toBe(normalise(oauth2ResourceServerJwks.addOauth2ResourceServerJsonWebKeyExample));
  });
  it("delete_oauth2_resource_server_json_web_key: the rendered shape is the doc example", () => {
    expect(normalise(renderExampleShape(oauth2ResourceServerJwks.deleteOauth2ResourceServerJsonWebKeySpec))).toBe(normalise(oauth2ResourceServerJwks.deleteOauth2ResourceServerJsonWebKeyExample));
  });
  it("activate_oauth2_resource_server_json_web_key: the rendered shape is the doc example", () => {
    expect(normalise(renderExampleShape(oauth2ResourceServerJwks.activateOauth2ResourceServerJsonWebKeySpec))).toBe(normalise(oauth2ResourceServerJwks.activateOauth2ResourceServerJsonWebKeyExample));
  });
  it("deactivate_oauth2_resource_server_json_web_key: the rendered shape is the doc example", () => {
    expect(normalise(renderExampleShape(oauth2ResourceServerJwks.deactivateOauth2ResourceServerJsonWebKeySpec))).toBe(normalise(oauth2ResourceServerJwks.deactivateOauth2ResourceServerJsonWebKeyExample));
  });
});
