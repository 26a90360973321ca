/** Where a command writes; tests pass their own to capture output. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/**
 * Exit codes, the same for every command:
 * 0 success; 1 the check failed (lint errors, drift, breaking changes);
 * 2 bad usage, unreadable input or docs with errors where output was asked for.
 */
export type ExitCode = 0 | 1 | 2;

export interface Command {
  name: string;
  summary: string;
  run(argv: string[], io: CommandIO): Promise<ExitCode>;
}

export class UsageError extends Error {}
