import type { Command } from './command.js';

// Placeholder until the 'parse' command lands; it refuses rather than pretends.
export const parseCommand: Command = {
  name: 'parse',
  summary: '',
  async run(_argv, io) {
    io.stderr("stackql-codegen: 'parse' is not available in this build\n");
    return 2;
  },
};
