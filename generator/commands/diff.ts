import type { Command } from './command.js';

// Placeholder until the 'diff' command lands; it refuses rather than pretends.
export const diffCommand: Command = {
  name: 'diff',
  summary: '',
  async run(_argv, io) {
    io.stderr("stackql-codegen: 'diff' is not available in this build\n");
    return 2;
  },
};
