/**
 * `okta.authorizationservers.oauth2_resource_server_jwks`
 *
 * Query, deploy and manage okta resources using SQL
 */
import {
  callMethod,
  renderStatement,
  type CallOptions,
  type ClientContext,
  type JsonValue,
  type MethodSpec,
  type SelectOptions,
  type Selected,
} from '../runtime/index.js';

/** The page's metadata, as the docs write it. */
export const resourceInfo = { id: "okta.authorizationservers.oauth2_resource_server_jwks", name: "oauth2_resource_server_jwks", service: "authorizationservers", kind: "resource", description: "Query, deploy and manage okta resources using SQL", methods: [{ name: "list_oauth2_resource_server_json_web_keys", verb: "select", required: ["subdomain"], optional: [], description: "Lists all the public keys used by the custom authorization server" }, { name: "get_oauth2_resource_server_json_web_key", verb: "select", required: ["subdomain"], optional: [], description: "Retrieves a custom authorization server public JSON web key by key `id`" }, { name: "add_oauth2_resource_server_json_web_key", verb: "insert", required: ["subdomain"], optional: [], description: "Adds a new JSON Web Key to the custom authorization server`s JSON web keys.\n> **Note:** This API doesn't allow you to add a key if the existing key doesn't have a `kid`. Use the [Replace an Authorization Server](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServer/#tag/AuthorizationServer/operation/replaceAuthorizationServer) operation to update the JWKS or [Delete a Custom Authorization Server Public JSON Web Key](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OAuth2ResourceServerCredentialsKeys/#tag/OAuth2ResourceServerCredentialsKeys/operation/deleteOAuth2ResourceServerJsonWebKey) and re-add the key with a `kid`.\n> **Note:** This API doesn't allow you to add a key with an ACTIVE status. You need to add an INACTIVE key first, and then ACTIVATE the key." }, { name: "delete_oauth2_resource_server_json_web_key", verb: "delete", required: ["subdomain"], optional: [], description: "Deletes a custom authorization server public JSON web key by key `id`. You can only delete an inactive key." }, { name: "activate_oauth2_resource_server_json_web_key", verb: "exec", required: ["subdomain"], optional: [], description: "Activates a custom authorization server public JSON web key by key `id`.\n> **Note:** You can have only one active key at any given time for the authorization server. When you activate an inactive key, Okta automatically deactivates the current active key." }, { name: "deactivate_oauth2_resource_server_json_web_key", verb: "exec", required: ["subdomain"], optional: [], description: "Deactivates a custom authorization server public JSON web key by key `id`.\n> **Note:** Deactivating the active key isn't allowed if the authorization server has access token encryption enabled. You can activate another key, which makes the current key inactive." }] } as const;

// `list_oauth2_resource_server_json_web_keys` (select)

/** Params of `list_oauth2_resource_server_json_web_keys` (select). Server params (filled from the client's defaults) are optional here. */
export type ListOauth2ResourceServerJsonWebKeysParams = {
  /** The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org) */
  subdomain?: string;
};

