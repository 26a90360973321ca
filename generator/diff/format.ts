import type { Change } from './semantic.js';

export type ChangeFormat = 'text' | 'markdown' | 'json';

/** Counts for the summary line. */
export function countChanges(changes: readonly Change[]): { breaking: number; nonBreaking: number } {
  const breaking = changes.filter((c) => c.breaking).length;
  return { breaking, nonBreaking: changes.length - breaking };
}

export function formatChanges(changes: readonly Change[], format: ChangeFormat): string {
  if (format === 'json') return `${JSON.stringify({ ...countChanges(changes), changes }, null, 2)}\n`;
  if (format === 'markdown') return formatMarkdown(changes);
  return formatText(changes);
}

/** One line per change, `BREAKING` or `ok` first, grouped by resource as the changes are sorted. */
function formatText(changes: readonly Change[]): string {
  const { breaking, nonBreaking } = countChanges(changes);
  const lines = changes.map((c) => `${c.breaking ? 'BREAKING' : 'ok      '} ${c.kind.padEnd(19)} ${c.message}`);
  lines.push(`${changes.length} change(s): ${breaking} breaking, ${nonBreaking} non-breaking`);
  return `${lines.join('\n')}\n`;
}

function formatMarkdown(changes: readonly Change[]): string {
  const { breaking, nonBreaking } = countChanges(changes);
  const lines = [`## API changes`, '', `${changes.length} change(s): **${breaking} breaking**, ${nonBreaking} non-breaking.`, ''];
  if (changes.length > 0) {
    lines.push('| | Resource | Change | Detail |', '|---|---|---|---|');
    for (const c of changes) {
      const resource = c.resource === '' ? '(provider)' : `\`${c.resource}\``;
      // The resource has its own column; drop it from the front of the message where it leads.
      const detail = c.resource !== '' && c.message.startsWith(`${c.resource}: `) ? c.message.slice(c.resource.length + 2) : c.message;
      lines.push(`| ${c.breaking ? '⚠️ breaking' : 'non-breaking'} | ${resource} | ${c.kind} | ${escapeCell(detail)} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
