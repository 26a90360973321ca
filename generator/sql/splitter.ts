/**
 * A model of StackQL's server-side statement splitter (`stackql srv`, simple
 * query protocol), as STACKQL.md describes it:
 *
 * - the query text is split on `;` outside double quotes **only**: single
 *   quotes are not respected, so `'a;b'` is split in two;
 * - a `"` opens a double-quoted span whatever precedes it (even `\`), and a
 *   `"` closes the span only when the character before it is not `\`;
 * - the server runs the first non-empty piece and answers; the rest is dropped.
 *
 * The model is deliberately independent of the SQL lexer: it is the oracle
 * that generated SQL reaches the server as exactly one statement, so it must
 * reproduce the server's view, not the parser's.
 */

/**
 * The pieces of `text` exactly as the server splits it: every `;` outside a
 * double-quoted span ends a piece (the `;` itself belongs to no piece), and
 * the text after the last such `;` is the final piece (possibly empty).
 * Joining the pieces with `;` gives back `text`.
 */
export function splitStatements(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  // Jumps from quote to quote and `;` to `;` (examples are long and hold few of either).
  let quote = text.indexOf('"');
  let semicolon = text.indexOf(';');
  for (;;) {
    if (semicolon !== -1 && (quote === -1 || semicolon < quote)) {
      pieces.push(text.slice(start, semicolon));
      start = semicolon + 1;
      semicolon = text.indexOf(';', start);
      continue;
    }
    if (quote === -1) break;
    // The span opened at `quote` ends at the next `"` not after a backslash; none: it runs to the end.
    let closing = text.indexOf('"', quote + 1);
    while (closing !== -1 && text.charCodeAt(closing - 1) === 0x5c) closing = text.indexOf('"', closing + 1);
    if (closing === -1) break;
    quote = text.indexOf('"', closing + 1);
    if (semicolon !== -1 && semicolon < closing) semicolon = text.indexOf(';', closing + 1);
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Whitespace as Go's `strings.TrimSpace` sees it (`unicode.IsSpace`): the
 * server is written in Go, so "empty" means empty after that trim, which
 * differs from `String.prototype.trim` (U+0085 counts, U+FEFF does not).
 */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** True when the server would skip `piece` as empty. */
export function isEmptyPiece(piece: string): boolean {
  return GO_SPACE.test(piece);
}

/** The non-empty pieces, in order: what the server could run. */
export function nonEmptyStatements(text: string): string[] {
  return splitStatements(text).filter((piece) => !isEmptyPiece(piece));
}

/** The one piece the server runs for `text`, or null where every piece is empty. */
export function firstStatement(text: string): string | null {
  return nonEmptyStatements(text)[0] ?? null;
}

/**
 * True when the server runs all of `text` as one statement: exactly one
 * non-empty piece, so nothing after a `;` is silently dropped.
 */
export function isSingleStatement(text: string): boolean {
  return nonEmptyStatements(text).length === 1;
}
