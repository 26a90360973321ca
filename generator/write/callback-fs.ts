/**
 * `fs` calls through the callback API, as promises. The writer and the page
 * cache use these instead of `fs/promises`: a `FileHandle` costs the main
 * thread about twice as much per file (measured over 3,000 small files:
 * 480-610 against 230-290 ms of event-loop time), and a run opens one per
 * staged file, synced directory and cache entry.
 */
import { close, fsync, open, write, writeFile } from 'node:fs';
import { promisify } from 'node:util';

const wrapped = new WeakMap<object, unknown>();

/**
 * `wrap(fn)`, made once per function object. Each call below passes the
 * `fs` function as it is at that moment, so a replaced one (as fault
 * injection does) is the one called; wrapping it anew on every call cost
 * about 10 µs (a quarter of a second of a 3,000-page run).
 */
function current<F extends object, P>(fn: F, wrap: (fn: F) => P): P {
  let promise = wrapped.get(fn) as P | undefined;
  if (promise === undefined) {
    promise = wrap(fn);
    wrapped.set(fn, promise);
  }
  return promise;
}

export const openFd = (path: string, flags: string) => current(open, (fn) => promisify(fn))(path, flags);
export const writeFd = (fd: number, piece: Uint8Array, offset: number, length: number) => current(write, (fn) => promisify(fn))(fd, piece, offset, length);
/** All of `piece` at `position` in the file, whatever the file's current offset. */
export const writeAt = async (fd: number, piece: Uint8Array, position: number): Promise<void> => {
  for (let done = 0; done < piece.length; ) {
    const { bytesWritten } = await current(write, (fn) => promisify(fn))(fd, piece, done, piece.length - done, position + done);
    done += bytesWritten;
  }
};
/** A whole file at once, to a descriptor or a path. */
export const writeWhole = (target: number | string, contents: string | Uint8Array) => current(writeFile, (fn) => promisify(fn))(target, contents);
export const fsyncFd = (fd: number) => current(fsync, (fn) => promisify(fn))(fd);
export const closeFd = (fd: number) => current(close, (fn) => promisify(fn))(fd);
