/**
 * A located finding about the docs, printed by `lint` as
 * `path:line:col severity code message`.
 *
 * `error` only where a page cannot yield a correct IR (the resource is then
 * left out of generation); defects in example text are `warning`s, since
 * examples are read for structure and never copied into generated code.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Relative to the docs root, POSIX separators. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  /** Stable, kebab-case, grouped by area: `page/…`, `fields/…`, `methods/…`, `example/…`, … */
  code: string;
  message: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.code, b.code) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