/** A row of `list_oauth2_resource_server_json_web_keys` (select). Every column may be null: StackQL returns NULL where the API omits a field. */
export type ListOauth2ResourceServerJsonWebKeysRow = {
  /** The unique ID of the JSON Web Key (example: apk2f4zrZbs8nUa7p0g4) */
  readonly id: string | null;
  /** Specifies link relations (see [Web Linking](https://www.rfc-editor.org/rfc/rfc8288)) available for the current status of a JSON Web Key using the [JSON Hypertext Application Language](https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-06) specification. This object is used for dynamic discovery of related resources and lifecycle operations. */
  readonly _links: { readonly [key: string]: JsonValue } | null;
  /** Timestamp when the JSON Web Key was created (example: 2023-02-21T20:08:24.000Z) */
  readonly created: string | null;
  /** RSA key value (exponent) for key binding (example: AQAB) */
  readonly e: string | null;
  /** Unique identifier of the JSON Web Key in the Custom Authorization Server's Public JWKS (example: SIMcCQNY3uwXoW3y0vf6VxiBb5n9pf8L2fK8d-FIbm4) */
  readonly kid: string | null;
  /** Cryptographic algorithm family for the certificate's key pair (example: RSA) */
  readonly kty: string | null;
  /** Timestamp when the JSON Web Key was updated (example: 2023-02-21T20:08:24.000Z) */
  readonly lastUpdated: string | null;
  /** RSA key value (modulus) for key binding (example: mkC6yAJVvFwUlmM9gKjb2d-YK5qHFt-mXSsbjWKKs4EfNm-BoQeeovBZtSACyaqLc8IYFTPEURFcbDQ9DkAL04uUIRD2gaHYY7uK0jsluEaXGq2RAIsmzAwNTzkiDw4q9pDL_q7n0f_SDt1TsMaMQayB6bU5jWsmqcWJ8MCRJ1aJMjZ16un5UVx51IIeCbe4QRDxEXGAvYNczsBoZxspDt28esSpq5W0dBFxcyGVudyl54Er3FzAguhgfMVjH-bUec9j2Tl40qDTktrYgYfxz9pfjm01Hl4WYP1YQxeETpSL7cQ5Ihz4jGDtHUEOcZ4GfJrPzrGpUrak8Qp5xcwCqQ) */
  readonly n: string | null;
  /** The status of the encryption key. You can use only an `ACTIVE` key to encrypt tokens issued by the authorization server. (example: ACTIVE, default: ACTIVE) */
  readonly status: string | null;
  /** Acceptable use of the JSON Web Key (example: enc) */
  readonly use: string | null;
};

export type ListOauth2ResourceServerJsonWebKeysColumn = keyof ListOauth2ResourceServerJsonWebKeysRow & string;

export const listOauth2ResourceServerJsonWebKeysSpec: MethodSpec = { resource: "okta.authorizationservers.oauth2_resource_server_jwks", method: "list_oauth2_resource_server_json_web_keys", verb: "select", params: [{ name: "subdomain", type: "string", format: null, required: true, server: true }], data: [], columns: [{ name: "id", type: "string", format: null }, { name: "_links", type: "object", format: null }, { name: "created", type: "string", format: null }, { name: "e", type: "string", format: null }, { name: "kid", type: "string", format: null }, { name: "kty", type: "string", format: null }, { name: "lastUpdated", type: "string", format: null }, { name: "n", type: "string", format: null }, { name: "status", type: "string", format: null }, { name: "use", type: "string", format: null }] };

/** The page's own example of `list_oauth2_resource_server_json_web_keys` (select), exactly as written (defects included). */
export const listOauth2ResourceServerJsonWebKeysExample: string | null = "SELECT\nid,\n_links,\ncreated,\ne,\nkid,\nkty,\nlastUpdated,\nn,\nstatus,\nuse\nFROM okta.authorizationservers.oauth2_resource_server_jwks\nWHERE subdomain = '{{ subdomain }}' -- required;";

/** The statement a call of `list_oauth2_resource_server_json_web_keys` (select) sends. */
export function listOauth2ResourceServerJsonWebKeysSql(params: ListOauth2ResourceServerJsonWebKeysParams = {}, options: CallOptions<ListOauth2ResourceServerJsonWebKeysColumn> = {}): string {
  return renderStatement(listOauth2ResourceServerJsonWebKeysSpec, {
    params,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    ...(options.columns ? { columns: options.columns, returning: options.columns } : {}),
    ...(options.columns === undefined && options.returning === true ? { returning: true } : {}),
  });
}

// `get_oauth2_resource_server_json_web_key` (select)

/** Params of `get_oauth2_resource_server_json_web_key` (select). Server params (filled from the client's defaults) are optional here. */
export type GetOauth2ResourceServerJsonWebKeyParams = {
  /** The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org) */
  subdomain?: string;
};

/** A row of `get_oauth2_resource_server_json_web_key` (select): the same columns as `ListOauth2ResourceServerJsonWebKeysRow`. */
export type GetOauth2ResourceServerJsonWebKeyRow = ListOauth2ResourceServerJsonWebKeysRow;

export type GetOauth2ResourceServerJsonWebKeyColumn = keyof GetOauth2ResourceServerJsonWebKeyRow & string;

