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

/**
 * `fn` on each item of a (possibly lazy) iterable with at most `limit`
 * calls in flight; an item is pulled only when a call can start, so a lazy
 * source is never drained ahead of the work. Fails like {@link mapLimit}:
 * no new call after a failure, and only once those in flight settled.
 */
export async function forEachLimit<T>(items: Iterable<T>, limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let done = false;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (!done && failure === null) {
      let step: IteratorResult<T>;
      try {
        step = iterator.next();
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (step.done === true) {
        done = true;
        return;
      }
      try {
        await fn(step.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
