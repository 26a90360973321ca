/**
 * Chunked contents (see `ChunkedText`) as the writer handles them: encoded
 * in pieces of bounded size, hashed and compared with the disk as they
 * pass, so a file of hundreds of MB (`ir.json` at 10k pages) never exists
 * whole, as text or as bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ChunkedText } from '../emit/types.js';
import { hasCode, isNotFound } from './transaction.js';

/**
 * About how many UTF-16 units go into one encoded piece: large enough that
 * a file of many small chunks costs few writes and hash updates, small
 * enough to stay a rounding error next to the IR.
 */
export const PIECE_UNITS = 256 * 1024;

/**
 * The UTF-8 bytes of `text`, in pieces of about `pieceUnits` units (a chunk
 * longer than that is a piece of its own). A high surrogate that ends a
 * piece is held back for the next, so the bytes are exactly those of the
 * joined text even if a pair was split between chunks.
 */
export function* encodeChunks(text: ChunkedText, pieceUnits = PIECE_UNITS): Generator<Buffer> {
  let pending = '';
  for (const chunk of text.chunks()) {
    pending += chunk;
    if (pending.length < pieceUnits) continue;
    if (isHighSurrogate(pending.charCodeAt(pending.length - 1))) {
      yield Buffer.from(pending.slice(0, -1), 'utf8');
      pending = pending.slice(-1);
    } else {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  if (pending.length > 0) yield Buffer.from(pending, 'utf8');
}

/**
 * {@link encodeChunks}, into one buffer of `pieceBytes` that every piece
 * reuses: a piece is valid only until the next one is asked for, so this
 * is for a consumer that is done with each piece by then (a write that is
 * awaited, a hash), never for one that keeps them. Each chunk is encoded
 * into the buffer as it comes, never joined to the next: the joined text
 * (a string past V8's large-object size) and a fresh Buffer per piece
 * outlived the young generation while the piece went to the disk, and
 * stayed until a full collection (at 10k pages, 30-60 MB of them through
 * the write of `ir.json`). A high surrogate that ends a chunk is held back
 * for the next, so the bytes are exactly those of the joined text.
 */
export function* encodeChunksReusing(text: ChunkedText, pieceBytes = PIECE_UNITS * 3): Generator<Buffer> {
  const scratch = Buffer.allocUnsafe(Math.max(6, pieceBytes));
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so a part of this many units always fits an empty buffer.
  const partUnits = Math.floor(scratch.length / 3);
  let used = 0;
  let held = '';
  for (const given of text.chunks()) {
    let chunk = held === '' ? given : held + given;
    held = '';
    if (chunk.length > 0 && isHighSurrogate(chunk.charCodeAt(chunk.length - 1))) {
      held = chunk.slice(-1);
      chunk = chunk.slice(0, -1);
    }
    for (let start = 0; start < chunk.length; ) {
      let end = Math.min(chunk.length, start + partUnits);
      // A pair is never cut between two parts: each is encoded on its own.
      if (end < chunk.length && isHighSurrogate(chunk.charCodeAt(end - 1))) end--;
      const part = start === 0 && end === chunk.length ? chunk : chunk.slice(start, end);
      if (used + part.length * 3 > scratch.length) {
        yield scratch.subarray(0, used);
        used = 0;
      }
      used += scratch.write(part, used, 'utf8');
      start = end;
    }
  }
  // A high surrogate that ends the text is a lone one: encoded as the joined text's would be.
  if (held !== '') {
    if (used + 3 > scratch.length) {
      yield scratch.subarray(0, used);
      used = 0;
    }
    used += scratch.write(held, used, 'utf8');
  }
  if (used > 0) yield scratch.subarray(0, used);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** `pieces`, each also fed to `hash` as it passes. */
export function* hashing(pieces: Iterable<Buffer>, hash: Hash): Generator<Buffer> {
  for (const piece of pieces) {
    hash.update(piece);
    yield piece;
  }
}

/**
 * Bytes of a changed chunked file kept from its comparison for staging: up
 * to this, a file found to differ (`ir.json` after any page edit) is staged
 * from the pieces just compared instead of being rendered and encoded a
 * second time; past it, nothing is kept, so a file of hundreds of MB still
 * never exists whole.
 */
export const KEEP_MAX_BYTES = 32 * 1024 * 1024;

/**
 * `pieces`, each also kept as it passes while they total at most
 * `maxBytes`; `kept()` gives them all once every piece has passed, else null.
 */
export function keeping(pieces: Iterable<Buffer>, maxBytes: number): { pieces: Iterable<Buffer>; kept(): Buffer[] | null } {
  let kept: Buffer[] | null = [];
  let bytes = 0;
  let done = false;
  return {
    pieces: (function* () {
      for (const piece of pieces) {
        bytes += piece.length;
        if (bytes > maxBytes) kept = null;
        else kept?.push(piece);
        yield piece;
      }
      done = true;
    })(),
    kept: () => (done ? kept : null),
  };
}

/**
 * `text` encoded (see {@link encodeChunks}) and hashed, its pieces held,
 * while they total at most `maxBytes`; null, having encoded no more than
 * that, past it.
 */
export function encodeWithin(text: ChunkedText, maxBytes: number): { pieces: Buffer[]; bytes: number; sha256: string } | null {
  const hash = createHash('sha256');
  const pieces: Buffer[] = [];
  let bytes = 0;
  for (const piece of encodeChunks(text)) {
    bytes += piece.length;
    if (bytes > maxBytes) return null;
    hash.update(piece);
    pieces.push(piece);
  }
  return { pieces, bytes, sha256: hash.digest('hex') };
}

/**
 * Whether the file at `path` holds exactly the bytes of `pieces`; null,
 * with `pieces` not started, where there is no file to compare with (the
 * caller can write them instead). Otherwise every piece is consumed, even
 * past a difference, so a hashing source sees the whole contents.
 */
export async function sameAsFile(path: string, pieces: Iterable<Buffer>): Promise<boolean | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isNotFound(error) || hasCode(error, 'EISDIR') || hasCode(error, 'ENOTDIR')) return null;
    throw error;
  }
  try {
    let same = true;
    let position = 0;
    let scratch = Buffer.alloc(0);
    for (const piece of pieces) {
      if (same) {
        if (scratch.length < piece.length) scratch = Buffer.alloc(piece.length);
        const { bytesRead } = await handle.read(scratch, 0, piece.length, position);
        same = bytesRead === piece.length && scratch.subarray(0, bytesRead).equals(piece);
      }
      position += piece.length;
    }
    // Equal so far: the file must also end where the contents do.
    return same && (await handle.stat()).size === position;
  } finally {
    await handle.close();
  }
}