export const getOauth2ResourceServerJsonWebKeySpec: MethodSpec = { resource: "okta.authorizationservers.oauth2_resource_server_jwks", method: "get_oauth2_resource_server_json_web_key", verb: "select", params: [{ name: "subdomain", type: "string", format: null, required: true, server: true }], data: [], columns: listOauth2ResourceServerJsonWebKeysSpec.columns };

/** The page's own example of `get_oauth2_resource_server_json_web_key` (select), exactly as written (defects included). */
export const getOauth2ResourceServerJsonWebKeyExample: string | null = "SELECT\nid,\n_links,\ncreated,\ne,\nkid,\nkty,\nlastUpdated,\nn,\nstatus,\nuse\nFROM okta.authorizationservers.oauth2_resource_server_jwks\nWHERE subdomain = '{{ subdomain }}' -- required;";

/** The statement a call of `get_oauth2_resource_server_json_web_key` (select) sends. */
export function getOauth2ResourceServerJsonWebKeySql(params: GetOauth2ResourceServerJsonWebKeyParams = {}, options: CallOptions<GetOauth2ResourceServerJsonWebKeyColumn> = {}): string {
  return renderStatement(getOauth2ResourceServerJsonWebKeySpec, {
    params,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    ...(options.columns ? { columns: options.columns, returning: options.columns } : {}),
    ...(options.columns === undefined && options.returning === true ? { returning: true } : {}),
  });
}

// `add_oauth2_resource_server_json_web_key` (insert)

/** Params of `add_oauth2_resource_server_json_web_key` (insert). Server params (filled from the client's defaults) are optional here. */
export type AddOauth2ResourceServerJsonWebKeyParams = {
  /** The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org) */
  subdomain?: string;
};

/** Body of `add_oauth2_resource_server_json_web_key` (insert). */
export type AddOauth2ResourceServerJsonWebKeyData = {
  /** RSA key value (exponent) for key binding */
  e?: string;
  /** Unique identifier of the JSON web key in the custom authorization server's public JWKS */
  kid?: string;
  /** Cryptographic algorithm family for the certificate's key pair */
  kty?: string;
  /** RSA key value (modulus) for key binding */
  n?: string;
  /** Status of the JSON Web Key */
  status?: "ACTIVE" | "INACTIVE";
  /** Acceptable use of the JSON Web Key */
  use?: string;
};

/** A row of `add_oauth2_resource_server_json_web_key` (insert): the same columns as `ListOauth2ResourceServerJsonWebKeysRow`. */
export type AddOauth2ResourceServerJsonWebKeyRow = ListOauth2ResourceServerJsonWebKeysRow;

export type AddOauth2ResourceServerJsonWebKeyColumn = keyof AddOauth2ResourceServerJsonWebKeyRow & string;

export const addOauth2ResourceServerJsonWebKeySpec: MethodSpec = { resource: "okta.authorizationservers.oauth2_resource_server_jwks", method: "add_oauth2_resource_server_json_web_key", verb: "insert", params: [{ name: "subdomain", type: "string", format: null, required: true, server: true }], data: [{ name: "e", target: "data__e", required: false, validValues: null, type: "string", format: null }, { name: "kid", target: "data__kid", required: false, validValues: null, type: "string", format: null }, { name: "kty", target: "data__kty", required: false, validValues: null, type: "string", format: null }, { name: "n", target: "data__n", required: false, validValues: null, type: "string", format: null }, { name: "status", target: "data__status", required: false, validValues: ["ACTIVE", "INACTIVE"], type: "string", format: null }, { name: "use", target: "data__use", required: false, validValues: null, type: "string", format: null }], columns: listOauth2ResourceServerJsonWebKeysSpec.columns };

/** The page's own example of `add_oauth2_resource_server_json_web_key` (insert), exactly as written (defects included). */
export const addOauth2ResourceServerJsonWebKeyExample: string | null = "INSERT INTO okta.authorizationservers.oauth2_resource_server_jwks (\ndata__e,\ndata__kid,\ndata__kty,\ndata__n,\ndata__status,\ndata__use,\nsubdomain\n)\nSELECT \n'{{ e }}',\n'{{ kid }}',\n'{{ kty }}',\n'{{ n }}',\n'{{ status }}',\n'{{ use }}',\n'{{ subdomain }}'\nRETURNING\nid,\n_links,\ncreated,\ne,\nkid,\nkty,\nlastUpdated,\nn,\nstatus,\nuse\n;";

