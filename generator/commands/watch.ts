import { watch, type FSWatcher } from 'node:fs';
import { CONFIG_FLAGS_HELP, type CodegenConfig } from '../config.js';
import type { Command, CommandIO } from './command.js';
import { display, generateOnce, setUpConfig } from './generate.js';

const HELP = `usage: stackql-codegen watch [options]

Generates, then regenerates whenever a file under the docs dir changes
(changes within 100 ms are taken together). Errors in the docs are
reported and the out dir is left as it was; watching goes on. Stops on
SIGINT (Ctrl-C) or SIGTERM, after finishing a generation in progress.

options:
${CONFIG_FLAGS_HELP}

exit codes:
  0  stopped by a signal
  2  bad usage or unreadable docs at start
`;

const DEBOUNCE_MS = 100;

export const watchCommand: Command = {
  name: 'watch',
  summary: 'regenerate when docs change',
  async run(argv, io) {
    const setup = await setUpConfig(argv, io, HELP);
    if (typeof setup === 'number') return setup;
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      await watchDocs(setup.config, io, stop.signal);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return 0;
  },
};

/**
 * Generates now and after every burst of changes until `signal` aborts.
 * Runs never overlap (the writer assumes one writer per out dir): a change
 * during a run schedules exactly one more run after it.
 */
export async function watchDocs(config: CodegenConfig, io: CommandIO, signal: AbortSignal): Promise<void> {
  let running: Promise<void> | null = null;
  let pending = false;
  let timer: NodeJS.Timeout | null = null;
  let generation = 0;

  const runOnce = async (): Promise<void> => {
    generation++;
    io.stdout(`[${generation}] generating from ${display(io, config.docs)}\n`);
    try {
      await generateOnce(config, io);
    } catch (error) {
      // A failure in one run must not end the watch: report it and wait for the next change.
      io.stderr(`stackql-codegen: generation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  };
  const schedule = (): void => {
    if (signal.aborted) return;
    if (running !== null) {
      pending = true;
      return;
    }
    running = runOnce().finally(() => {
      running = null;
      if (pending && !signal.aborted) {
        pending = false;
        schedule();
      }
    });
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(config.docs, { recursive: true }, () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        schedule();
      }, DEBOUNCE_MS);
    });
  } catch (error) {
    io.stderr(`stackql-codegen: cannot watch ${display(io, config.docs)}: ${(error as Error).message}\n`);
    return;
  }
  watcher.on('error', (error) => io.stderr(`stackql-codegen: watching ${display(io, config.docs)} failed: ${error.message}\n`));
  schedule();
  io.stdout(`watching ${display(io, config.docs)} (Ctrl-C to stop)\n`);

  await new Promise<void>((resolveStop) => {
    if (signal.aborted) resolveStop();
    else signal.addEventListener('abort', () => resolveStop(), { once: true });
  });
  watcher.close();
  if (timer !== null) clearTimeout(timer);
  while (running !== null) await running;
  io.stdout('stopped watching\n');
}
