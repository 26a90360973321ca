import { computeDrift, isClean, type Drift } from '../diff/drift.js';
import { formatChanges } from '../diff/format.js';
import { CONFIG_FLAGS_HELP } from '../config.js';
import type { EmittedFile } from '../emit/types.js';
import { IR_FILE, readInputs } from '../pipeline.js';
import { OutDirBusyError, OWNERSHIP_RECORD, withOutput } from '../write/index.js';
import type { Command } from './command.js';
import { outputReuse } from './reuse.js';
import { display, findCurrentOutput, reportWarnings, runPipeline, setUpConfig } from './generate.js';

const HELP = `usage: stackql-codegen check [options]

Regenerates in memory and compares with the out dir; writes nothing there.
On drift it lists added / removed / changed files with a unified diff of
each, the API changes from the out dir's ir.json to the docs' IR, and the
command that regenerates. A generate that was interrupted (crash, kill) is
first completed or undone, so the out dir compared is a whole output.

options:
  --json                    print the result as one JSON object on stdout
  --max-diff-lines <n>      diff lines shown per changed file (default: 40)
${CONFIG_FLAGS_HELP}

exit codes:
  0  the out dir is up to date
  1  drift: the out dir differs from what the docs generate
  2  bad usage, unreadable docs or docs with errors
`;

const CHECK_FLAGS = {
  json: { type: 'boolean' },
  'max-diff-lines': { type: 'string' },
} as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'exit 1 if the out dir is stale',
  async run(argv, io) {
    const setup = await setUpConfig(argv, io, HELP, CHECK_FLAGS);
    if (typeof setup === 'number') return setup;
    const { config, values } = setup;
    const maxDiffLines = values['max-diff-lines'] === undefined ? 40 : Number(values['max-diff-lines']);
    if (!Number.isInteger(maxDiffLines) || maxDiffLines < 0) {
      io.stderr(`stackql-codegen: --max-diff-lines must be a whole number\n\n${HELP}`);
      return 2;
    }
    const inputs = await readInputs(config);
    const look = await findCurrentOutput(config, inputs, io);
    if (look === 'busy') return 2;
    const { current } = look;
    if (current !== null) {
      // The files are byte for byte those the record lists, from these very inputs: what a full run would compare clean.
      reportWarnings(current.warnings, io);
      const outDir = display(io, config.out);
      if (values.json === true) io.stdout(`${JSON.stringify({ outDir, clean: true, added: [], removed: [], changed: [], semantic: [], regenerate: null }, null, 2)}\n`);
      else io.stdout(`${outDir} is up to date (${current.files.length} files)\n`);
      return 0;
    }
    // A service whose key is unchanged and whose files hash as recorded is compared as those very bytes: no drift there, as a full render would find.
    const result = await runPipeline(config, io, inputs, await outputReuse(config, look.record));
    if (result === null || result.document === null) return 2;
    // Reading the out dir first completes or discards any interrupted write; files are compared as they are emitted.
    const counter = { files: 0 };
    const counted = tally(result.files, counter);
    const document = result.document;
    let drift: Drift;
    try {
      drift = await withOutput(config.out, async (output) => {
        if (output.recordError !== null) io.stderr(`stackql-codegen: ${display(io, config.out)}/${OWNERSHIP_RECORD} is unreadable (${output.recordError}); every file counts as added\n`);
        return computeDrift(output, counted, document, { irPath: IR_FILE, maxDiffLines });
      });
    } catch (error) {
      if (!(error instanceof OutDirBusyError)) throw error;
      io.stderr(`stackql-codegen: ${error.message}\n`);
      return 2;
    } finally {
      await result.cacheWritten;
    }
    const regenerate = regenerateCommand(argv);
    const outDir = display(io, config.out);
    if (values.json === true) {
      io.stdout(`${JSON.stringify({ outDir, clean: isClean(drift), ...drift, regenerate: isClean(drift) ? null : regenerate }, null, 2)}\n`);
    } else if (isClean(drift)) {
      io.stdout(`${outDir} is up to date (${counter.files} files)\n`);
    } else {
      io.stdout(formatDrift(drift, outDir, regenerate));
    }
    return isClean(drift) ? 0 : 1;
  },
};

/** `files`, counted as they pass. */
function* tally(files: Iterable<EmittedFile>, counter: { files: number }): Generator<EmittedFile> {
  for (const file of files) {
    counter.files++;
    yield file;
  }
}

function formatDrift(drift: Drift, outDir: string, regenerate: string): string {
  const count = drift.added.length + drift.removed.length + drift.changed.length;
  const lines = [`${outDir} is stale: ${count} file(s) differ from what the docs generate`];
  for (const path of drift.added) lines.push(`  added    ${path}`);
  for (const path of drift.removed) lines.push(`  removed  ${path}`);
  for (const { path } of drift.changed) lines.push(`  changed  ${path}`);
  let text = `${lines.join('\n')}\n`;
  for (const { diff } of drift.changed) text += `\n${diff}`;
  if (drift.semantic === null) text += `\nAPI changes: ${outDir} holds no ${IR_FILE} to compare with\n`;
  else if (drift.semantic.length === 0) text += `\nAPI changes: none (the IR is the same)\n`;
  else text += `\nAPI changes (${outDir}/${IR_FILE} → docs):\n${formatChanges(drift.semantic, 'text')}`;
  return `${text}\nto regenerate, run:\n  ${regenerate}\n`;
}

/** The user's own flags, minus those only `check` takes, after `generate`. */
function regenerateCommand(argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') continue;
    if (arg === '--max-diff-lines') {
      i++;
      continue;
    }
    if (arg.startsWith('--max-diff-lines=')) continue;
    kept.push(arg);
  }
  return ['stackql-codegen', 'generate', ...kept].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

