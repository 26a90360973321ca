import type { SeriesSummary } from './measure.js';
import type { BenchResults, CorpusResult, ScaleResult } from './run.js';

/** The targets of the performance issue: whole process, medians, this class of machine. */
export const TARGETS = {
  generateMs: { okta: 600, github: 1200 } as Record<string, number>,
  checkMs: { okta: 300 } as Record<string, number>,
  onePageChangeMs: { okta: 350 } as Record<string, number>,
  /** Peak RSS in MB (10^6 bytes), as the issue states it; the tables show MiB. */
  peakRssMB: { github: 300 } as Record<string, number>,
  scaleMBps: 20,
  scalePeakRssMB: 400,
  generateOverFloor: 3,
};

const MB = 1e6;

function ms(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(0);
}

function mib(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(0);
}

function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

function fixed(value: number | null, digits: number): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

function verdict(value: number | null, limit: number | undefined, higherIsBetter = false, unit = ''): string {
  if (limit === undefined) return '';
  const target = `target ${higherIsBetter ? '≥' : '≤'} ${limit}${unit}`;
  if (value === null) return `${target}: n/a`;
  const ok = higherIsBetter ? value >= limit : value <= limit;
  return `${target}: ${ok ? 'met' : 'MISSED'}`;
}

/** A peak RSS in MiB (as measured) against a target in MB. */
function rssVerdict(maxRssMiB: number | null, limitMB: number | undefined): string {
  return verdict(maxRssMiB === null ? null : (maxRssMiB * 2 ** 20) / MB, limitMB, false, ' MB');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function stepRow(step: string, series: SeriesSummary, note: string): string[] {
  return [step, ms(series.wallMs), ms(series.cpuMs), mib(series.maxRssMiB), series.unavailable ? `n/a (${series.unavailable})` : note];
}

function corpusSection(result: CorpusResult): string {
  const { name, stats } = result;
  const rows = [
    stepRow('generate (cold)', result.generate, [verdict(result.generate.wallMs, TARGETS.generateMs[name]), rssVerdict(result.generate.maxRssMiB, TARGETS.peakRssMB[name])].filter(Boolean).join('; ')),
    stepRow('check (no change)', result.check, verdict(result.check.wallMs, TARGETS.checkMs[name])),
    stepRow('generate (1 page changed)', result.onePageChange, verdict(result.onePageChange.wallMs, TARGETS.onePageChangeMs[name])),
    stepRow('floor', result.floor, result.floorPlan === 'output' ? 'same files as generate' : 'one file per page (no generate output yet)'),
    stepRow('read: remark', result.remark, ''),
    stepRow('read: fast only', result.fast, `accepts ${result.fastAccepted === null ? 'n/a' : `${(result.fastAccepted * 100).toFixed(1)}%`} of files`),
    stepRow('read: fast + fallback', result.auto, ''),
  ];
  if (result.against) {
    rows.push(stepRow('generate (cold), paired: this build', result.against.self, ''));
    rows.push(stepRow('generate (cold), paired: --against', result.against.other, result.against.cli));
  }
  const overFloor = ratio(result.generate.wallMs, result.floor.wallMs);
  const ratios = [
    `generate / floor: ${fixed(overFloor, 2)} (${verdict(overFloor, TARGETS.generateOverFloor)})`,
    `remark / fast+fallback: ${fixed(ratio(result.remark.wallMs, result.auto.wallMs), 2)}`,
    `remark / fast only: ${fixed(ratio(result.remark.wallMs, result.fast.wallMs), 2)}`,
  ];
  if (result.against) {
    const { self, other } = result.against;
    ratios.push(`this build / --against, paired cold generate: wall ${fixed(ratio(self.wallMs, other.wallMs), 3)}, cpu ${fixed(ratio(self.cpuMs, other.cpuMs), 3)}`);
  }
  const output = result.output ? `, output ${result.output.files} files ${(result.output.bytes / MB).toFixed(2)} MB` : '';
  return [
    `## ${name}: ${stats.pages} resource pages (${stats.files} doc files), ${(stats.resourceBytes / MB).toFixed(2)} MB of resource pages (${(stats.bytes / MB).toFixed(2)} MB all)${output}`,
    table(['step', 'wall ms', 'cpu ms', 'peak RSS MiB', 'note'], rows),
    ratios.join('\n'),
  ].join('\n\n');
}

function scaleSection(scale: ScaleResult[]): string {
  const rows = scale.flatMap((entry) => {
    const mbps = (series: SeriesSummary): string => fixed(series.wallMs === null ? null : entry.bytes / MB / (series.wallMs / 1000), 1);
    const last = entry === scale[scale.length - 1];
    return [
      [String(entry.pages), (entry.bytes / MB).toFixed(1), 'generate', ms(entry.generate.wallMs), ms(entry.generate.cpuMs), mbps(entry.generate), mib(entry.generate.maxRssMiB), entry.generate.unavailable ? `n/a (${entry.generate.unavailable})` : last ? [verdict(entry.generate.wallMs === null ? null : entry.bytes / MB / (entry.generate.wallMs / 1000), TARGETS.scaleMBps, true), rssVerdict(entry.generate.maxRssMiB, TARGETS.scalePeakRssMB)].join('; ') : ''],
      [String(entry.pages), (entry.bytes / MB).toFixed(1), 'read: fast + fallback', ms(entry.auto.wallMs), ms(entry.auto.cpuMs), mbps(entry.auto), mib(entry.auto.maxRssMiB), entry.auto.unavailable ? `n/a (${entry.auto.unavailable})` : ''],
    ];
  });
  return ['## scale: synthetic corpus (okta + github pages, renamed ids)', table(['pages', 'MB', 'step', 'wall ms', 'cpu ms', 'MB/s (wall)', 'peak RSS MiB', 'note'], rows)].join('\n\n');
}

export function renderReport(results: BenchResults): string {
  const sections = [
    `# stackql-codegen bench (node ${results.node}, medians of ${results.runs} whole-process runs, CPU = user+sys via ${results.cpuMeasurement}, peak RSS = max over runs)`,
    ...results.corpora.map(corpusSection),
  ];
  if (results.scale.length > 0) sections.push(scaleSection(results.scale));
  return `${sections.join('\n\n')}\n`;
}
