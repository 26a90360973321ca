import type { Point, Position } from 'unist';

/** Offsets of a page → unist points (1-based line and column, 0-based offset), as remark gives them. */
export class Locator {
  /** Offset where each line starts. */
  readonly lineStarts: number[];

  constructor(readonly source: string) {
    const starts = [0];
    for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
    this.lineStarts = starts;
  }

  /** The line of the last point: the scanners ask in page order, so the next point is mostly on it or the one after. */
  private lastLine = 0;

  point(offset: number): Point {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if ((starts[last] as number) <= offset) {
      if (last + 1 >= starts.length || offset < (starts[last + 1] as number)) return { line: last + 1, column: offset - (starts[last] as number) + 1, offset };
      if (last + 2 >= starts.length || offset < (starts[last + 2] as number)) {
        this.lastLine = last + 1;
        return { line: last + 2, column: offset - (starts[last + 1] as number) + 1, offset };
      }
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    this.lastLine = low;
    return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
  }

  span(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}
