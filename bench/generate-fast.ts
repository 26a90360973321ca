/**
 * `generate` as the command runs it, except that the pipeline's `parsePage`
 * stage is the fast reader (remark only for pages it does not recognise):
 * what `generate` costs once that stage is wired in. Same flags as
 * `stackql-codegen generate`; prints the same summary line.
 */
import type { CommandIO } from '../generator/commands/command.js';
import { printDiagnostics, setUpConfig } from '../generator/commands/generate.js';
import { createPageReader } from '../generator/parse/fast/index.js';
import { generateInMemory, loadStages } from '../generator/pipeline.js';
import { writeOutput } from '../generator/write/index.js';

const io: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

async function main(): Promise<number> {
  const setup = await setUpConfig(process.argv.slice(2), io, '');
  if (typeof setup === 'number') return setup;
  const [stages, parsePage] = await Promise.all([loadStages(), createPageReader()]);
  const result = await generateInMemory(setup.config, { ...stages, parsePage });
  printDiagnostics(
    result.diagnostics.filter((d) => d.severity === 'error'),
    io,
  );
  if (result.hasErrors) return 2;
  const outcome = await writeOutput(setup.config.out, result.files);
  if (!outcome.ok) return 2;
  const { written, unchanged, removed } = outcome.summary;
  io.stdout(`${written.length} written, ${unchanged.length} unchanged, ${removed.length} removed\n`);
  return 0;
}

process.exitCode = await main();
