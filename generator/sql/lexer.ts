/**
 * A model of the tokenizer of StackQL's SQL parser (a Vitess fork), as
 * STACKQL.md describes it and as the parser's `token.go` behaves:
 *
 * - blanks are only space, `\n`, `\r`, `\t`; any other control or non-ASCII
 *   character outside a literal is a lexical error;
 * - `'…'` strings: `''` is a quote; a backslash escapes the next character
 *   through the MySQL escape table (`\0 \' \" \b \n \r \t \Z \\`), and any
 *   other escaped character stands for itself (`\%` is `%`, `\x` is `x`:
 *   unlike MySQL, the Vitess table keeps no backslash before `%` and `_`);
 * - `"…"` delimits identifiers (`""` is a quote; empty is an error; no
 *   backslash escapes); backticks mean nothing;
 * - `--`, `#` and `//` start a comment at once (no space needed) that runs
 *   to and includes the end of the line; `/* … *\/` comments, `/*+ … *\/`
 *   hints, and `/*! … *\/` whose body is read as SQL;
 * - `@name` / `@@name` variables: after `@` the first character is taken
 *   whatever it is, then letters, digits, `@`, `.`, `'` and `"`;
 * - identifiers: `[A-Za-z_$]` then letters, digits, `$`, `@`; a `v` that
 *   starts a semantic version (`v1.2.3`) reads dots too;
 * - numbers (`12`, `1.5`, `.5`, `1e-3`, `0x1F`), `x'…'` hex and `b'…'` bit
 *   literals; a letter right after a number is an error.
 *
 * The tokenizer does not tell keywords from identifiers (the grammar does
 * that): both are `word` tokens.
 *
 * Options let the example analysis read `{{ name }}` template holes as
 * `placeholder` tokens; without them a `{` is an error, as in StackQL.
 */

export type TokenKind =
  | 'word'
  | 'quoted-identifier'
  /** `@name`: EXEC parameter. */
  | 'variable'
  /** `@@name`: EXEC `@@json`. */
  | 'system-variable'
  | 'string'
  | 'number'
  | 'hex'
  | 'bit'
  /** `:name`, `::name` or `?`. */
  | 'bind'
  | 'comment'
  /** `/*+ … *\/`. */
  | 'hint'
  | 'punctuation'
  | 'semicolon'
  /** `{{ name }}`, only with `templateHoles`. */
  | 'placeholder'
  /** What StackQL reports as a lexical error; `message` says why. */
  | 'error';

export interface Token {
  kind: TokenKind;
  /** The exact source text of the token. */
  text: string;
  /**
   * Strings and quoted identifiers: the decoded content; words and
   * variables: the name (without `@`); placeholders: the trimmed name inside
   * the braces; comments: the text after the marker; otherwise `text`.
   */
  value: string;
  /** Offset (UTF-16 code units) of the first character, and one past the last. */
  start: number;
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
  /** For `error` tokens. */
  message?: string;
}

export interface LexOptions {
  /** Read `{{ … }}` as `placeholder` tokens (doc examples' template holes). */
  templateHoles?: boolean;
}

/** The MySQL escape table of Vitess's `sqltypes.SQLDecodeMap`. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  "'": "'",
  '"': '"',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  '\\': '\\',
};

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Masterminds/semver's version pattern, which decides whether a word
 * starting with `v` may contain dots.
 */
const SEMVER = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

