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

  /** A copy of the first `text` seen (see {@link ownCopy}). */
  intern(text: string): string {
    const seen = this.table.get(text);
    if (seen !== undefined) return seen;
    const own = ownCopy(text);
    this.table.set(own, own);
    return own;
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

/**
 * Strings of 13 characters or more that the reader cuts out of a page's text
 * are, in V8, views of that text, and one such string kept in the IR keeps
 * the whole page alive. So the pages of the calling thread's share stayed
 * in the heap with the IR (3,000 synthetic pages: 63 MB of heap once the IR
 * is built, 48 MB with copies of their own). Joining and cutting again makes
 * a string of its own; shorter strings are copies already.
 */
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
