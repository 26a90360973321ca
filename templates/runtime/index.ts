/**
 * The runtime of a generated StackQL client. Generated bindings hold one
 * `MethodSpec` per method and call {@link callMethod}; users pick an
 * executor (`pgwire`, `stackqlExec`, `fixtures`, or their own function).
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