function isLetter(char: string | undefined): boolean {
  return char !== undefined && ((char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '_' || char === '$');
}

/** A character that continues a word: a letter, digit, `_`, `$`, `@`, and `.` in a version (`permissive`). */
function isWordCode(code: number, permissive: boolean): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x24 || code === 0x40 || (permissive && code === 0x2e);
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function digitValue(char: string | undefined): number {
  if (char === undefined) return 16;
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  if (char >= 'a' && char <= 'f') return char.charCodeAt(0) - 97 + 10;
  if (char >= 'A' && char <= 'F') return char.charCodeAt(0) - 65 + 10;
  return 16;
}

/** Go's `strings.Fields` separators, as used by the tokenizer's look-ahead. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** Every token of `sql`, comments included, in order. Never throws. */
export function tokenize(sql: string, options: LexOptions = {}): Token[] {
  return new Lexer(sql, 0, options).run();
}

/**
 * The tokens of `sql.slice(start, end)`, located in the whole of `sql`:
 * for re-reading a part of a text (a comment that was not meant as one).
 */
export function tokenizeRange(sql: string, start: number, end: number, options: LexOptions = {}): Token[] {
  return new Lexer(sql, start, options, undefined, end).run();
}

/** Tokens without comments and hints: what the grammar sees. */
export function significantTokens(tokens: Token[]): Token[] {
  return tokens.filter((token) => token.kind !== 'comment' && token.kind !== 'hint');
}

class Lexer {
  private position: number;
  private readonly tokens: Token[] = [];
  private readonly lineStarts: number[];

  constructor(
    private readonly sql: string,
    start: number,
    private readonly options: LexOptions,
    lineStarts?: number[],
    private readonly end: number = sql.length,
  ) {
    this.position = start;
    this.lineStarts = lineStarts ?? computeLineStarts(sql);
  }

  run(): Token[] {
    while (this.position < this.end) {
      // The tokenizer drops one NUL where a token would start.
      if (this.sql[this.position] === '\0') this.position++;
      while (this.position < this.end && isBlank(this.sql.charCodeAt(this.position))) this.position++;
      if (this.position >= this.end) break;
      this.scan();
    }
    return this.tokens;
  }

  private char(ahead: number): string | undefined {
    const index = this.position + ahead;
    return index < this.end ? this.sql[index] : undefined;
  }

  private emit(kind: TokenKind, start: number, value?: string, message?: string): void {
    const { line, column } = locate(this.lineStarts, start);
    const text = this.sql.slice(start, this.position);
    const token: Token = { kind, text, value: value ?? text, start, end: this.position, line, column };
    if (message !== undefined) token.message = message;
    this.tokens.push(token);
  }

  private error(start: number, message: string): void {
    if (this.position === start) this.position++;
    this.emit('error', start, undefined, message);
  }

  private scan(): void {
    const start = this.position;
    const char = this.char(0);
    if (char === '@') return this.scanVariable(start);
    if (this.options.templateHoles && char === '{' && this.char(1) === '{') return this.scanPlaceholder(start);
    if (isLetter(char)) {
      const next = this.char(1);
      if ((char === 'x' || char === 'X') && next === "'") return this.scanRadixLiteral(start, 16);
      if ((char === 'b' || char === 'B') && next === "'") return this.scanRadixLiteral(start, 2);
      return this.scanWord(start, char === 'v' && this.startsSemver());
    }
    if (isDigit(char)) return this.scanNumber(start);
    switch (char) {
      case ':':
        return this.scanBind(start);
      case ';':
        this.position++;
        return this.emit('semicolon', start);
      case "'":
        return this.scanString(start);
      case '"':
        return this.scanQuotedIdentifier(start);
      case '?':
        this.position++;
        return this.emit('bind', start);
      case '.':
        if (isDigit(this.char(1))) return this.scanNumber(start);
        this.position++;
        return this.emit('punctuation', start);
      case '#':
        this.position++;
        return this.scanLineComment(start);
      case '/':
        if (this.char(1) === '/') {
          this.position += 2;
          return this.scanLineComment(start);
        }
        if (this.char(1) === '*') return this.scanBlockComment(start);
        this.position++;
        return this.emit('punctuation', start);
      case '-':
        if (this.char(1) === '-') {
          this.position += 2;
          return this.scanLineComment(start);
        }
        return this.scanOperator(start, ['->>', '->', '-']);
      case '=':
      case ',':
      case '(':
      case ')':
      case '+':
      case '*':
      case '%':
      case '^':
      case '~':
        this.position++;
        return this.emit('punctuation', start);
      case '&':
        return this.scanOperator(start, ['&&', '&']);
      case '|':
        return this.scanOperator(start, ['||', '|']);
      case '<':
        return this.scanOperator(start, ['<=>', '<>', '<<', '<=', '<']);
      case '>':
        return this.scanOperator(start, ['>=', '>>', '>']);
      case '!':
        return this.scanOperator(start, ['!=', '!']);
      default: {
        const codePoint = this.sql.codePointAt(start) ?? 0;
        this.position += codePoint > 0xffff ? 2 : 1;
        return this.emit('error', start, undefined, `unexpected character ${JSON.stringify(String.fromCodePoint(codePoint))}`);
      }
    }
  }

  private scanOperator(start: number, candidates: string[]): void {
    const operator = candidates.find((candidate) => this.sql.startsWith(candidate, start)) ?? this.sql[start] ?? '';
    this.position += operator.length;
    this.emit('punctuation', start);
  }

  /** The tokenizer's look-ahead: the text from the `v` up to the first `;`, else the first blank-separated field. */
  private startsSemver(): boolean {
    const rest = this.sql.slice(this.position, this.end);
    if (this.position + 1 >= this.end) return false;
    const semicolon = rest.indexOf(';');
    const candidate = semicolon >= 0 ? rest.slice(0, semicolon) : (rest.split(GO_SPACE).find((field) => field !== '') ?? '');
    return SEMVER.test(candidate);
  }

  private scanWord(start: number, permissive: boolean): void {
    let position = this.position + 1;
    while (position < this.end && isWordCode(this.sql.charCodeAt(position), permissive)) position++;
    this.position = position;
    this.emit('word', start);
  }

  private scanVariable(start: number): void {
    this.position++;
    let kind: TokenKind = 'variable';
    if (this.char(0) === '@') {
      kind = 'system-variable';
      this.position++;
    }
    const first = this.char(0);
    if (first === undefined) return this.error(start, 'a variable name is missing after @');
    if (first === '"') {
      const name = this.readQuotedIdentifier();
      if (name === null) return this.emit('error', start, undefined, 'unterminated or empty quoted variable name');
      return this.emit(kind, start, name);
    }
    const nameStart = this.position;
    const codePoint = this.sql.codePointAt(nameStart) ?? 0;
    this.position += codePoint > 0xffff ? 2 : 1;
    for (;;) {
      const char = this.char(0);
      if (isLetter(char) || isDigit(char) || char === '@' || char === '.' || char === "'" || char === '"') this.position++;
      else break;
    }
    this.emit(kind, start, this.sql.slice(nameStart, this.position));
  }

  private scanPlaceholder(start: number): void {
    const close = this.sql.indexOf('}}', start + 2);
    if (close < 0 || close + 2 > this.end) {
      this.position = start + 2;
      return this.emit('error', start, undefined, 'unterminated {{ placeholder');
    }
    this.position = close + 2;
    this.emit('placeholder', start, this.sql.slice(start + 2, close).trim());
  }

  private scanRadixLiteral(start: number, base: 2 | 16): void {
    this.position += 2;
    while (digitValue(this.char(0)) < base) this.position++;
    const digits = this.sql.slice(start + 2, this.position);
    if (this.char(0) !== "'") return this.emit('error', start, undefined, `unterminated ${base === 16 ? 'hex' : 'bit'} literal`);
    this.position++;
    if (base === 16 && digits.length % 2 !== 0) return this.emit('error', start, undefined, 'hex literal with an odd number of digits');
    this.emit(base === 16 ? 'hex' : 'bit', start, digits);
  }

  private scanNumber(start: number): void {
    const mantissa = () => {
      while (digitValue(this.char(0)) < 10) this.position++;
    };
    let hex = false;
    if (this.char(0) === '.') {
      this.position++;
      mantissa();
    } else {
      if (this.char(0) === '0' && (this.char(1) === 'x' || this.char(1) === 'X')) {
        hex = true;
        this.position += 2;
        while (digitValue(this.char(0)) < 16) this.position++;
      } else {
        mantissa();
        if (this.char(0) === '.') {
          this.position++;
          mantissa();
        }
      }
    }
    if (!hex && (this.char(0) === 'e' || this.char(0) === 'E')) {
      this.position++;
      if (this.char(0) === '+' || this.char(0) === '-') this.position++;
      mantissa();
    }
    if (isLetter(this.char(0))) return this.emit('error', start, undefined, 'a letter cannot follow a number');
    this.emit('number', start);
  }

  private scanBind(start: number): void {
    this.position++;
    if (this.char(0) === ':') this.position++;
    if (!isLetter(this.char(0))) return this.emit('error', start, undefined, 'a bind variable name must start with a letter');
    while (isLetter(this.char(0)) || isDigit(this.char(0)) || this.char(0) === '.') this.position++;
    this.emit('bind', start);
  }

  private scanString(start: number): void {
    this.position++;
    let value = '';
    for (;;) {
      // Copy the run up to the next quote or backslash at once: example bodies hold long JSON strings.
      const runEnd = this.plainRunEnd();
      value += this.sql.slice(this.position, runEnd);
      this.position = runEnd;
      const char = this.char(0);
      if (char === undefined) return this.emit('error', start, undefined, 'unterminated string literal');
      this.position++;
      if (char === '\\') {
        const escaped = this.char(0);
        if (escaped === undefined) return this.emit('error', start, undefined, 'string literal ends inside an escape');
        const codePoint = this.sql.codePointAt(this.position) ?? 0;
        const literal = String.fromCodePoint(codePoint);
        this.position += literal.length;
        value += Object.hasOwn(ESCAPES, literal) ? (ESCAPES[literal] ?? literal) : literal;
      } else if (char === "'") {
        if (this.char(0) !== "'") break;
        this.position++;
        value += "'";
      } else {
        value += char;
      }
    }
    this.emit('string', start, value);
  }

  /** The next `'` and backslash at or after the position, found by `indexOf` and kept until passed (the position only moves forward); -1: none. */
  private nextQuote = -2;
  private nextBackslash = -2;

  /** Where the characters from the current position stop being neither `'` nor a backslash (or the end). */
  private plainRunEnd(): number {
    const from = this.position;
    if (this.nextQuote !== -1 && this.nextQuote < from) this.nextQuote = this.sql.indexOf("'", from);
    if (this.nextBackslash !== -1 && this.nextBackslash < from) this.nextBackslash = this.sql.indexOf('\\', from);
    const first = this.nextQuote === -1 ? this.nextBackslash : this.nextBackslash === -1 ? this.nextQuote : Math.min(this.nextQuote, this.nextBackslash);
    return first === -1 || first > this.end ? this.end : first;
  }

  /** Reads `"…"` from the opening quote; null where it is unterminated or empty. */
  private readQuotedIdentifier(): string | null {
    this.position++;
    let value = '';
    for (;;) {
      const char = this.char(0);
      if (char === undefined) return null;
      this.position++;
      if (char === '"') {
        if (this.char(0) !== '"') break;
        this.position++;
      }
      value += char;
    }
    return value === '' ? null : value;
  }

  private scanQuotedIdentifier(start: number): void {
    const name = this.readQuotedIdentifier();
    if (name === null) return this.emit('error', start, undefined, 'unterminated or empty quoted identifier');
    this.emit('quoted-identifier', start, name);
  }

  private scanLineComment(start: number): void {
    const bodyStart = this.position;
    const newline = this.sql.indexOf('\n', this.position);
    this.position = newline < 0 || newline >= this.end ? this.end : newline + 1;
    this.emit('comment', start, this.sql.slice(bodyStart, this.position).replace(/\r?\n$/, ''));
  }

  private scanBlockComment(start: number): void {
    const close = this.sql.indexOf('*/', start + 2);
    if (close < 0 || close + 2 > this.end) {
      this.position = this.end;
      return this.emit('error', start, undefined, 'unterminated /* comment');
    }
    this.position = close + 2;
    const marker = this.sql[start + 2];
    if (marker === '+') return this.emit('hint', start, this.sql.slice(start + 3, close).trim());
    if (marker === '!') return this.scanSpecialComment(start, close);
    this.emit('comment', start, this.sql.slice(start + 2, close));
  }

  /**
   * `/*!NNNNN sql *\/`: MySQL-specific code. The tokenizer drops the marker,
   * a five-digit version (only when all five digits are there) and the
   * surrounding blanks, and reads the rest as SQL.
   */
  private scanSpecialComment(start: number, close: number): void {
    const body = this.sql.slice(start + 3, close);
    let leadingDigits = 0;
    while (leadingDigits < body.length && isDigit(body[leadingDigits])) leadingDigits++;
    if (leadingDigits === body.length && body.length < 6) return;
    let innerStart = start + 3 + (leadingDigits >= 5 ? 5 : 0);
    let innerEnd = close;
    while (innerStart < innerEnd && GO_SPACE.test(this.sql[innerStart] ?? '')) innerStart++;
    while (innerEnd > innerStart && GO_SPACE.test(this.sql[innerEnd - 1] ?? '')) innerEnd--;
    const inner = new Lexer(this.sql, innerStart, this.options, this.lineStarts, innerEnd).run();
    this.tokens.push(...inner);
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function locate(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

/** 1-based line and column of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  return locate(computeLineStarts(text), offset);
}

/**
 * The value of one complete single-quoted literal, exactly as StackQL's
 * tokenizer decodes it; null where `tokenText` is not exactly one string
 * literal (unterminated, trailing text, not quoted).
 */
export function decodeStringLiteral(tokenText: string): string | null {
  if (!tokenText.startsWith("'")) return null;
  const tokens = tokenize(tokenText);
  const [only] = tokens;
  if (tokens.length !== 1 || only === undefined || only.kind !== 'string' || only.end !== tokenText.length) return null;
  return only.value;
}
