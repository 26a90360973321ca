/**
 * A unified diff over lines, for `check` to show how a generated file
 * drifted. No diff library is installed, so this is Myers' O(ND) algorithm
 * (linear-space variant not needed: generated files are small and the edit
 * distance is capped, see `maxEdits`).
 */

export type LineOp = { op: 'equal' | 'delete' | 'insert'; line: string };

/**
 * The shortest edit script from `a` to `b`, or null when it needs more
 * than `maxEdits` insertions + deletions (the caller then says the file was
 * rewritten instead of printing a huge diff).
 */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 2000): LineOp[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) x = v[offset + k + 1] ?? 0;
      else x = (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d, offset);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], depth: number, offset: number): LineOp[] {
  const ops: LineOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = depth; d > 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const prevK = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ op: 'equal', line: a[--x] as string }), y--;
    if (x === prevX) ops.push({ op: 'insert', line: b[--y] as string });
    else ops.push({ op: 'delete', line: a[--x] as string });
  }
  while (x > 0 && y > 0) ops.push({ op: 'equal', line: a[--x] as string }), y--;
  return ops.reverse();
}

/** Splits text into lines the way `diff` does: a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change. */
  context?: number;
  /** At most this many lines of hunks; the rest is summarised in one line. */
  maxLines?: number;
}

/**
 * `--- a/<path>` / `+++ b/<path>` and `@@ -l,s +l,s @@` hunks, as `diff -u`
 * prints them. Empty when the texts are equal.
 */
export function unifiedDiff(path: string, before: string, after: string, options: UnifiedDiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const maxLines = options.maxLines ?? 200;
  const a = splitLines(before);
  const b = splitLines(after);
  const header = [`--- a/${path}`, `+++ b/${path}`];
  const ops = diffLines(a, b);
  if (ops === null) return `${[...header, `@@ file rewritten: ${a.length} line(s) → ${b.length} line(s) @@`].join('\n')}\n`;
  const noNewline = (text: string) => text !== '' && !text.endsWith('\n');
  if (ops.every((op) => op.op === 'equal')) {
    // Same lines; only the final newline differs.
    return `${[...header, `@@ final newline ${noNewline(after) ? 'removed' : 'added'} @@`].join('\n')}\n`;
  }

  const body: string[] = [];
  let index = 0;
  let oldLine = 1;
  let newLine = 1;
  const positions = ops.map((op) => {
    const here = { oldLine, newLine };
    if (op.op !== 'insert') oldLine++;
    if (op.op !== 'delete') newLine++;
    return here;
  });
  while (index < ops.length) {
    while (index < ops.length && ops[index]?.op === 'equal') index++;
    if (index >= ops.length) break;
    const start = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while the next change is within 2×context equal lines.
    for (;;) {
      while (end < ops.length && ops[end]?.op !== 'equal') end++;
      let gap = end;
      while (gap < ops.length && ops[gap]?.op === 'equal') gap++;
      if (gap < ops.length && gap - end <= 2 * context) end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const slice = ops.slice(start, stop);
    const first = positions[start] ?? { oldLine: 1, newLine: 1 };
    const oldCount = slice.filter((op) => op.op !== 'insert').length;
    const newCount = slice.filter((op) => op.op !== 'delete').length;
    body.push(`@@ -${oldCount === 0 ? first.oldLine - 1 : first.oldLine},${oldCount} +${newCount === 0 ? first.newLine - 1 : first.newLine},${newCount} @@`);
    for (const op of slice) body.push(`${op.op === 'equal' ? ' ' : op.op === 'delete' ? '-' : '+'}${op.line}`);
    index = stop;
  }
  let shown = body;
  if (body.length > maxLines) {
    shown = body.slice(0, maxLines);
    shown.push(`@@ … ${body.length - maxLines} more diff line(s) not shown @@`);
  }
  return `${[...header, ...shown].join('\n')}\n`;
}
