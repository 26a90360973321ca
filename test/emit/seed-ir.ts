/**
 * The IR of the seed page, written by hand from the page itself
 * (docs/services/authorizationservers/oauth2_resource_server_jwks/index.md)
 * and FORMAT.md, so emitter tests do not depend on the parser. Example SQL is
 * taken verbatim from the page's ```sql fences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IRDocument, IRExampleSlot, IRField, IRResource } from '../../generator/ir/types.js';
import { IR_VERSION } from '../../generator/ir/types.js';

export const SEED_DOCS = join(import.meta.dirname, '..', '..', 'docs');
const PAGE = 'services/authorizationservers/oauth2_resource_server_jwks/index.md';
const ID = 'okta.authorizationservers.oauth2_resource_server_jwks';

function sqlFences(): Array<{ sql: string; line: number }> {
  const lines = readFileSync(join(SEED_DOCS, PAGE), 'utf8').split('\n');
  const fences: Array<{ sql: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```sql') continue;
    const end = lines.indexOf('```', i + 1);
    fences.push({ sql: lines.slice(i + 1, end).join('\n'), line: i + 1 });
    i = end;
  }
  return fences;
}

const at = (line: number) => ({ path: PAGE, line });

const LINKS =
  'Specifies link relations (see [Web Linking](https://www.rfc-editor.org/rfc/rfc8288)) available for the current status of a JSON Web Key using the [JSON Hypertext Application Language](https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-06) specification. This object is used for dynamic discovery of related resources and lifecycle operations.';

const FIELD_ROWS: Array<[string, string, string, string | null, string | null]> = [
  ['id', 'string', 'The unique ID of the JSON Web Key (example: apk2f4zrZbs8nUa7p0g4)', 'apk2f4zrZbs8nUa7p0g4', null],
  ['_links', 'object', LINKS, null, null],
  ['created', 'string', 'Timestamp when the JSON Web Key was created (example: 2023-02-21T20:08:24.000Z)', '2023-02-21T20:08:24.000Z', null],
  ['e', 'string', 'RSA key value (exponent) for key binding (example: AQAB)', 'AQAB', null],
  ['kid', 'string', "Unique identifier of the JSON Web Key in the Custom Authorization Server's Public JWKS (example: SIMcCQNY3uwXoW3y0vf6VxiBb5n9pf8L2fK8d-FIbm4)", 'SIMcCQNY3uwXoW3y0vf6VxiBb5n9pf8L2fK8d-FIbm4', null],
  ['kty', 'string', "Cryptographic algorithm family for the certificate's key pair (example: RSA)", 'RSA', null],
  ['lastUpdated', 'string', 'Timestamp when the JSON Web Key was updated (example: 2023-02-21T20:08:24.000Z)', '2023-02-21T20:08:24.000Z', null],
  ['n', 'string', 'RSA key value (modulus) for key binding (example: mkC6yAJVvFwUlmM9gKjb2d)', 'mkC6yAJVvFwUlmM9gKjb2d', null],
  ['status', 'string', 'The status of the encryption key. You can use only an `ACTIVE` key to encrypt tokens issued by the authorization server. (example: ACTIVE, default: ACTIVE)', 'ACTIVE', 'ACTIVE'],
  ['use', 'string', 'Acceptable use of the JSON Web Key (example: enc)', 'enc', null],
];

function fields(firstLine: number): IRField[] {
  return FIELD_ROWS.map(([name, type, description, example, dflt], index) => ({
    name,
    datatype: type,
    type,
    format: null,
    description,
    example,
    default: dflt,
    pattern: null,
    children: [],
    source: at(firstLine + index * 5),
  }));
}

const COLUMNS = FIELD_ROWS.map(([name]) => name);
const subdomainWhere: IRExampleSlot = { clause: 'where', target: 'subdomain', placeholder: 'subdomain', quoting: 'quoted', literal: null, required: true };
const quotedValue = (target: string, placeholder: string): IRExampleSlot => ({ clause: 'values', target, placeholder, quoting: 'quoted', literal: null, required: false });

const LIST = 'list_oauth2_resource_server_json_web_keys';
const GET = 'get_oauth2_resource_server_json_web_key';
const ADD = 'add_oauth2_resource_server_json_web_key';
const DELETE = 'delete_oauth2_resource_server_json_web_key';
const ACTIVATE = 'activate_oauth2_resource_server_json_web_key';
const DEACTIVATE = 'deactivate_oauth2_resource_server_json_web_key';

export function seedResource(): IRResource {
  const [list, get, add, del, activate, deactivate] = sqlFences();
  if (!list || !get || !add || !del || !activate || !deactivate) throw new Error('seed page lost its examples');
  const method = (name: string, verb: IRResource['methods'][number]['verb'], description: string, line: number) => ({
    name,
    verb,
    required: ['subdomain'],
    optional: [],
    description,
    source: at(line),
  });
  return {
    id: ID,
    provider: 'okta',
    service: 'authorizationservers',
    name: 'oauth2_resource_server_jwks',
    kind: 'resource',
    description: 'Query, deploy and manage okta resources using SQL',
    source: at(1),
    layout: 'current',
    fields: { [LIST]: fields(53), [GET]: fields(125) },
    methods: [
      method(LIST, 'select', 'Lists all the public keys used by the custom authorization server', 211),
      method(GET, 'select', 'Retrieves a custom authorization server public JSON web key by key `id`', 218),
      method(ADD, 'insert', "Adds a new JSON Web Key to the custom authorization server`s JSON web keys.<br />&gt; **Note:** This API doesn't allow you to add a key with an ACTIVE status.", 225),
      method(DELETE, 'delete', 'Deletes a custom authorization server public JSON web key by key `id`. You can only delete an inactive key.', 232),
      method(ACTIVATE, 'exec', 'Activates a custom authorization server public JSON web key by key `id`.', 239),
      method(DEACTIVATE, 'exec', 'Deactivates a custom authorization server public JSON web key by key `id`.', 246),
    ],
    params: [
      {
        name: 'subdomain',
        datatype: 'string',
        type: 'string',
        format: null,
        description:
          'The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org)',
        source: at(269),
      },
    ],
    examples: [
      { verb: 'select', method: LIST, sql: list.sql, description: 'Lists all the public keys used by the custom authorization server', source: at(list.line), structure: { statement: 'select', target: ID, columns: COLUMNS, slots: [subdomainWhere], returning: [] } },
      { verb: 'select', method: GET, sql: get.sql, description: 'Retrieves a custom authorization server public JSON web key by key `id`', source: at(get.line), structure: { statement: 'select', target: ID, columns: COLUMNS, slots: [subdomainWhere], returning: [] } },
      {
        verb: 'insert',
        method: ADD,
        sql: add.sql,
        description: 'Adds a new JSON Web Key to the custom authorization server`s JSON web keys.',
        source: at(add.line),
        structure: {
          statement: 'insert',
          target: ID,
          columns: ['data__e', 'data__kid', 'data__kty', 'data__n', 'data__status', 'data__use', 'subdomain'],
          slots: [
            quotedValue('data__e', 'e'),
            quotedValue('data__kid', 'kid'),
            quotedValue('data__kty', 'kty'),
            quotedValue('data__n', 'n'),
            quotedValue('data__status', 'status'),
            quotedValue('data__use', 'use'),
            quotedValue('subdomain', 'subdomain'),
          ],
          returning: COLUMNS,
        },
      },
      { verb: 'delete', method: DELETE, sql: del.sql, description: 'Deletes a custom authorization server public JSON web key by key `id`. You can only delete an inactive key.', source: at(del.line), structure: { statement: 'delete', target: ID, columns: [], slots: [subdomainWhere], returning: [] } },
      { verb: 'exec', method: ACTIVATE, sql: activate.sql, description: 'Activates a custom authorization server public JSON web key by key `id`.', source: at(activate.line), structure: { statement: 'exec', target: ID, columns: [], slots: [{ ...subdomainWhere, clause: 'exec' }], returning: [] } },
      { verb: 'exec', method: DEACTIVATE, sql: deactivate.sql, description: 'Deactivates a custom authorization server public JSON web key by key `id`.', source: at(deactivate.line), structure: { statement: 'exec', target: ID, columns: [], slots: [{ ...subdomainWhere, clause: 'exec' }], returning: [] } },
    ],
    manifest: [
      { name: 'subdomain', type: 'string', value: 'string', description: 'Required parameter for the oauth2_resource_server_jwks resource.', validValues: null, default: null, required: true },
      { name: 'e', type: 'string', value: 'string', description: 'RSA key value (exponent) for key binding\n', validValues: null, default: null, required: false },
      { name: 'kid', type: 'string', value: 'string', description: "Unique identifier of the JSON web key in the custom authorization server's public JWKS\n", validValues: null, default: null, required: false },
      { name: 'kty', type: 'string', value: 'string', description: "Cryptographic algorithm family for the certificate's key pair\n", validValues: null, default: null, required: false },
      { name: 'n', type: 'string', value: 'string', description: 'RSA key value (modulus) for key binding\n', validValues: null, default: null, required: false },
      { name: 'status', type: 'string', value: 'string', description: 'Status of the JSON Web Key\n', validValues: ['ACTIVE', 'INACTIVE'], default: null, required: false },
      { name: 'use', type: 'string', value: 'string', description: 'Acceptable use of the JSON Web Key\n', validValues: null, default: null, required: false },
    ],
    view: null,
  };
}

export function seedDocument(): IRDocument {
  return {
    irVersion: IR_VERSION,
    provider: {
      name: 'okta',
      description: '',
      services: ['authorizationservers'],
      auth: { type: null, envVars: [] },
      serverParams: [],
      source: null,
    },
    resources: [seedResource()],
  };
}
