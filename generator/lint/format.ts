/**
 * Printers for diagnostics, one per `--format` of `lint`. Each sorts with
 * `compareDiagnostics` so output is the same on every run.
 */
import { compareDiagnostics, type Diagnostic } from '../diagnostics.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format): string {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  switch (format) {
    case 'text':
      return sorted.map(formatText).join('');
    case 'json':
      return `${JSON.stringify(sorted, null, 2)}\n`;
    case 'github':
      return sorted.map(formatGithub).join('');
  }
}

/** `path:line:col severity code message`, one line (line breaks in the message become spaces). */
export function formatText(diagnostic: Diagnostic): string {
  const message = diagnostic.message.replace(/\r?\n/g, ' ');
  return `${diagnostic.path}:${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.code} ${message}\n`;
}

const GITHUB_COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * A GitHub Actions workflow command:
 * `::error file=docs/x.md,line=3,col=5,title=example/syntax::message`.
 * Escaping follows @actions/core: data escapes `%`, `\r`, `\n`; property
 * values also escape `:` and `,`, which would end the property.
 */
export function formatGithub(diagnostic: Diagnostic): string {
  const properties = [
    `file=${escapeProperty(diagnostic.path)}`,
    `line=${diagnostic.line}`,
    `col=${diagnostic.column}`,
    `title=${escapeProperty(diagnostic.code)}`,
  ].join(',');
  return `::${GITHUB_COMMANDS[diagnostic.severity]} ${properties}::${escapeData(diagnostic.message)}\n`;
}

export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
