import type { Command } from './command.js';

// Placeholder until the 'lint' command lands; it refuses rather than pretends.
export const lintCommand: Command = {
  name: 'lint',
  summary: '',
  async run(_argv, io) {
    io.stderr("stackql-codegen: 'lint' is not available in this build\n");
    return 2;
  },
};
