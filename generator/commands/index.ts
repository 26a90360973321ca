import type { Command, CommandIO, ExitCode } from './command.js';

/** Commands load lazily so `check` does not pay for what only `lint` needs. */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  parse: { summary: 'parse docs and print the IR', load: async () => (await import('./parse.js')).parseCommand },
  lint: { summary: 'report defects in docs', load: async () => (await import('./lint.js')).lintCommand },
  generate: { summary: 'write the typed package for docs', load: async () => (await import('./generate.js')).generateCommand },
  check: { summary: 'exit 1 if the out dir is stale', load: async () => (await import('./check.js')).checkCommand },
  diff: { summary: 'semantic diff of two docs trees or IR files', load: async () => (await import('./diff.js')).diffCommand },
  watch: { summary: 'regenerate when docs change', load: async () => (await import('./watch.js')).watchCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: stackql-codegen <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'stackql-codegen <command> --help' for a command's options.\n`;
}

export async function main(argv: string[], io: CommandIO): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr(`stackql-codegen: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  return command.run(rest, io);
}
