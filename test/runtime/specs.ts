/**
 * Hand-written method specs for runtime tests, modelled on the seed page
 * (okta.authorizationservers.oauth2_resource_server_jwks) and on the okta
 * `users` page (several optional params, odd names, EXEC with a body).
 */
import type { ColumnSpec, DataSpec, MethodSpec, ParamSpec } from '../../templates/runtime/spec.js';

const col = (name: string, type: string, format: string | null = null): ColumnSpec => ({ name, type, format });
const param = (name: string, type: string, required = false, server = false): ParamSpec => ({ name, type, format: null, required, server });
const prop = (name: string, target: string, type: string, required = false, validValues: string[] | null = null): DataSpec => ({
  name,
  target,
  type,
  format: null,
  required,
  validValues,
});

const SUBDOMAIN = param('subdomain', 'string', true, true);
const JWKS = 'okta.authorizationservers.oauth2_resource_server_jwks';

export const jwkColumns: ColumnSpec[] = [
  col('id', 'string'),
  col('_links', 'object'),
  col('created', 'string', 'date-time'),
  col('e', 'string'),
  col('kid', 'string'),
  col('kty', 'string'),
  col('lastUpdated', 'string', 'date-time'),
  col('n', 'string'),
  col('status', 'string'),
  col('use', 'string'),
];

export const listJwks: MethodSpec = {
  resource: JWKS,
  method: 'list_oauth2_resource_server_json_web_keys',
  verb: 'select',
  params: [SUBDOMAIN],
  data: [],
  columns: jwkColumns,
};

export const addJwk: MethodSpec = {
  resource: JWKS,
  method: 'add_oauth2_resource_server_json_web_key',
  verb: 'insert',
  params: [SUBDOMAIN],
  data: [
    prop('e', 'data__e', 'string'),
    prop('kid', 'data__kid', 'string'),
    prop('kty', 'data__kty', 'string'),
    prop('n', 'data__n', 'string'),
    prop('status', 'data__status', 'string', false, ['ACTIVE', 'INACTIVE']),
    prop('use', 'data__use', 'string'),
  ],
  columns: jwkColumns,
};

export const deleteJwk: MethodSpec = {
  resource: JWKS,
  method: 'delete_oauth2_resource_server_json_web_key',
  verb: 'delete',
  params: [SUBDOMAIN],
  data: [],
  columns: [],
};

export const activateJwk: MethodSpec = {
  resource: JWKS,
  method: 'activate_oauth2_resource_server_json_web_key',
  verb: 'exec',
  params: [SUBDOMAIN],
  data: [],
  columns: [],
};

export const userColumns: ColumnSpec[] = [
  col('id', 'string'),
  col('activated', 'string', 'date-time'),
  col('credentials', 'object'),
  col('profile', 'object'),
  col('status', 'string'),
  col('type', 'object'),
];

export const listUsers: MethodSpec = {
  resource: 'okta.users.users',
  method: 'list_users',
  verb: 'select',
  params: [
    SUBDOMAIN,
    param('Content-Type', 'string'),
    param('search', 'string'),
    param('filter', 'string'),
    param('q', 'string'),
    param('after', 'string'),
    param('limit', 'integer'),
    param('sortBy', 'string'),
    param('sortOrder', 'string'),
    param('expand', 'string'),
  ],
  data: [],
  columns: userColumns,
};

export const updateUser: MethodSpec = {
  resource: 'okta.users.users',
  method: 'update_user',
  verb: 'update',
  params: [SUBDOMAIN, param('strict', 'boolean'), param('If-Match', 'string')],
  data: [prop('credentials', 'data__credentials', 'object'), prop('profile', 'data__profile', 'object'), prop('realmId', 'data__realmId', 'string')],
  columns: userColumns,
};

export const replaceUser: MethodSpec = { ...updateUser, method: 'replace_user', verb: 'replace' };

export const changePassword: MethodSpec = {
  resource: 'okta.users.users',
  method: 'change_password',
  verb: 'exec',
  params: [SUBDOMAIN, param('strict', 'boolean')],
  data: [prop('newPassword', 'newPassword', 'object'), prop('oldPassword', 'oldPassword', 'object'), prop('revokeSessions', 'revokeSessions', 'boolean')],
  columns: [],
};

/** Every type the decoder knows, plus an untyped column and odd names. */
export const typedColumns: ColumnSpec[] = [
  col('name', 'string'),
  col('count', 'integer', 'int64'),
  col('ratio', 'number'),
  col('enabled', 'boolean'),
  col('settings', 'object'),
  col('tags', 'array'),
  col('misc', ''),
  col('x5t#S256', 'string'),
  col('@odata.type', 'string'),
];

export const listTyped: MethodSpec = {
  resource: 'demo.things.things',
  method: 'list_things',
  verb: 'select',
  params: [param('region', 'string', true, true)],
  data: [],
  columns: typedColumns,
};
