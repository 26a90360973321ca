/**
 * Build step: writes `dist/build-key.txt`, the hash of the sources this
 * build was compiled from (see `sourceKey`), so that the built tool and the
 * sources run directly compute the same input fingerprint.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_KEY_FILE, sourceKey } from '../fingerprint.js';

// dist/generator/build/ → the package root.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
writeFileSync(join(root, 'dist', BUILD_KEY_FILE), `${await sourceKey(join(root, 'generator'))}\n`);
