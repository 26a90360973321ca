import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { parseDocs } from '../ir/build.js';
import { FORMATS, formatDiagnostics, isFormat } from '../lint/format.js';
import type { Command, CommandIO, ExitCode } from './command.js';

const HELP = `usage: stackql-codegen lint <docs> [--format text|json|github]

Reads a StackQL provider docs tree and reports defects in it: pages that
cannot yield a correct IR (errors), and defects the IR works around,
example SQL that StackQL would not read as written included (warnings).

options:
  --format <format>  text (default): path:line:col severity code message
                     json: an array of diagnostics
                     github: GitHub Actions workflow commands (annotations)
  -h, --help         show this help

exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable docs
`;

/** Codes that mean the docs could not be read at all, rather than that they have defects. */
const UNREADABLE = new Set(['read/not-found', 'read/unreadable']);

export const lintCommand: Command = {
  name: 'lint',
  summary: 'report defects in docs',
  async run(argv: string[], io: CommandIO): Promise<ExitCode> {
    let values: { format?: string; help?: boolean };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      }));
    } catch (error) {
      io.stderr(`stackql-codegen lint: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
      return 2;
    }
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const format = values.format ?? 'text';
    if (!isFormat(format)) {
      io.stderr(`stackql-codegen lint: unknown format '${format}' (expected ${FORMATS.join(', ')})\n`);
      return 2;
    }
    const [docs, ...extra] = positionals;
    if (docs === undefined || extra.length > 0) {
      io.stderr(`stackql-codegen lint: expected exactly one docs path\n\n${HELP}`);
      return 2;
    }
    // The IR builder runs the lint rules over every resource it keeps, so its diagnostics are the whole report.
    const { diagnostics } = await parseDocs(resolve(io.cwd, docs));
    io.stdout(formatDiagnostics(diagnostics, format));
    const count = (severity: Diagnostic['severity']) => diagnostics.filter((diagnostic) => diagnostic.severity === severity).length;
    if (format === 'text') io.stderr(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info\n`);
    if (diagnostics.some((diagnostic) => UNREADABLE.has(diagnostic.code))) return 2;
    return count('error') > 0 ? 1 : 0;
  },
};
