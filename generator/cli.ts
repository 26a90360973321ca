#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import type { CommandIO } from './commands/command.js';
import { main } from './commands/index.js';

const argv = process.argv.slice(2);

// A run is short: V8's optimizing compiler, inlining callees into the
// functions it compiles, spent more CPU than the inlined code saved (about
// 1.9 s against 0.7 s of compile time on okta, on a second core that the
// thread pool's writes need too). `watch` lives long enough for inlining
// to pay (warm, it parses and renders about 1.5x faster with it). Set here,
// in the CLI process only, never by a module a library user imports. See
// README, Performance.
if (argv[0] !== 'watch') setFlagsFromString('--no-turbo-inlining');

const io: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};
main(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`stackql-codegen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