/** The statement a call of `add_oauth2_resource_server_json_web_key` (insert) sends. */
export function addOauth2ResourceServerJsonWebKeySql(params: AddOauth2ResourceServerJsonWebKeyParams = {}, data: AddOauth2ResourceServerJsonWebKeyData = {}, options: CallOptions<AddOauth2ResourceServerJsonWebKeyColumn> = {}): string {
  return renderStatement(addOauth2ResourceServerJsonWebKeySpec, {
    params,
    data,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    ...(options.columns ? { columns: options.columns, returning: options.columns } : {}),
    ...(options.columns === undefined && options.returning === true ? { returning: true } : {}),
  });
}

// `delete_oauth2_resource_server_json_web_key` (delete)

/** Params of `delete_oauth2_resource_server_json_web_key` (delete). Server params (filled from the client's defaults) are optional here. */
export type DeleteOauth2ResourceServerJsonWebKeyParams = {
  /** The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org) */
  subdomain?: string;
};

/** A row of `delete_oauth2_resource_server_json_web_key` (delete): the docs list no columns, so any column StackQL returns. */
export type DeleteOauth2ResourceServerJsonWebKeyRow = { readonly [column: string]: JsonValue };

export type DeleteOauth2ResourceServerJsonWebKeyColumn = keyof DeleteOauth2ResourceServerJsonWebKeyRow & string;

export const deleteOauth2ResourceServerJsonWebKeySpec: MethodSpec = { resource: "okta.authorizationservers.oauth2_resource_server_jwks", method: "delete_oauth2_resource_server_json_web_key", verb: "delete", params: [{ name: "subdomain", type: "string", format: null, required: true, server: true }], data: [], columns: [] };

/** The page's own example of `delete_oauth2_resource_server_json_web_key` (delete), exactly as written (defects included). */
export const deleteOauth2ResourceServerJsonWebKeyExample: string | null = "DELETE FROM okta.authorizationservers.oauth2_resource_server_jwks\nWHERE subdomain = '{{ subdomain }}' --required;";

/** The statement a call of `delete_oauth2_resource_server_json_web_key` (delete) sends. */
export function deleteOauth2ResourceServerJsonWebKeySql(params: DeleteOauth2ResourceServerJsonWebKeyParams = {}, options: CallOptions<DeleteOauth2ResourceServerJsonWebKeyColumn> = {}): string {
  return renderStatement(deleteOauth2ResourceServerJsonWebKeySpec, {
    params,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    ...(options.columns ? { columns: options.columns, returning: options.columns } : {}),
    ...(options.columns === undefined && options.returning === true ? { returning: true } : {}),
  });
}

// `activate_oauth2_resource_server_json_web_key` (exec)

/** Params of `activate_oauth2_resource_server_json_web_key` (exec). Server params (filled from the client's defaults) are optional here. */
export type ActivateOauth2ResourceServerJsonWebKeyParams = {
  /** The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org) */
  subdomain?: string;
};

/** A row of `activate_oauth2_resource_server_json_web_key` (exec): the docs list no columns, so any column StackQL returns. */
export type ActivateOauth2ResourceServerJsonWebKeyRow = { readonly [column: string]: JsonValue };

export type ActivateOauth2ResourceServerJsonWebKeyColumn = keyof ActivateOauth2ResourceServerJsonWebKeyRow & string;

export const activateOauth2ResourceServerJsonWebKeySpec: MethodSpec = { resource: "okta.authorizationservers.oauth2_resource_server_jwks", method: "activate_oauth2_resource_server_json_web_key", verb: "exec", params: [{ name: "subdomain", type: "string", format: null, required: true, server: true }], data: [], columns: [] };

/** The page's own example of `activate_oauth2_resource_server_json_web_key` (exec), exactly as written (defects included). */
export const activateOauth2ResourceServerJsonWebKeyExample: string | null = "EXEC okta.authorizationservers.oauth2_resource_server_jwks.activate_oauth2_resource_server_json_web_key \n@subdomain='{{ subdomain }}' --required;";

