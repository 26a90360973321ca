/** Values for server params baked in at generation; a client's own `defaults` win over them. */
import type { ClientContext } from './runtime/index.js';

export const defaults: Readonly<Record<string, string>> = {};

export function withDefaults(context: ClientContext): ClientContext {
  return { ...context, defaults: { ...defaults, ...context.defaults } };
}
