import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { parseDocs } from '../ir/build.js';
import type { IRDocument } from '../ir/types.js';
import type { Command } from './command.js';

const HELP = `usage: stackql-codegen parse <docs> [--json]

Parse a provider's docs (a website/docs tree, a legacy registry tree, or one
page) and print the IR.

  --json      print {irVersion, provider, resources} as JSON
  -h, --help  show this help

Diagnostics go to stderr as 'path:line:col severity code message'.
Exit status: 0 ok, 1 some page has errors (the rest is still printed), 2 usage.
`;

export const parseCommand: Command = {
  name: 'parse',
  summary: 'parse docs and print the IR',
  async run(argv, io) {
    let json = false;
    const positional: string[] = [];
    for (const arg of argv) {
      if (arg === '--help' || arg === '-h') {
        io.stdout(HELP);
        return 0;
      }
      if (arg === '--json') json = true;
      else if (arg.startsWith('-')) {
        io.stderr(`stackql-codegen parse: unknown option '${arg}'\n\n${HELP}`);
        return 2;
      } else positional.push(arg);
    }
    if (positional.length !== 1) {
      io.stderr(`stackql-codegen parse: expected one docs path, got ${positional.length}\n\n${HELP}`);
      return 2;
    }
    const { document, diagnostics } = await parseDocs(path.resolve(io.cwd, positional[0]!));
    for (const diagnostic of diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
    io.stdout(json ? `${JSON.stringify({ irVersion: document.irVersion, provider: document.provider, resources: document.resources }, null, 2)}\n` : summary(document, diagnostics));
    return diagnostics.some((diagnostic) => diagnostic.severity === 'error') ? 1 : 0;
  },
};

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`;
}

function summary(document: IRDocument, diagnostics: readonly Diagnostic[]): string {
  const verbs = new Map<string, number>();
  for (const resource of document.resources) for (const method of resource.methods) verbs.set(method.verb, (verbs.get(method.verb) ?? 0) + 1);
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const views = document.resources.filter((resource) => resource.kind === 'view').length;
  return [
    `provider ${document.provider.name || '(unnamed)'} (IR ${document.irVersion})`,
    `services ${document.provider.services.length}`,
    `resources ${document.resources.length}${views > 0 ? ` (${views} views)` : ''}`,
    `methods ${[...verbs.values()].reduce((a, b) => a + b, 0)} (${['select', 'insert', 'update', 'replace', 'delete', 'exec'].map((verb) => `${verb} ${verbs.get(verb) ?? 0}`).join(', ')})`,
    `diagnostics ${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos`,
    '',
  ].join('\n');
}
