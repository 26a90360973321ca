/**
 * Pack files: many cache entries in one file. Creating a file is the
 * dearest step of writing a small one (on this project's CI disk about a
 * millisecond of kernel time each, against tens of microseconds to append
 * the same bytes to an open file), and a cold run of a large provider wrote
 * one entry per page: 10k files at 10k pages. A run now writes its entries
 * into one pack, like ESLint's or TypeScript's single cache file, but
 * without rewriting what earlier runs wrote.
 *
 * Layout, every part found from the end:
 *
 * ```text
 * <entry><entry>…                       entries back to back, opaque here
 * {"format":"stackql-codegen-pack/1","entries":[["<key>",<offset>,<length>],…]}⏎
 * stackql-codegen-pack-index@0000000001234567⏎   fixed width: where the index line starts
 * ```
 *
 * A pack is written to a temp name and renamed when whole, so a reader
 * sees a complete pack or none. Nothing here trusts an entry's bytes: the
 * caller verifies each one (see `verifyEntry` in `page-cache.ts`); a pack
 * whose trailer or index does not read is skipped whole.
 */
import { readSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { closeFd, openFd, writeAt } from '../write/callback-fs.js';

const PACK_FORMAT = 'stackql-codegen-pack/1';
const TRAILER_PREFIX = 'stackql-codegen-pack-index@';
const OFFSET_DIGITS = 16;
const TRAILER_LENGTH = TRAILER_PREFIX.length + OFFSET_DIGITS + 1;
/** An index line longer than this is not read (a pack of 10k entries has about 1 MB). */
const MAX_INDEX_BYTES = 256 * 1024 * 1024;

export const PACK_SUFFIX = '.pack';

/** Where one entry's bytes are in a pack. */
export interface PackEntry {
  key: string;
  offset: number;
  length: number;
}

/**
 * Appends entries to a new pack. Each `append` takes its place at once and
 * writes it at that offset, so appends may be in flight together; `finish`
 * waits for them, writes the index and makes the pack visible.
 */
export class PackWriter {
  private size = 0;
  private readonly entries: PackEntry[] = [];
  private readonly writes: Promise<void>[] = [];
  private opened: Promise<number> | null = null;
  private failed = false;

  constructor(
    /** The pack's final path. */
    readonly path: string,
    /** Where it is written until whole: a name no reader takes for a pack. */
    readonly temp: string,
    /** Settles when the pack's directory is there: the temp file is opened after it. */
    private readonly directoryMade: Promise<unknown>,
  ) {}

  append(key: string, bytes: Uint8Array): Promise<void> {
    const offset = this.size;
    this.size += bytes.length;
    this.entries.push({ key, offset, length: bytes.length });
    this.opened ??= this.directoryMade.then(() => openFd(this.temp, 'w'));
    const write = this.opened
      .then((fd) => writeAt(fd, bytes, offset))
      .then(
        () => undefined,
        () => {
          this.failed = true;
        },
      );
    this.writes.push(write);
    return write;
  }

  /** True when the pack is in place with every entry appended; false (and no temp file left) when anything failed. */
  async finish(): Promise<boolean> {
    if (this.opened === null) return false;
    let fd: number | null = null;
    try {
      fd = await this.opened;
      await Promise.all(this.writes);
      if (this.failed) throw new Error('an entry was not written');
      const index = Buffer.from(`${JSON.stringify({ format: PACK_FORMAT, entries: this.entries.map((e) => [e.key, e.offset, e.length]) })}\n`);
      const trailer = Buffer.from(`${TRAILER_PREFIX}${String(this.size).padStart(OFFSET_DIGITS, '0')}\n`);
      await writeAt(fd, Buffer.concat([index, trailer]), this.size);
      await closeFd(fd);
      fd = null;
      await rename(this.temp, this.path);
      return true;
    } catch {
      if (fd !== null) await closeFd(fd).catch(() => undefined);
      await unlink(this.temp).catch(() => undefined);
      return false;
    }
  }
}

/** The entries of the pack open at `fd` (of `size` bytes), or null when its trailer or index does not read as this format's. */
export function readPackIndex(fd: number, size: number): PackEntry[] | null {
  if (size < TRAILER_LENGTH) return null;
  const trailer = readAt(fd, size - TRAILER_LENGTH, TRAILER_LENGTH);
  if (trailer === null) return null;
  const text = trailer.toString('latin1');
  if (!text.startsWith(TRAILER_PREFIX) || !text.endsWith('\n')) return null;
  const digits = text.slice(TRAILER_PREFIX.length, -1);
  if (!/^[0-9]+$/.test(digits)) return null;
  const indexStart = Number(digits);
  const indexLength = size - TRAILER_LENGTH - indexStart;
  if (indexLength <= 0 || indexLength > MAX_INDEX_BYTES) return null;
  const indexBytes = readAt(fd, indexStart, indexLength);
  if (indexBytes === null) return null;
  let index: unknown;
  try {
    index = JSON.parse(indexBytes.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof index !== 'object' || index === null) return null;
  const { format, entries } = index as { format?: unknown; entries?: unknown };
  if (format !== PACK_FORMAT || !Array.isArray(entries)) return null;
  const found: PackEntry[] = [];
  for (const entry of entries as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) return null;
    const [key, offset, length] = entry as unknown[];
    if (typeof key !== 'string' || !Number.isSafeInteger(offset) || !Number.isSafeInteger(length)) return null;
    if ((offset as number) < 0 || (length as number) < 0 || (offset as number) + (length as number) > indexStart) return null;
    found.push({ key, offset: offset as number, length: length as number });
  }
  return found;
}

/** The bytes of one entry, or null when they cannot all be read (the pack shrank or went away). */
export function readPackEntry(fd: number, entry: PackEntry): Buffer | null {
  return readAt(fd, entry.offset, entry.length);
}

function readAt(fd: number, position: number, length: number): Buffer | null {
  const bytes = Buffer.allocUnsafe(length);
  let read = 0;
  try {
    while (read < length) {
      const got = readSync(fd, bytes, read, length - read, position + read);
      if (got === 0) return null;
      read += got;
    }
  } catch {
    return null;
  }
  return bytes;
}
