/**
 * The runtime of a generated StackQL client. Generated bindings hold one
 * `MethodSpec` per method and call {@link callMethod}; users pick an
 * executor (`pgwire`, `stackqlExec`, `fixtures`, or their own function).
 *
 * ```ts
 * const executor = pgwire({ port: 5466, queryTimeoutMs: 30_000, strict: true }); // needs `pg`
 * const rows = await callMethod(
 *   { executor, defaults: { subdomain: 'my-org' } },
 *   listKeysSpec,
 *   { params: {} },
 *   { columns: ['id', 'kid'], extraParams: { authServerId: 'aus1' } },
 * );
 * await executor.end();
 * ```
 *
 * Every failure is a `StackqlError` with a `code`: `value` (refused before
 * sending), `query`, `notice`, `decode`, `connection`, `timeout`, `exec`,
 * `fixture`.
 */
export * from './spec.js';
export * from './errors.js';
export * from './sql.js';
export * from './decode.js';
export * from './client.js';
export * from './executors/executor.js';
export * from './executors/pgwire.js';
export * from './executors/stackql-exec.js';
export * from './executors/fixtures.js';
export * from './statement-shape.js';
export * from './keywords.js';
