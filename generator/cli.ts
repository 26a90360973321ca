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

// Memory of a large run, whatever the command: V8 lets the heap grow to up
// to 4x what the last full collection kept. With the IR live (about 200 MB
// at 10k pages), the garbage of emitting took a 10k-page run to 0.8-0.9 GB.
// 1.5x bounds it; and allocation sites are not pretenured, since those that
// build the long-lived IR then put the emitter's short-lived objects straight
// into the old space as well. Together: 0.5 GB at 10k pages, for no more CPU
// (README, Performance).
setFlagsFromString('--heap-growing-percent=50');
setFlagsFromString('--no-allocation-site-pretenuring');

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