/** The statement a call of `activate_oauth2_resource_server_json_web_key` (exec) sends. */
export function activateOauth2ResourceServerJsonWebKeySql(params: ActivateOauth2ResourceServerJsonWebKeyParams = {}, options: CallOptions<ActivateOauth2ResourceServerJsonWebKeyColumn> = {}): string {
  return renderStatement(activateOauth2ResourceServerJsonWebKeySpec, {
    params,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    ...(options.columns ? { columns: options.columns, returning: options.columns } : {}),
    ...(options.columns === undefined && options.returning === true ? { returning: true } : {}),
  });
}

// `deactivate_oauth2_resource_server_json_web_key` (exec)

/** Params of `deactivate_oauth2_resource_server_json_web_key` (exec). Server params (filled from the client's defaults) are optional here. */
export type DeactivateOauth2ResourceServerJsonWebKeyParams = {
  /** The domain of your organization. This can be a provided subdomain of an official okta domain (okta.com, oktapreview.com, etc) or one of your configured custom domains. (default: my-org) */
  subdomain?: string;
};

/** A row of `deactivate_oauth2_resource_server_json_web_key` (exec): the docs list no columns, so any column StackQL returns. */
export type DeactivateOauth2ResourceServerJsonWebKeyRow = { readonly [column: string]: JsonValue };

export type DeactivateOauth2ResourceServerJsonWebKeyColumn = keyof DeactivateOauth2ResourceServerJsonWebKeyRow & string;

export const deactivateOauth2ResourceServerJsonWebKeySpec: MethodSpec = { resource: "okta.authorizationservers.oauth2_resource_server_jwks", method: "deactivate_oauth2_resource_server_json_web_key", verb: "exec", params: [{ name: "subdomain", type: "string", format: null, required: true, server: true }], data: [], columns: [] };

/** The page's own example of `deactivate_oauth2_resource_server_json_web_key` (exec), exactly as written (defects included). */
export const deactivateOauth2ResourceServerJsonWebKeyExample: string | null = "EXEC okta.authorizationservers.oauth2_resource_server_jwks.deactivate_oauth2_resource_server_json_web_key \n@subdomain='{{ subdomain }}' --required;";

/** The statement a call of `deactivate_oauth2_resource_server_json_web_key` (exec) sends. */
export function deactivateOauth2ResourceServerJsonWebKeySql(params: DeactivateOauth2ResourceServerJsonWebKeyParams = {}, options: CallOptions<DeactivateOauth2ResourceServerJsonWebKeyColumn> = {}): string {
  return renderStatement(deactivateOauth2ResourceServerJsonWebKeySpec, {
    params,
    ...(options.extraParams ? { extraParams: options.extraParams } : {}),
    ...(options.columns ? { columns: options.columns, returning: options.columns } : {}),
    ...(options.columns === undefined && options.returning === true ? { returning: true } : {}),
  });
}

