/**
 * One copy of each distinct string in the results handed between threads.
 * A worker's results arrive structured-cloned, every string a fresh copy:
 * a page's IR repeats its paths, types and SQL pieces many times over
 * (456k strings, 22k distinct, on 2,000 synthetic pages), and the IR
 * lives until the package is written.
 */
export class StringInterner {
  private readonly table = new Map<string, string>();

  /** Distinct strings seen so far. */
  get size(): number {
    return this.table.size;
  }

  /** The first copy of `text` seen. */
  intern(text: string): string {
    const seen = this.table.get(text);
    if (seen !== undefined) return seen;
    this.table.set(text, text);
    return text;
  }

  /**
   * Replaces, in place, every string in `value` (plain JSON-like data:
   * arrays and objects, as structured clone makes them) by its first copy,
   * object keys aside (V8 interns those itself). Returns `value`.
   */
  internAll<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (typeof item === 'string') items[i] = this.intern(item);
        else if (typeof item === 'object' && item !== null) this.internAll(item);
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const item = record[key];
      if (typeof item === 'string') record[key] = this.intern(item);
      else if (typeof item === 'object' && item !== null) this.internAll(item);
    }
    return value;
  }
}
