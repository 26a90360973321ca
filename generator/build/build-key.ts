/**
 * Build step: writes `dist/build-key.txt`, the hash of the sources this
 * build was compiled from (see `sourceKey`), so that the built tool and the
 * sources run directly compute the same input fingerprint; and
 * `dist/parser-key.txt`, the hash of the parser's sources (see
 * `parserCodeKey`), so that the page cache need not hash the build's
 * parser on every run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PARSER_KEY_FILE, parserCodeKey } from '../cache/page-cache.js';
import { BUILD_KEY_FILE, sourceKey } from '../fingerprint.js';
import { layout } from '../layout.js';

const sources = join(layout.root, 'generator');
const dist = join(layout.root, 'dist');
writeFileSync(join(dist, BUILD_KEY_FILE), `${await sourceKey(sources)}\n`);
writeFileSync(join(dist, PARSER_KEY_FILE), `${await parserCodeKey(sources)}\n`);
