/**
 * Chunked contents (`ir.json`) go through the writer piece by piece: hashed,
 * compared with the disk and staged without being joined. Whatever the cut,
 * the bytes on disk, the record's hash and the unchanged/written decisions
 * must be those of the same text given whole.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChunkedText, EmittedFile } from '../../generator/emit/types.js';
import { encodeChunks, encodeChunksReusing, keeping, sameAsFile } from '../../generator/write/chunks.js';
import { OWNERSHIP_RECORD, writeOutput } from '../../generator/write/index.js';
import { freshOutDir, writtenSummary } from './support/out-dir.js';
import { snapshotTree } from './support/tree.js';

/** Pieces that are read each time `chunks()` is called, counting the reads. */
function chunked(pieces: readonly string[]): ChunkedText & { reads: number } {
  const text = {
    reads: 0,
    *chunks() {
      text.reads++;
      yield* pieces;
    },
  };
  return text;
}

// Multi-byte characters, a pair split between two pieces, and enough text to span several encoded pieces.
const big = `${'{\n  "a": "héllo 😀 \u2028",\n'.repeat(40_000)}}\n`;
const splitPair = ['x\ud83d', '\ude00y\n'];

let out: string;
beforeEach(async () => {
  out = await freshOutDir('writer-chunked');
});

const expectWritten = (files: EmittedFile[]) => writtenSummary(out, files);

