import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../generator/write/concurrency.js';

describe('mapLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapLimit([50, 10, 30, 0, 20, 40], 3, async (ms, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
    expect(peak).toBe(3);
  });

  it('starts nothing after a failure and rejects only when the calls in flight have settled', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const failure = new Error('boom');
    await expect(
      mapLimit([0, 1, 2, 3, 4, 5], 2, async (item) => {
        started.push(item);
        await new Promise((r) => setTimeout(r, item === 0 ? 5 : 30));
        if (item === 0) throw failure;
        finished.push(item);
      }),
    ).rejects.toBe(failure);
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([1]);
  });
});
