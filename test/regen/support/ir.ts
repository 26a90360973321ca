import { IR_VERSION, type IRDocument, type IRField, type IRResource } from '../../../generator/ir/types.js';

/** A small hand-made resource shaped like the seed page (okta JWKS), for tests that must not depend on the parser. */
export function jwksResource(): IRResource {
  const source = { path: 'services/authorizationservers/oauth2_resource_server_jwks/index.md', line: 1 };
  const field = (name: string, datatype: string, description: string, children: IRField[] = []): IRField => ({
    name,
    datatype,
    type: datatype.split(' ')[0] ?? '',
    format: null,
    description,
    example: null,
    default: null,
    pattern: null,
    children,
    source,
  });
  const fields = [field('id', 'string', 'The unique ID'), field('status', 'string', 'Status'), field('_links', 'object', 'Links', [field('self', 'object', 'Self link')])];
  return {
    id: 'okta.authorizationservers.oauth2_resource_server_jwks',
    provider: 'okta',
    service: 'authorizationservers',
    name: 'oauth2_resource_server_jwks',
    kind: 'resource',
    description: '',
    source,
    layout: 'current',
    fields: { list_keys: fields, get_key: structuredClone(fields) },
    methods: [
      { name: 'list_keys', verb: 'select', required: ['subdomain', 'authServerId'], optional: [], description: 'List keys', source },
      { name: 'get_key', verb: 'select', required: ['subdomain', 'authServerId', 'keyId'], optional: [], description: 'Get a key', source },
      { name: 'add_key', verb: 'insert', required: ['subdomain', 'authServerId'], optional: ['data__status'], description: 'Add a key', source },
      { name: 'delete_key', verb: 'delete', required: ['subdomain', 'authServerId', 'keyId'], optional: [], description: 'Delete a key', source },
    ],
    params: [
      { name: 'authServerId', datatype: 'string', type: 'string', format: null, description: '`id` of the Authorization Server', source },
      { name: 'keyId', datatype: 'string', type: 'string', format: null, description: '`id` of the key', source },
      { name: 'subdomain', datatype: 'string', type: 'string', format: null, description: 'The domain', source },
    ],
    examples: [],
    manifest: [
      { name: 'status', type: 'string', value: 'string', description: 'Status of the key', validValues: ['ACTIVE', 'INACTIVE'], default: 'ACTIVE', required: false },
      { name: 'subdomain', type: 'string', value: 'string', description: 'The domain', validValues: null, default: null, required: true },
    ],
    view: null,
  };
}

export function documentOf(resources: IRResource[]): IRDocument {
  return {
    irVersion: IR_VERSION,
    provider: { name: 'okta', description: '', services: ['authorizationservers'], auth: { type: null, envVars: [] }, serverParams: [], source: null },
    resources,
  };
}
