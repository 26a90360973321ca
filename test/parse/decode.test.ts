import { describe, expect, it } from 'vitest';
import { decodePage, MAX_PAGE_BYTES } from '../../generator/parse/decode.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('decodePage', () => {
  it('decodes valid UTF-8, multi-byte characters included', () => {
    expect(decodePage(bytes('# Café ✓ 𝄞\n'))).toEqual({ ok: true, text: '# Café ✓ 𝄞\n' });
  });
  it('locates the first invalid byte by line and column', () => {
    expect(decodePage(bytes('line one\nab', [0xe9], 'c\n'))).toMatchObject({ ok: false, code: 'page/invalid-utf8', line: 2, column: 3 });
  });
  it.each([
    ['a truncated sequence at the end', [0x61, 0xe2, 0x82], 2],
    ['an overlong encoding', [0x61, 0xc0, 0xaf], 2],
    ['a surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 3],
    ['a lone continuation byte', [0x80], 1],
  ])('refuses %s', (_what, input, column) => {
    expect(decodePage(Uint8Array.from(input))).toMatchObject({ ok: false, code: 'page/invalid-utf8', line: 1, column });
  });
  it('refuses NUL bytes as binary, where they are', () => {
    expect(decodePage(bytes('ok\n\nab', [0], 'x'))).toMatchObject({ ok: false, code: 'page/binary', line: 3, column: 3 });
  });
  it('refuses empty and blank files', () => {
    expect(decodePage(new Uint8Array())).toMatchObject({ ok: false, code: 'page/empty' });
    expect(decodePage(bytes(' \n\t\r\n'))).toMatchObject({ ok: false, code: 'page/empty' });
  });
  it('refuses files over the size limit without decoding them', () => {
    expect(decodePage(new Uint8Array(MAX_PAGE_BYTES + 1).fill(0x61))).toMatchObject({ ok: false, code: 'page/too-large', line: 1, column: 1 });
    expect(decodePage(new Uint8Array(1000).fill(0x61)).ok).toBe(true);
  });
});
