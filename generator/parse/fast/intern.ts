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
   * object keys aside (V8 interns those itself), and every empty list by
   * {@link EMPTY_LIST}. `copyLists`: replace each other list by a copy of
   * its own length, for results built on this thread (see
   * {@link exactList}). Returns `value`.
   */
  internAll<T>(value: T, copyLists = false): T {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
      this.internItems(value as unknown[], copyLists);
      return value;
    }
    this.internFields(value as Record<string, unknown>, copyLists);
    return value;
  }

  private internValue(value: unknown, copyLists: boolean): unknown {
    if (typeof value === 'string') return this.intern(value);
    if (typeof value !== 'object' || value === null) return value;
    if (!Array.isArray(value)) {
      this.internFields(value as Record<string, unknown>, copyLists);
      return value;
    }
    if (value.length === 0) return EMPTY_LIST;
    const list = copyLists ? exactList(value as unknown[]) : (value as unknown[]);
    this.internItems(list, copyLists);
    return list;
  }

  private internItems(items: unknown[], copyLists: boolean): void {
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) continue;
      // Stored even when equal: equal strings compare equal whatever copy they are.
      items[i] = this.internValue(item, copyLists);
    }
  }

  private internFields(record: Record<string, unknown>, copyLists: boolean): void {
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const item = record[key];
      if (typeof item !== 'string' && (typeof item !== 'object' || item === null)) continue;
      record[key] = this.internValue(item, copyLists);
    }
  }
}

/**
 * The one empty list of interned results. A page's IR has many (most
 * fields' `children`, most statements' `returning`, …: 85k of them on
 * 3,000 synthetic pages, 32 bytes each, about 5% of the IR's heap), and
 * none is ever added to once the page is read. Frozen, since it is shared:
 * a change would show in every list, so it throws instead
 * (test/perf/frozen-ir.test.ts holds the build and the emitter to never
 * changing a page).
 */
export const EMPTY_LIST: readonly never[] = Object.freeze([]);

/**
 * A copy of `list` whose storage is its length. A list the reader grows
 * item by item keeps room for more (V8 grows its storage by half again
 * plus 16 slots), about 70 bytes unused per short list; structured clone
 * makes lists of their exact length already. On 3,000 synthetic pages,
 * copying the calling thread's lists took the IR's heap from 46.0 to
 * 42.6-43.6 MB (the shared empty lists alone: 47.9 to 46.0).
 */
function exactList(list: unknown[]): unknown[] {
  return list.slice();
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
