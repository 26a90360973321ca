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

  point(offset: number): Point {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1, offset };
  }

  span(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}
