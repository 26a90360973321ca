import type { Command } from './command.js';

// Placeholder until the 'generate' command lands; it refuses rather than pretends.
export const generateCommand: Command = {
  name: 'generate',
  summary: '',
  async run(_argv, io) {
    io.stderr("stackql-codegen: 'generate' is not available in this build\n");
    return 2;
  },
};