function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function cut(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

describe('encodeChunks', () => {
  it('gives the bytes of the joined text, a split surrogate pair included, in pieces of bounded size', () => {
    for (const pieceUnits of [1, 2, 3, 7, 1024]) {
      const pieces = [...encodeChunks(chunked([...splitPair, ...cut(big.slice(0, 5000), 13)]), pieceUnits)];
      expect(Buffer.concat(pieces).equals(Buffer.from(splitPair.join('') + big.slice(0, 5000), 'utf8'))).toBe(true);
      // A piece holds at most pieceUnits + one chunk (13 units) + a held-back surrogate, each unit up to 3 bytes.
      for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual((pieceUnits + 14) * 3);
    }
  });
});

describe('encodeChunksReusing', () => {
  /** Every piece, copied as it passes: the next one overwrites it. */
  const copies = (pieces: Iterable<Buffer>): Buffer[] => {
    const copied: Buffer[] = [];
    for (const piece of pieces) copied.push(Buffer.from(piece));
    return copied;
  };

  it('gives the bytes of the joined text, split pairs and lone surrogates included, in pieces of at most the buffer', () => {
    const loneAtEnd = ['a\ud83d'];
    const loneHigh = ['\ud83d', 'b'];
    const loneLow = ['\ude00c'];
    const chunks = [...splitPair, ...cut(big.slice(0, 5000), 13), big.slice(5000, 9000), ...loneHigh, ...loneLow, '', ...splitPair, ...loneAtEnd];
    const expected = Buffer.from(chunks.join(''), 'utf8');
    for (const pieceBytes of [6, 7, 40, 1024, 3 * 4096]) {
      const pieces = copies(encodeChunksReusing(chunked(chunks), pieceBytes));
      expect(Buffer.concat(pieces).equals(expected), `pieceBytes ${pieceBytes}`).toBe(true);
      for (const piece of pieces) {
        expect(piece.length).toBeGreaterThan(0);
        expect(piece.length).toBeLessThanOrEqual(pieceBytes);
      }
    }
  });

  it('cuts a long chunk between pairs, never inside one', () => {
    const pairs = '😀'.repeat(1000);
    for (const pieceBytes of [6, 9, 10, 1000]) expect(Buffer.concat(copies(encodeChunksReusing(chunked([pairs]), pieceBytes))).toString('utf8')).toBe(pairs);
  });

  it('writes every piece into one buffer, where encodeChunks makes a buffer per piece', () => {
    const text = chunked(cut(big, 4099));
    const reusing = [...encodeChunksReusing(text, 64 * 1024)];
    expect(reusing.length).toBeGreaterThan(10);
    expect(new Set(reusing.map((piece) => piece.buffer)).size).toBe(1);
    const fresh = [...encodeChunks(text, 16 * 1024)];
    expect(new Set(fresh.map((piece) => piece.buffer)).size).toBeGreaterThan(10);
  });
});

describe('keeping', () => {
  const pieces = () => ['ab', 'cd', 'e'].map((text) => Buffer.from(text));
  it('keeps every piece once all have passed, within the bound', () => {
    const kept = keeping(pieces(), 5);
    expect(kept.kept()).toBeNull();
    expect(Buffer.concat([...kept.pieces]).toString()).toBe('abcde');
    expect(kept.kept()?.map((piece) => piece.toString())).toEqual(['ab', 'cd', 'e']);
  });
  it('keeps nothing past the bound, and still passes every piece on', () => {
    const kept = keeping(pieces(), 4);
    expect(Buffer.concat([...kept.pieces]).toString()).toBe('abcde');
    expect(kept.kept()).toBeNull();
  });
});

describe('sameAsFile', () => {
  it('tells equal bytes from a shorter, longer or different file, and null where there is none', async () => {
    await mkdir(out, { recursive: true });
    const path = join(out, 'f');
    await writeFile(path, 'abcdef');
    const pieces = (...texts: string[]) => texts.map((text) => Buffer.from(text));
    expect(await sameAsFile(path, pieces('abc', 'def'))).toBe(true);
    expect(await sameAsFile(path, pieces('abc'))).toBe(false);
    expect(await sameAsFile(path, pieces('abc', 'defg'))).toBe(false);
    expect(await sameAsFile(path, pieces('abd', 'def'))).toBe(false);
    expect(await sameAsFile(join(out, 'none'), pieces('abc'))).toBeNull();
  });
});

describe('writeOutput with chunked contents', () => {
  it('stages a file with nothing where it goes from one reused buffer, keeping none of its pieces', async () => {
    // Every buffer the staging writes are given, through `fs.write` as the writer calls it.
    const fs = createRequire(import.meta.url)('node:fs') as { write: (...args: unknown[]) => unknown };
    const original = fs.write;
    const buffers = new Set<ArrayBufferLike>();
    let writes = 0;
    fs.write = (...args: unknown[]) => {
      const piece = args[1];
      if (piece instanceof Uint8Array && piece.length >= 64 * 1024) {
        buffers.add(piece.buffer);
        writes++;
      }
      return original(...args);
    };
    syncBuiltinESMExports();
    const text = big.repeat(4);
    try {
      await expectWritten([{ path: 'ir.json', contents: chunked(cut(text, 4099)) }, { path: 'a.ts', contents: 'a\n' }]);
    } finally {
      fs.write = original;
      syncBuiltinESMExports();
    }
    expect((await readFile(join(out, 'ir.json'))).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(writes).toBeGreaterThan(5);
    expect(buffers.size).toBe(1);
  });

  it('writes the joined bytes and records their hash, reading the pieces once on a fresh out dir', async () => {
    const contents = chunked([...cut(big, 4099), ...splitPair]);
    const summary = await expectWritten([{ path: 'ir.json', contents }, { path: 'a.ts', contents: 'a\n' }]);
    expect(summary.written).toEqual(['a.ts', 'ir.json']);
    expect(contents.reads).toBe(1);
    const bytes = await readFile(join(out, 'ir.json'));
    const expected = Buffer.from(big + splitPair.join(''), 'utf8');
    expect(bytes.equals(expected)).toBe(true);
    const record = JSON.parse(await readFile(join(out, OWNERSHIP_RECORD), 'utf8')) as { files: Record<string, string> };
    expect(record.files['ir.json']).toBe(sha256(expected));
  });

  it('leaves the out dir exactly as the same text given whole would', async () => {
    await expectWritten([{ path: 'ir.json', contents: big }, { path: 'a.ts', contents: 'a\n' }]);
    const whole = await snapshotTree(out);
    out = await freshOutDir('writer-chunked');
    await expectWritten([{ path: 'ir.json', contents: chunked(cut(big, 777)) }, { path: 'a.ts', contents: 'a\n' }]);
    expect(await snapshotTree(out)).toEqual(whole);
  });

  it('finds an unchanged file unchanged (mtime kept), however it is cut, and rewrites a changed one', async () => {
    await expectWritten([{ path: 'ir.json', contents: big }]);
    const before = (await stat(join(out, 'ir.json'))).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await expectWritten([{ path: 'ir.json', contents: chunked(cut(big, 1000)) }]);
    expect(again).toEqual({ written: [], unchanged: ['ir.json'], removed: [] });
    expect((await stat(join(out, 'ir.json'))).mtimeMs).toBe(before);

    // Of another length (known changed by its size alone) and of the same length (known only by comparing the bytes).
    for (const changed of [big.slice(0, -1), `${big} `, big.replace('héllo', 'hello'), big.replace('héllo', 'hélla'), big.replace(/.$/su, ']')]) {
      expect(changed).not.toBe(big);
      const contents = chunked(cut(changed, 1000));
      const summary = await expectWritten([{ path: 'ir.json', contents }]);
      expect(summary.written).toEqual(['ir.json']);
      // Compared with the disk, then staged from the pieces compared: read once.
      expect(contents.reads).toBe(1);
      expect(await readFile(join(out, 'ir.json'), 'utf8')).toBe(changed);
      const record = JSON.parse(await readFile(join(out, OWNERSHIP_RECORD), 'utf8')) as { files: Record<string, string> };
      expect(record.files['ir.json']).toBe(sha256(changed));
    }
  });

  it('adopts a user file with exactly the new bytes and refuses one that differs', async () => {
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'ir.json'), big);
    expect(await expectWritten([{ path: 'ir.json', contents: chunked(cut(big, 5000)) }])).toEqual({ written: [], unchanged: ['ir.json'], removed: [] });

    await writeFile(join(out, 'other.json'), 'mine\n');
    const outcome = await writeOutput(out, [{ path: 'other.json', contents: chunked(['not ', 'mine\n']) }]);
    expect(outcome.ok).toBe(false);
    expect(await readFile(join(out, 'other.json'), 'utf8')).toBe('mine\n');
  });

  it('refuses a chunked file given twice, writing nothing', async () => {
    const outcome = await writeOutput(out, [
      { path: 'ir.json', contents: chunked(['a\n']) },
      { path: 'ir.json', contents: chunked(['b\n']) },
    ]);
    expect(outcome.ok).toBe(false);
    expect(await snapshotTree(out).catch(() => ({}))).toEqual({});
  });
});
