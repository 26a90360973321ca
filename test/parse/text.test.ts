import { describe, expect, it } from 'vitest';
import { cellMarkdown, decodeReferences } from '../../generator/parse/html.js';
import { isPlainIdentifier, readHints, splitDatatype } from '../../generator/parse/text.js';

describe('splitDatatype', () => {
  it.each([
    ['integer (int64)', { datatype: 'integer (int64)', type: 'integer', format: 'int64' }],
    ['string (date-time)', { datatype: 'string (date-time)', type: 'string', format: 'date-time' }],
    ['string', { datatype: 'string', type: 'string', format: null }],
    ['  object ', { datatype: 'object', type: 'object', format: null }],
    ['', { datatype: '', type: '', format: null }],
    ['string (URL encoded (before encoding))', { datatype: 'string (URL encoded (before encoding))', type: 'string', format: 'URL encoded (before encoding)' }],
  ])('%j', (written, expected) => {
    expect(splitDatatype(written)).toEqual(expected);
  });
});

describe('readHints', () => {
  it('reads a single hint', () => {
    expect(readHints('RSA key value (exponent) for key binding (example: AQAB)')).toEqual({ example: 'AQAB', default: null, pattern: null });
  });
  it('reads several hints in one parenthesis, in any order', () => {
    expect(readHints('The status. (example: ACTIVE, default: ACTIVE)')).toEqual({ example: 'ACTIVE', default: 'ACTIVE', pattern: null });
    expect(readHints('Setting (default: DISABLED, example: ENABLED)')).toEqual({ example: 'ENABLED', default: 'DISABLED', pattern: null });
  });
  it('keeps an empty default as written', () => {
    expect(readHints('The environment. (default: , example: production)')).toEqual({ example: 'production', default: '', pattern: null });
  });
  it('keeps commas and parentheses inside a value', () => {
    expect(readHints('A licence (example: The MIT License (MIT), Copyright (c) [year])')).toEqual({
      example: 'The MIT License (MIT), Copyright (c) [year]',
      default: null,
      pattern: null,
    });
  });
  it('does not take an earlier parenthesis of the description for the hint group', () => {
    expect(readHints('Key (exponent) for binding (see RFC 7517) (example: AQAB)').example).toBe('AQAB');
  });
  it('unwraps <code> and decodes references in a pattern', () => {
    expect(readHints('An id (pattern: <code>(?i)^[0-9a-f]&#123;8&#125;$</code>, example: a747a818)')).toEqual({
      example: 'a747a818',
      default: null,
      pattern: '(?i)^[0-9a-f]{8}$',
    });
  });
  it('does not let a title hint leak into the example', () => {
    expect(readHints('How the author is associated (title: author_association, example: OWNER)')).toEqual({ example: 'OWNER', default: null, pattern: null });
  });
  it('turns <br /> in a value into line breaks', () => {
    expect(readHints('Ignore file (example: # Object files<br />*.o)').example).toBe('# Object files\n*.o');
  });
  it('reads nothing where the group does not end the description', () => {
    expect(readHints('Plain (example: x) and more')).toEqual({ example: null, default: null, pattern: null });
    expect(readHints('No hints at all')).toEqual({ example: null, default: null, pattern: null });
  });
});

describe('cell text', () => {
  it('turns <br /> into line breaks and decodes references, keeping markdown', () => {
    expect(cellMarkdown('Adds a key.<br />&gt; **Note:** see [docs](https://x.y/#a) and `kid`.')).toBe('Adds a key.\n> **Note:** see [docs](https://x.y/#a) and `kid`.');
  });
  it('trims a plain one-line cell, Unicode blanks included, and trims each line of a multi-line one', () => {
    expect(cellMarkdown('\u00a0 Plain text, kept as written.\t ')).toBe('Plain text, kept as written.');
    expect(cellMarkdown(' first \u00a0\nsecond\t\n')).toBe('first\nsecond');
    expect(decodeReferences('no references here')).toBe('no references here');
  });
  it('leaves unknown references alone', () => {
    expect(decodeReferences('a &bogus; b &amp; c &#x41;')).toBe('a &bogus; b & c A');
  });
});

describe('isPlainIdentifier', () => {
  it.each([
    ['subdomain', true],
    ['_links', true],
    ['x5t#S256', false],
    ['@odata.type', false],
    ['OktaAccessGateway-Agent', false],
    ['1st', false],
    ['', false],
  ])('%j → %j', (name, expected) => {
    expect(isPlainIdentifier(name)).toBe(expected);
  });
});