/** `okta.authorizationservers.oauth2_resource_server_jwks` bound to a client context. */
export function createOauth2ResourceServerJwksClient(context: ClientContext) {
  return {
    /** Lists all the public keys used by the custom authorization server */
    listOauth2ResourceServerJsonWebKeys<K extends ListOauth2ResourceServerJsonWebKeysColumn = ListOauth2ResourceServerJsonWebKeysColumn>(params: ListOauth2ResourceServerJsonWebKeysParams = {}, options?: SelectOptions<ListOauth2ResourceServerJsonWebKeysRow, K>): Promise<Array<Selected<ListOauth2ResourceServerJsonWebKeysRow, K>>> {
      return callMethod<ListOauth2ResourceServerJsonWebKeysRow, K>(context, listOauth2ResourceServerJsonWebKeysSpec, { params }, options);
    },
    /** Retrieves a custom authorization server public JSON web key by key `id` */
    getOauth2ResourceServerJsonWebKey<K extends GetOauth2ResourceServerJsonWebKeyColumn = GetOauth2ResourceServerJsonWebKeyColumn>(params: GetOauth2ResourceServerJsonWebKeyParams = {}, options?: SelectOptions<GetOauth2ResourceServerJsonWebKeyRow, K>): Promise<Array<Selected<GetOauth2ResourceServerJsonWebKeyRow, K>>> {
      return callMethod<GetOauth2ResourceServerJsonWebKeyRow, K>(context, getOauth2ResourceServerJsonWebKeySpec, { params }, options);
    },
    /**
     * Adds a new JSON Web Key to the custom authorization server`s JSON web keys.
     * > **Note:** This API doesn't allow you to add a key if the existing key doesn't have a `kid`. Use the [Replace an Authorization Server](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/AuthorizationServer/#tag/AuthorizationServer/operation/replaceAuthorizationServer) operation to update the JWKS or [Delete a Custom Authorization Server Public JSON Web Key](https://developer.okta.com/docs/api/openapi/okta-management/management/tag/OAuth2ResourceServerCredentialsKeys/#tag/OAuth2ResourceServerCredentialsKeys/operation/deleteOAuth2ResourceServerJsonWebKey) and re-add the key with a `kid`.
     * > **Note:** This API doesn't allow you to add a key with an ACTIVE status. You need to add an INACTIVE key first, and then ACTIVATE the key.
     */
    addOauth2ResourceServerJsonWebKey<K extends AddOauth2ResourceServerJsonWebKeyColumn = AddOauth2ResourceServerJsonWebKeyColumn>(params: AddOauth2ResourceServerJsonWebKeyParams = {}, data: AddOauth2ResourceServerJsonWebKeyData = {}, options?: SelectOptions<AddOauth2ResourceServerJsonWebKeyRow, K>): Promise<Array<Selected<AddOauth2ResourceServerJsonWebKeyRow, K>>> {
      return callMethod<AddOauth2ResourceServerJsonWebKeyRow, K>(context, addOauth2ResourceServerJsonWebKeySpec, { params, data }, options);
    },
    /** Deletes a custom authorization server public JSON web key by key `id`. You can only delete an inactive key. */
    deleteOauth2ResourceServerJsonWebKey<K extends DeleteOauth2ResourceServerJsonWebKeyColumn = DeleteOauth2ResourceServerJsonWebKeyColumn>(params: DeleteOauth2ResourceServerJsonWebKeyParams = {}, options?: SelectOptions<DeleteOauth2ResourceServerJsonWebKeyRow, K>): Promise<Array<Selected<DeleteOauth2ResourceServerJsonWebKeyRow, K>>> {
      return callMethod<DeleteOauth2ResourceServerJsonWebKeyRow, K>(context, deleteOauth2ResourceServerJsonWebKeySpec, { params }, options);
    },
    /**
     * Activates a custom authorization server public JSON web key by key `id`.
     * > **Note:** You can have only one active key at any given time for the authorization server. When you activate an inactive key, Okta automatically deactivates the current active key.
     */
    activateOauth2ResourceServerJsonWebKey<K extends ActivateOauth2ResourceServerJsonWebKeyColumn = ActivateOauth2ResourceServerJsonWebKeyColumn>(params: ActivateOauth2ResourceServerJsonWebKeyParams = {}, options?: SelectOptions<ActivateOauth2ResourceServerJsonWebKeyRow, K>): Promise<Array<Selected<ActivateOauth2ResourceServerJsonWebKeyRow, K>>> {
      return callMethod<ActivateOauth2ResourceServerJsonWebKeyRow, K>(context, activateOauth2ResourceServerJsonWebKeySpec, { params }, options);
    },
    /**
     * Deactivates a custom authorization server public JSON web key by key `id`.
     * > **Note:** Deactivating the active key isn't allowed if the authorization server has access token encryption enabled. You can activate another key, which makes the current key inactive.
     */
    deactivateOauth2ResourceServerJsonWebKey<K extends DeactivateOauth2ResourceServerJsonWebKeyColumn = DeactivateOauth2ResourceServerJsonWebKeyColumn>(params: DeactivateOauth2ResourceServerJsonWebKeyParams = {}, options?: SelectOptions<DeactivateOauth2ResourceServerJsonWebKeyRow, K>): Promise<Array<Selected<DeactivateOauth2ResourceServerJsonWebKeyRow, K>>> {
      return callMethod<DeactivateOauth2ResourceServerJsonWebKeyRow, K>(context, deactivateOauth2ResourceServerJsonWebKeySpec, { params }, options);
    },
  };
}

export type Oauth2ResourceServerJwksClient = ReturnType<typeof createOauth2ResourceServerJwksClient>;
