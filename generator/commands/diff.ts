import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CACHE_DIR } from '../config.js';
import { countChanges, formatChanges, type ChangeFormat } from '../diff/format.js';
import { diffDocuments } from '../diff/semantic.js';
import { IR_VERSION, type IRDocument } from '../ir/types.js';
import { IR_FILE, loadStages, parseToDocument } from '../pipeline.js';
import { OWNERSHIP_RECORD, readOutput } from '../write/index.js';
import type { Command, CommandIO } from './command.js';
import { printDiagnostics } from './generate.js';

const HELP = `usage: stackql-codegen diff <old> <new> [options]

The API changes between two versions of the docs, each side a docs dir, an
IR JSON file (ir.json, as 'parse --json' prints it) or a generated out dir
(its ir.json). Each change is marked breaking or not for a client user.

options:
  --format text|markdown|json   output format (default: text)
  --fail-on breaking|any|none   exit 1 when such a change exists (default: breaking)
  --cache-dir <dir>             per-page parse cache for docs dirs (default: ${DEFAULT_CACHE_DIR})
  --no-cache                    parse every page afresh
  -h, --help                    this help

exit codes:
  0  no change of the --fail-on kind
  1  a change of the --fail-on kind
  2  bad usage, unreadable input or docs with errors
`;

export const diffCommand: Command = {
  name: 'diff',
  summary: 'semantic diff of two docs trees or IR files',
  async run(argv, io) {
    let values: { format?: string; 'fail-on'?: string; 'cache-dir'?: string; 'no-cache'?: boolean; help?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          format: { type: 'string' },
          'fail-on': { type: 'string' },
          'cache-dir': { type: 'string' },
          'no-cache': { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }));
    } catch (error) {
      io.stderr(`stackql-codegen: ${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    const format = values.format ?? 'text';
    const failOn = values['fail-on'] ?? 'breaking';
    const problems: string[] = [];
    if (positionals.length !== 2) problems.push(`expected two inputs, <old> and <new>; got ${positionals.length}`);
    if (!['text', 'markdown', 'json'].includes(format)) problems.push(`--format must be text, markdown or json, not '${format}'`);
    if (!['breaking', 'any', 'none'].includes(failOn)) problems.push(`--fail-on must be breaking, any or none, not '${failOn}'`);
    if (problems.length > 0) {
      io.stderr(`${problems.map((p) => `stackql-codegen: ${p}\n`).join('')}\n${HELP}`);
      return 2;
    }
    const cacheDir = values['no-cache'] ? null : resolve(io.cwd, values['cache-dir'] ?? DEFAULT_CACHE_DIR);
    const [oldSide, newSide] = positionals as [string, string];
    const before = await loadSide(oldSide, cacheDir, io);
    const after = await loadSide(newSide, cacheDir, io);
    if (before === null || after === null) return 2;
    const changes = diffDocuments(before, after);
    io.stdout(formatChanges(changes, format as ChangeFormat));
    const { breaking } = countChanges(changes);
    if (failOn === 'breaking') return breaking > 0 ? 1 : 0;
    if (failOn === 'any') return changes.length > 0 ? 1 : 0;
    return 0;
  },
};

/** An IR from a docs dir, an out dir or an IR file; null (reported) where it cannot be had. */
async function loadSide(input: string, cacheDir: string | null, io: CommandIO): Promise<IRDocument | null> {
  const path = resolve(io.cwd, input);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    io.stderr(`stackql-codegen: cannot read ${input}: ${(error as Error).message}\n`);
    return null;
  }
  if (!isDirectory) return readIrFile(input, await readFile(path, 'utf8'), io);
  if (await isFile(join(path, OWNERSHIP_RECORD))) {
    const snapshot = await readOutput(path);
    const text = snapshot.files.get(IR_FILE);
    if (text === undefined) {
      io.stderr(`stackql-codegen: ${input} is a generated out dir without ${IR_FILE}\n`);
      return null;
    }
    return readIrFile(`${input}/${IR_FILE}`, text, io);
  }
  const parsed = await parseToDocument(path, cacheDir, await loadStages());
  if (parsed.hasErrors) {
    printDiagnostics(
      parsed.diagnostics.filter((d) => d.severity === 'error'),
      io,
    );
    io.stderr(`stackql-codegen: the docs in ${input} have errors; their IR would leave resources out\n`);
    return null;
  }
  return parsed.document;
}

function readIrFile(label: string, text: string, io: CommandIO): IRDocument | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    io.stderr(`stackql-codegen: ${label} is not JSON: ${(error as Error).message}\n`);
    return null;
  }
  const candidate = value as Partial<IRDocument> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.irVersion !== 'string' || !Array.isArray(candidate.resources)) {
    io.stderr(`stackql-codegen: ${label} is not an IR document (no irVersion / resources)\n`);
    return null;
  }
  const major = (version: string) => version.split('.')[0];
  if (major(candidate.irVersion) !== major(IR_VERSION)) {
    io.stderr(`stackql-codegen: ${label} is IR ${candidate.irVersion}; this build reads IR ${IR_VERSION} (same major version needed)\n`);
    return null;
  }
  return candidate as IRDocument;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
