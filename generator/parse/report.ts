import { compareDiagnostics, type Diagnostic, type Severity } from '../diagnostics.js';
import type { IRSource } from '../ir/types.js';
import type { ReportTarget } from './context.js';
import type { DiagnosticCode } from './codes.js';
import type { Node, Point, Position } from 'unist';

/** Collects one page's diagnostics, locating each at a node, position or point. */
export class PageReporter {
  private readonly found: Diagnostic[] = [];
  constructor(readonly path: string) {}

  /** The parser's own findings: `code` must be in the table of `codes.ts`. */
  report(at: ReportTarget, severity: Severity, code: DiagnosticCode, message: string): void {
    this.add(at, severity, code, message);
  }

  /** Findings of section readers that keep their own code tables (`example/…`, `manifest/…`). */
  add(at: ReportTarget, severity: Severity, code: string, message: string): void {
    const point = startOf(at);
    this.found.push({ path: this.path, line: point.line, column: point.column, severity, code, message });
  }

  /** Sorted by place, so a page's list reads top to bottom whatever order the sections were read in. */
  get diagnostics(): Diagnostic[] {
    return [...this.found].sort(compareDiagnostics);
  }

  hasErrors(): boolean {
    return this.found.some((diagnostic) => diagnostic.severity === 'error');
  }

  sourceOf(node: Node | null | undefined): IRSource {
    return { path: this.path, line: node?.position?.start.line ?? 1 };
  }
}

function startOf(at: ReportTarget): { line: number; column: number } {
  if (!at) return { line: 1, column: 1 };
  if ('line' in at && typeof at.line === 'number') return { line: at.line, column: (at as Point).column ?? 1 };
  if ('start' in at && at.start && typeof (at as Position).start.line === 'number') return { line: (at as Position).start.line, column: (at as Position).start.column };
  const position = (at as Node).position;
  return position ? { line: position.start.line, column: position.start.column } : { line: 1, column: 1 };
}
