import type { Command } from './command.js';

// Placeholder until the 'check' command lands; it refuses rather than pretends.
export const checkCommand: Command = {
  name: 'check',
  summary: '',
  async run(_argv, io) {
    io.stderr("stackql-codegen: 'check' is not available in this build\n");
    return 2;
  },
};
