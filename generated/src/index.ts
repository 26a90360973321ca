/**
 * Typed StackQL client for the `okta` provider.
 *
 * `createClient({ executor, defaults })` gives `client.<service>.<resource>.<method>(params, options)`;
 * each service is also its own subpath export with its own factory.
 */
import type { ClientContext } from './runtime/index.js';
import { withDefaults } from './defaults.js';
import * as authorizationservers from './authorizationservers/index.js';

export { authorizationservers };
export { defaults } from './defaults.js';
export { fixtures, pgwire, stackqlExec, type ClientContext, type Executor } from './runtime/index.js';

export type ClientOptions = ClientContext;

/** One client for every service; `defaults` (e.g. server params) override the package's baked ones. */
export function createClient(options: ClientOptions) {
  const context = withDefaults(options);
  return {
    authorizationservers: authorizationservers.createAuthorizationserversClient(context),
  };
}

export type Client = ReturnType<typeof createClient>;
