/**
 * Pages larger than this are refused (`page/too-large`) before parsing: the
 * largest real page is well under 1 MiB, and the MDX parser needs seconds per
 * MiB, so a bigger file is a mistake (a dump, a build artifact), not a page.
 */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export function tooLargeMessage(size: number): string {
  return `the file has ${size} bytes; pages over ${MAX_PAGE_BYTES} bytes (${MAX_PAGE_BYTES / 1024 / 1024} MiB) are refused`;
}

export type DecodeResult =
  | { ok: true; text: string }
  | { ok: false; code: 'page/empty' | 'page/too-large' | 'page/binary' | 'page/invalid-utf8'; message: string; line: number; column: number };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a page's bytes as strict UTF-8; refuses empty, oversized and binary files with the place of the first bad byte. */
export function decodePage(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0 || isBlank(bytes)) {
    return { ok: false, code: 'page/empty', message: 'the file is empty', line: 1, column: 1 };
  }
  if (bytes.length > MAX_PAGE_BYTES) {
    return {
      ok: false,
      code: 'page/too-large',
      message: tooLargeMessage(bytes.length),
      line: 1,
      column: 1,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = placeOfByte(bytes, nul);
    return { ok: false, code: 'page/binary', message: `NUL byte at offset ${nul}: this is not a text file`, line, column };
  }
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const { line, column } = placeOfByte(bytes, bad);
    return { ok: false, code: 'page/invalid-utf8', message: `invalid UTF-8 at byte offset ${bad}`, line, column };
  }
}

function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

/** 1-based line and column (in bytes from the line start) of a byte offset. */
function placeOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

// TextDecoder says only that the input is bad, not where: find the first byte
// that does not begin or continue a well-formed sequence (RFC 3629 table).
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min2 = 0x80;
    let max2 = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 === 0xe0) min2 = 0xa0;
      if (b0 === 0xed) max2 = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 === 0xf0) min2 = 0x90;
      if (b0 === 0xf4) max2 = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      if (b === undefined) return i;
      const [lo, hi] = k === 1 ? [min2, max2] : [0x80, 0xbf];
      if (b < lo || b > hi) return i;
    }
    i += length;
  }
  return i;
}
