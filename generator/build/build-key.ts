/**
 * Build step: writes `dist/build-key.txt`, the hash of the sources this
 * build was compiled from (see `sourceKey`), so that the built tool and the
 * sources run directly compute the same input fingerprint; and
 * `dist/parser-key.txt`, the hash of the parser's sources (see
 * `parserCodeKey`), so that the page cache need not hash the build's
 * parser on every run.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARSER_KEY_FILE, parserCodeKey } from '../cache/page-cache.js';
import { BUILD_KEY_FILE, sourceKey } from '../fingerprint.js';

// dist/generator/build/ → the package root.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
writeFileSync(join(root, 'dist', BUILD_KEY_FILE), `${await sourceKey(join(root, 'generator'))}\n`);
writeFileSync(join(root, 'dist', PARSER_KEY_FILE), `${await parserCodeKey(join(root, 'generator'))}\n`);
