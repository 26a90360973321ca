/**
 * `items.map(fn)` with at most `limit` calls in flight; results in input
 * order. File I/O is latency-bound (and fsync especially), so overlapping
 * a few calls is most of the speed, while an unbounded `Promise.all` over
 * thousands of files would exhaust file descriptors.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    // After a failure no new call starts, and the caller hears of it only
    // once the calls in flight have settled: nothing keeps touching files
    // behind its back (e.g. after a lock is released).
    while (next < items.length && failure === null) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}

/** One lstat per path for the life of one read or write, shared by concurrent callers. */
export function memoize<R>(fn: (key: string) => Promise<R>): (key: string) => Promise<R> {
  const cache = new Map<string, Promise<R>>();
  return (key) => {
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = fn(key);
      cache.set(key, hit);
    }
    return hit;
  };
}
