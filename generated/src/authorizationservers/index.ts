/**
 * Service `authorizationservers`: one namespace and one client member per resource.
 * This module imports only its own resources and the runtime, never the
 * package root, so importing one service type-checks that service alone.
 */
import type { ClientContext } from '../runtime/index.js';
import { withDefaults } from '../defaults.js';
import * as oauth2ResourceServerJwks from './oauth2_resource_server_jwks.js';

export { oauth2ResourceServerJwks };

/** The resources of `authorizationservers`, bound to a client context (the package's baked defaults fill what `context.defaults` leaves out). */
export function createAuthorizationserversClient(context: ClientContext) {
  const bound = withDefaults(context);
  return {
    oauth2ResourceServerJwks: oauth2ResourceServerJwks.createOauth2ResourceServerJwksClient(bound),
  };
}

export type AuthorizationserversClient = ReturnType<typeof createAuthorizationserversClient>;
