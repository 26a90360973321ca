import type { IRTyped } from '../ir/types.js';
import { hintText } from './html.js';

/**
 * A datatype as written → base type and format:
 * `integer (int64)` → `integer` / `int64`; `string` → `string` / null; `` → `` / null.
 */
export function splitDatatype(written: string): IRTyped {
  const datatype = written.replace(/\s+/g, ' ').trim();
  // Greedy, so a format with its own parentheses stays whole (okta writes
  // `string (URL encoded string. … per query (before encoding))`).
  const match = /^([^\s(]+)\s*\(\s*(.*?)\s*\)$/s.exec(datatype);
  if (match) return { datatype, type: match[1] ?? '', format: match[2] || null };
  return { datatype, type: datatype, format: null };
}

export interface Hints {
  example: string | null;
  default: string | null;
  pattern: string | null;
}

/** Keys the docs generator writes in a description's trailing hint group; `title` is recognised only so it does not leak into another hint. */
const HINT_KEYS = ['example', 'default', 'pattern', 'title'] as const;
/** `(key: ` opening a hint group. Global: `readHints` runs it to exhaustion, which leaves `lastIndex` at 0 again. */
const HINT_OPENER = new RegExp(`\\((?:${HINT_KEYS.join('|')}): ?`, 'g');
/** `key: ` at the start of the group or after `, `: where one hint ends and the next begins (read with `matchAll`, which copies it). */
const HINT_BOUNDARY = new RegExp(`(?:^|, )(${HINT_KEYS.join('|')}): ?`, 'g');

/**
 * Reads the trailing hint group of a description as written in the page:
 *
 *   `… key binding (example: AQAB)`
 *   `… issued by the server. (example: ACTIVE, default: ACTIVE)`
 *   `… (default: , example: production)`            — an empty default is ''
 *   `… (pattern: <code>^[\w\-_. ]+$</code>, example: salesforce Prod-5 account)`
 *
 * In the corpora the group always ends the description, and values may hold
 * commas, parentheses and `<br />` (licence texts, regexes), so the group is
 * the LAST `(key: ` that opens a parenthesis closed by the description's final
 * `)`, and its inner text is split only before `, key: ` for a known key.
 */
export function readHints(raw: string): Hints {
  const hints: Hints = { example: null, default: null, pattern: null };
  const text = raw.trimEnd();
  if (!text.endsWith(')')) return hints;
  const opener = HINT_OPENER;
  let start = -1;
  for (let match = opener.exec(text); match !== null; match = opener.exec(text)) start = match.index;
  if (start === -1) return hints;
  const inner = text.slice(start + 1, -1);
  const boundary = HINT_BOUNDARY;
  const marks = [...inner.matchAll(boundary)];
  marks.forEach((mark, i) => {
    const key = mark[1] as (typeof HINT_KEYS)[number];
    const valueStart = mark.index + mark[0].length;
    const valueEnd = marks[i + 1]?.index ?? inner.length;
    if (key !== 'title' && hints[key] === null) hints[key] = hintText(inner.slice(valueStart, valueEnd));
  });
  return hints;
}

/** `^[A-Za-z_][A-Za-z0-9_]*$`: a name usable unquoted in SQL and as a TypeScript property. */
export function isPlainIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
