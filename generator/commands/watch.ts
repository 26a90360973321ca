import type { Command } from './command.js';

// Placeholder until the 'watch' command lands; it refuses rather than pretends.
export const watchCommand: Command = {
  name: 'watch',
  summary: '',
  async run(_argv, io) {
    io.stderr("stackql-codegen: 'watch' is not available in this build\n");
    return 2;
  },
};
