/**
 * Reads the structure of a doc example statement (` ```sql ` fences under
 * the examples sections) with StackQL's lexer rules, and locates its
 * defects.
 *
 * Examples are templates, not SQL: `'{{ name }}'` (quoted) and `{{ name }}`
 * (bare) are holes, read here as values. The grammar is the subset the doc
 * generator writes:
 *
 * ```sql
 * SELECT a, b FROM p.s.r WHERE x = '{{ x }}' -- required
 * AND y = {{ y }};
 * INSERT INTO p.s.r (data__a, x) SELECT '{{ a }}' /* required *\/, '{{ x }}' RETURNING a;
 * UPDATE p.s.r SET data__a = '{{ a }}' WHERE x = '{{ x }}' --required RETURNING a;
 * DELETE FROM p.s.r WHERE x = '{{ x }}' --required;
 * EXEC p.s.r.method @x='{{ x }}' --required, @y={{ y }} @@json='{ "k": "{{ k }}" }';
 * ```
 *
 * Known generator defects are recovered from where the intent is clear, and
 * reported as warnings: a `--required,` comment swallowing the comma between
 * EXEC params, `-- required;` swallowing the closing `;`, an empty or stray
 * SET list, unquoted hyphenated names.
 */
import type { IRExampleSlot, IRExampleStructure, IRVerb } from '../ir/types.js';
import { lineAndColumn, tokenize, tokenizeRange, type Token } from './lexer.js';
import { nonEmptyStatements } from './splitter.js';

/** A located defect in an example, relative to the example's SQL text (1-based). */
export interface Finding {
  code: ExampleFindingCode;
  message: string;
  line: number;
  column: number;
}

/**
 * Stable codes of example defects. They are all warnings: examples are read
 * for structure and never copied into generated code.
 */
export const EXAMPLE_FINDING_CODES = {
  /** `@a='…' --required, ⏎ @b='…'`: the comment swallows the comma between params. */
  commentSwallowsComma: 'example/comment-swallows-comma',
  /** `… -- required;`: the comment swallows the statement's closing `;`. */
  commentSwallowsSemicolon: 'example/comment-swallows-semicolon',
  /** `UPDATE … SET a = …, b ⏎ c WHERE …`: field names without values after the SET list. */
  strayFieldList: 'example/update-stray-field-list',
  /** `SET ⏎ -- No updatable properties ⏎ WHERE …`. */
  emptySetList: 'example/empty-set-list',
  /**
   * A name StackQL cannot read as one identifier: `Content-Type` (a
   * subtraction), `x5t#S256` (`#` starts a comment), `@odata.type` (a
   * variable). It needs double quotes: `"Content-Type"`.
   */
  unquotedName: 'example/unquoted-name',
  /** `INSERT INTO p.s.r ( ) SELECT ;`: nothing to insert. */
  emptyInsert: 'example/empty-insert',
  /** A character or literal StackQL's lexer rejects (outside template holes). */
  lexicalError: 'example/lexical-error',
  /** The statement does not follow the grammar of its verb. */
  syntax: 'example/syntax',
  /** The `@@json` body is not a JSON object (placeholders aside). */
  invalidJsonBody: 'example/invalid-json-body',
  /** `@a='…', @@json=…`: EXEC takes no comma before `@@json`. */
  commaBeforeJson: 'example/comma-before-json',
  /** INSERT with more columns than values or the reverse. */
  insertArity: 'example/insert-arity',
  /** The statement's verb is not its section's (`## \`UPDATE\` examples` holding a REPLACE). */
  statementVerbMismatch: 'example/statement-verb-mismatch',
  /** The server's splitter (`;` outside double quotes) cuts the example into several statements. */
  splitByServer: 'example/split-by-server',
} as const;

export type ExampleFindingCode = (typeof EXAMPLE_FINDING_CODES)[keyof typeof EXAMPLE_FINDING_CODES];

export interface ExampleAnalysis {
  structure: IRExampleStructure | null;
  /** EXEC only: the method named after the resource (`p.s.r.METHOD`). */
  execMethod: string | null;
  findings: Finding[];
}

const CODES = EXAMPLE_FINDING_CODES;
const PLACEHOLDER_IN_STRING = /^\{\{\s*([^{}]*?)\s*\}\}$/;
const REQUIRED_MARKER = /^\s*required\s*[,;]?\s*$/i;
const COMPARISONS = new Set(['=', '<>', '!=', '<', '>', '<=', '>=', '<=>']);
const VERBS: Record<string, IRVerb> = {
  SELECT: 'select',
  INSERT: 'insert',
  UPDATE: 'update',
  REPLACE: 'replace',
  DELETE: 'delete',
  EXEC: 'exec',
};

/** A significant token with the comments and hints that follow it. */
interface Item {
  token: Token;
  trailing: Token[];
}

class ExampleSyntaxError extends Error {
  constructor(
    readonly at: Token | null,
    message: string,
  ) {
    super(message);
  }
}

// The same example is analysed by the page reader (structure), by lint
// (findings, EXEC method) and by the emitter (findings): lexing and parsing
// it once per process saves two of the three. Bounded for long watch runs.
const analysed = new Map<string, ExampleAnalysis>();
const ANALYSED_LIMIT = 20_000;

/**
 * Analyses one example. Never throws; `structure` is null only where the
 * statement cannot be understood. The result is shared between calls with
 * the same text and verb: callers read it and never change it.
 */
export function analyzeExample(sql: string, verb: IRVerb): ExampleAnalysis {
  const key = `${verb}\0${sql}`;
  let analysis = analysed.get(key);
  if (analysis === undefined) {
    analysis = new ExampleParser(sql, verb).analyze();
    if (analysed.size >= ANALYSED_LIMIT) analysed.clear();
    analysed.set(key, analysis);
  }
  return analysis;
}

class ExampleParser {
  private readonly items: Item[] = [];
  private readonly leading: Token[] = [];
  private readonly findings: Finding[] = [];
  private index = 0;
  private readonly slots: IRExampleSlot[] = [];
  private columns: string[] = [];
  private returning: string[] = [];
  private execMethod: string | null = null;

  constructor(
    private readonly sql: string,
    private readonly sectionVerb: IRVerb,
  ) {}

  analyze(): ExampleAnalysis {
    const tokens = tokenize(this.sql, { templateHoles: true });
    for (let position = 0; position < tokens.length; position++) {
      const token = tokens[position];
      if (token === undefined) continue;
      const repaired = this.repairHashName(token);
      if (repaired) {
        tokens.splice(position + 1, 0, ...repaired);
        continue;
      }
      if (token.kind === 'error') {
        this.find(token, CODES.lexicalError, `StackQL cannot read this: ${token.message ?? 'lexical error'}`);
        continue;
      }
      if (token.kind === 'comment' || token.kind === 'hint') {
        const last = this.items[this.items.length - 1];
        (last ? last.trailing : this.leading).push(token);
      } else {
        this.items.push({ token, trailing: [] });
      }
    }
    this.checkServerSplit();
    let structure: IRExampleStructure | null = null;
    try {
      structure = this.statement();
    } catch (error) {
      if (!(error instanceof ExampleSyntaxError)) throw error;
      this.findAt(error.at, CODES.syntax, error.message);
    }
    this.findings.sort((a, b) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { structure, execMethod: this.execMethod, findings: this.findings };
  }

  /**
   * `data__x5t#S256 = '…'`: StackQL's `#` comment cuts the name and swallows
   * the rest of the line. The intent is plain, so the name is mended and the
   * rest of the line read again; returns the tokens read again, or null
   * where `token` is not such a comment.
   */
  private repairHashName(token: Token): Token[] | null {
    if (token.kind !== 'comment' || !token.text.startsWith('#')) return null;
    const last = this.items[this.items.length - 1];
    if (!last || last.token.kind !== 'word' || last.token.end !== token.start || last.trailing.length > 0) return null;
    const continuation = /^[A-Za-z0-9_$@]+/.exec(token.text.slice(1));
    if (!continuation) return null;
    const nameEnd = token.start + 1 + continuation[0].length;
    const text = this.sql.slice(last.token.start, nameEnd);
    last.token = { ...last.token, text, value: text, end: nameEnd };
    this.find(last.token, CODES.unquotedName, `StackQL reads "#" as the start of a comment; write "${text}"`);
    return tokenizeRange(this.sql, nameEnd, token.end, { templateHoles: true });
  }

  // ---- findings ----

  private find(token: Token, code: ExampleFindingCode, message: string): void {
    this.findings.push({ code, message, line: token.line, column: token.column });
  }

  private findAt(token: Token | null, code: ExampleFindingCode, message: string): void {
    if (token) return this.find(token, code, message);
    const end = lineAndColumn(this.sql, this.sql.trimEnd().length);
    this.findings.push({ code, message, line: end.line, column: end.column });
  }

  private checkServerSplit(): void {
    const pieces = nonEmptyStatements(this.sql);
    if (pieces.length < 2) return;
    const cut = (pieces[0] ?? '').length;
    const offset = this.sql.indexOf(pieces[0] ?? '') + cut;
    const rest = this.sql.slice(offset + 1);
    const significant = tokenize(rest, { templateHoles: true }).some((token) => token.kind !== 'comment' && token.kind !== 'hint');
    if (!significant) return;
    const at = lineAndColumn(this.sql, offset);
    this.findings.push({
      code: CODES.splitByServer,
      message: 'the server splits statements on every ";" outside double quotes: it would run only the text before this one',
      line: at.line,
      column: at.column,
    });
  }

  // ---- token access ----

  private peek(ahead = 0): Item | undefined {
    return this.items[this.index + ahead];
  }

  private previous(): Item | undefined {
    return this.items[this.index - 1];
  }

  private isWord(item: Item | undefined, word: string): boolean {
    return item?.token.kind === 'word' && item.token.text.toUpperCase() === word;
  }

  private isPunctuation(item: Item | undefined, text: string): boolean {
    return item?.token.kind === 'punctuation' && item.token.text === text;
  }

  private advance(): Item {
    const item = this.items[this.index];
    if (!item) throw new ExampleSyntaxError(null, 'the statement ends too early');
    this.index++;
    return item;
  }

  private expectWord(word: string): Item {
    const item = this.peek();
    if (!this.isWord(item, word)) throw new ExampleSyntaxError(item?.token ?? null, `expected ${word}${item ? ` but found "${item.token.text}"` : ''}`);
    return this.advance();
  }

  private expectPunctuation(text: string): Item {
    const item = this.peek();
    if (!this.isPunctuation(item, text)) throw new ExampleSyntaxError(item?.token ?? null, `expected "${text}"${item ? ` but found "${item.token.text}"` : ''}`);
    return this.advance();
  }

  /** The comment after `item` that swallowed `char` (`--required,`), if any. */
  private swallowed(item: Item | undefined, char: ',' | ';'): Token | undefined {
    return item?.trailing.find((token) => /^(--|#|\/\/)/.test(token.text) && token.value.trimEnd().endsWith(char));
  }

  private isRequired(item: Item): boolean {
    return item.trailing.some((token) => token.kind === 'comment' && REQUIRED_MARKER.test(token.value));
  }

  // ---- grammar ----

  private statement(): IRExampleStructure | null {
    const first = this.peek();
    if (!first) {
      this.findAt(null, CODES.syntax, 'the example holds no statement');
      return null;
    }
    const statement = first.token.kind === 'word' ? VERBS[first.token.text.toUpperCase()] : undefined;
    if (!statement) throw new ExampleSyntaxError(first.token, `expected SELECT, INSERT, UPDATE, REPLACE, DELETE or EXEC but found "${first.token.text}"`);
    this.advance();
    if (statement !== this.sectionVerb) {
      this.find(first.token, CODES.statementVerbMismatch, `a ${statement.toUpperCase()} statement in the ${this.sectionVerb.toUpperCase()} examples`);
    }
    let target: string;
    switch (statement) {
      case 'select':
        target = this.select();
        break;
      case 'insert':
        target = this.insert();
        break;
      case 'update':
      case 'replace':
        target = this.update(statement);
        break;
      case 'delete':
        this.expectWord('FROM');
        target = this.qualifiedName();
        if (this.isWord(this.peek(), 'WHERE')) this.where();
        break;
      case 'exec':
        target = this.exec();
        break;
    }
    if (statement !== 'select' && statement !== 'exec' && this.isWord(this.peek(), 'RETURNING')) {
      this.advance();
      this.returning = this.columnList();
    }
    this.end();
    return { statement, target, columns: this.columns, slots: this.slots, returning: this.returning };
  }

  private end(): void {
    const item = this.peek();
    if (item?.token.kind === 'semicolon') {
      this.advance();
    } else if (item === undefined) {
      const last = this.previous();
      const swallowing = this.swallowed(last, ';');
      if (swallowing) this.find(swallowing, CODES.commentSwallowsSemicolon, `the comment "${swallowing.text.trimEnd()}" swallows the statement's closing ";"`);
      return;
    }
    const extra = this.peek();
    if (extra) throw new ExampleSyntaxError(extra.token, `unexpected "${extra.token.text}" after the end of the statement`);
  }

  private select(): string {
    if (this.isWord(this.peek(), 'DISTINCT')) this.advance();
    if (this.isPunctuation(this.peek(), '*')) {
      this.advance();
      this.columns = ['*'];
    } else {
      this.columns = this.columnList();
    }
    this.expectWord('FROM');
    const target = this.qualifiedName();
    if (this.isWord(this.peek(), 'WHERE')) this.where();
    return target;
  }

  private insert(): string {
    this.expectWord('INTO');
    const target = this.qualifiedName();
    const open = this.expectPunctuation('(');
    const columnItems: Item[] = [];
    if (this.isPunctuation(this.peek(), ')')) {
      this.advance();
      this.find(open.token, CODES.emptyInsert, 'INSERT with no columns');
      if (this.isWord(this.peek(), 'SELECT')) this.advance();
      return target;
    }
    this.columns = this.columnList(columnItems);
    this.expectPunctuation(')');
    let values: Array<{ item: Item; slot: Omit<IRExampleSlot, 'clause' | 'target'> }>;
    if (this.isWord(this.peek(), 'VALUES')) {
      this.advance();
      this.expectPunctuation('(');
      values = this.valueList();
      this.expectPunctuation(')');
    } else {
      this.expectWord('SELECT');
      values = this.valueList();
    }
    values.forEach(({ slot }, position) => {
      this.slots.push({ clause: 'values', target: this.columns[position] ?? '', ...slot });
    });
    if (values.length !== this.columns.length) {
      const at = values[this.columns.length]?.item.token ?? columnItems[values.length]?.token ?? null;
      this.findAt(at, CODES.insertArity, `${this.columns.length} column(s) but ${values.length} value(s)`);
    }
    return target;
  }

  private update(statement: 'update' | 'replace'): string {
    const target = this.qualifiedName();
    const set = this.expectWord('SET');
    if (this.isWord(this.peek(), 'WHERE') || this.peek() === undefined || this.peek()?.token.kind === 'semicolon') {
      this.find(set.token, CODES.emptySetList, `${statement.toUpperCase()} with nothing after SET`);
    } else {
      this.setList();
    }
    if (this.isWord(this.peek(), 'WHERE')) this.where();
    return target;
  }

  private setList(): void {
    for (;;) {
      const nameItem = this.peek();
      if (!nameItem) throw new ExampleSyntaxError(null, 'the SET list ends too early');
      // A name followed by a comma or WHERE, not `=`: the doc generator's stray list of fields.
      if (!this.isPunctuation(this.peekAfterName(), '=') && this.slots.some((slot) => slot.clause === 'set')) {
        this.strayFieldList(nameItem);
        return;
      }
      const name = this.columnName();
      this.expectPunctuation('=');
      const { item, slot } = this.value();
      this.slots.push({ clause: 'set', target: name, ...slot, required: this.isRequired(item) });
      if (!this.isPunctuation(this.peek(), ',')) return;
      this.advance();
    }
  }

  /** The item after the column name at the cursor (names may be dotted or hyphenated). */
  private peekAfterName(): Item | undefined {
    let ahead = 0;
    for (;;) {
      const item = this.peek(ahead);
      if (!item || (item.token.kind !== 'word' && item.token.kind !== 'quoted-identifier')) return item;
      const joiner = this.peek(ahead + 1);
      const after = this.peek(ahead + 2);
      if ((this.isPunctuation(joiner, '.') || this.isPunctuation(joiner, '-')) && after && (after.token.kind === 'word' || after.token.kind === 'quoted-identifier')) {
        ahead += 2;
        continue;
      }
      return joiner;
    }
  }

  private strayFieldList(first: Item): void {
    const names: string[] = [];
    while (this.peek() && !this.isWord(this.peek(), 'WHERE') && !this.isWord(this.peek(), 'RETURNING') && this.peek()?.token.kind !== 'semicolon') {
      const item = this.advance();
      if (item.token.kind === 'word' || item.token.kind === 'quoted-identifier') names.push(item.token.value);
      else if (!this.isPunctuation(item, ',')) throw new ExampleSyntaxError(item.token, `unexpected "${item.token.text}" in the SET list`);
    }
    this.find(first.token, CODES.strayFieldList, `field names without values after the SET list: ${names.join(', ')}`);
  }

  private where(): void {
    this.expectWord('WHERE');
    for (;;) {
      const name = this.columnName();
      const operator = this.advance();
      if (operator.token.kind !== 'punctuation' || !COMPARISONS.has(operator.token.text)) {
        throw new ExampleSyntaxError(operator.token, `expected a comparison after "${name}" but found "${operator.token.text}"`);
      }
      const { item, slot } = this.value();
      this.slots.push({ clause: 'where', target: name, ...slot, required: this.isRequired(item) });
      if (!this.isWord(this.peek(), 'AND')) return;
      this.advance();
    }
  }

  private exec(): string {
    const qualified = this.qualifiedName();
    const parts = qualified.split('.');
    if (parts.length < 2) throw new ExampleSyntaxError(this.previous()?.token ?? null, `EXEC needs provider.service.resource.method, found "${qualified}"`);
    this.execMethod = parts[parts.length - 1] ?? null;
    const target = parts.slice(0, -1).join('.');
    let first = true;
    for (;;) {
      const item = this.peek();
      if (!item || item.token.kind === 'semicolon') return target;
      if (item.token.kind === 'system-variable') return this.execJson(target);
      if (!first) {
        if (this.isPunctuation(item, ',')) {
          this.advance();
          if (this.peek()?.token.kind === 'system-variable') {
            this.find(item.token, CODES.commaBeforeJson, 'EXEC takes no comma before @@json');
            return this.execJson(target);
          }
        } else if (item.token.kind === 'variable') {
          const swallowing = this.swallowed(this.previous(), ',');
          if (!swallowing) throw new ExampleSyntaxError(item.token, `expected "," before "${item.token.text}"`);
          this.find(swallowing, CODES.commentSwallowsComma, `the comment "${swallowing.text.trimEnd()}" swallows the comma between EXEC params`);
        } else {
          throw new ExampleSyntaxError(item.token, `unexpected "${item.token.text}" in the EXEC params`);
        }
      }
      this.execParam();
      first = false;
    }
  }

  private execParam(): void {
    const variable = this.advance();
    if (variable.token.kind !== 'variable') throw new ExampleSyntaxError(variable.token, `expected an @param but found "${variable.token.text}"`);
    let name = variable.token.value;
    // `@Accept-Language`: StackQL reads `@Accept - Language`.
    while (this.isPunctuation(this.peek(), '-') && this.adjacent(this.previous(), this.peek()) && this.peek(1)?.token.kind === 'word' && this.adjacent(this.peek(), this.peek(1))) {
      this.advance();
      name += `-${this.advance().token.text}`;
    }
    if (name !== variable.token.value) this.find(variable.token, CODES.unquotedName, `StackQL reads "@${name}" as a subtraction; write @"${name}"`);
    this.expectPunctuation('=');
    const { item, slot } = this.value();
    this.slots.push({ clause: 'exec', target: name, ...slot, required: this.isRequired(item) });
  }

  private execJson(target: string): string {
    const variable = this.advance();
    if (variable.token.value.toLowerCase() !== 'json') throw new ExampleSyntaxError(variable.token, `unknown EXEC variable "${variable.token.text}"`);
    this.expectPunctuation('=');
    const body = this.advance();
    if (body.token.kind !== 'string') throw new ExampleSyntaxError(body.token, 'the @@json value must be a single-quoted JSON object');
    this.jsonBody(body.token);
    return target;
  }

  private jsonBody(token: Token): void {
    // Offsets in the body map to the source where the literal holds no escapes.
    const plain = token.text === `'${token.value}'`;
    const locate = (offset: number): Token => {
      if (!plain) return token;
      const at = lineAndColumn(this.sql, token.start + 1 + offset);
      return { ...token, line: at.line, column: at.column };
    };
    const result = readJsonObjectSlots(token.value);
    if ('error' in result) {
      this.find(locate(result.offset), CODES.invalidJsonBody, `the @@json body is not a JSON object: ${result.error}`);
      return;
    }
    for (const slot of result.slots) this.slots.push(slot);
  }

  // ---- names and values ----

  private adjacent(left: Item | undefined, right: Item | undefined): boolean {
    return left !== undefined && right !== undefined && left.token.end === right.token.start;
  }

  /** `provider.service.resource[.method]`. */
  private qualifiedName(): string {
    const parts = [this.namePart()];
    while (this.isPunctuation(this.peek(), '.')) {
      this.advance();
      parts.push(this.namePart());
    }
    return parts.join('.');
  }

  private namePart(): string {
    const item = this.advance();
    if (item.token.kind === 'word' || item.token.kind === 'quoted-identifier') return item.token.value;
    throw new ExampleSyntaxError(item.token, `expected a name but found "${item.token.text}"`);
  }

  /** A column: a name, dotted names, or a hyphenated name written without quotes (reported). */
  private columnName(): string {
    const first = this.peek();
    if (first?.token.kind === 'variable') {
      this.advance();
      const name = `@${first.token.value}`;
      this.find(first.token, CODES.unquotedName, `StackQL reads "${name}" as a variable; write "${name}"`);
      return name;
    }
    let name = this.qualifiedName();
    let hyphenated = false;
    while (this.isPunctuation(this.peek(), '-') && this.adjacent(this.previous(), this.peek()) && this.adjacent(this.peek(), this.peek(1))) {
      this.advance();
      name += `-${this.namePart()}`;
      hyphenated = true;
    }
    if (hyphenated && first) this.find(first.token, CODES.unquotedName, `StackQL reads "${name}" as a subtraction; write "${name}"`);
    return name;
  }

  private columnList(items?: Item[]): string[] {
    const names: string[] = [];
    for (;;) {
      const item = this.peek();
      if (this.isPunctuation(item, '*')) {
        this.advance();
        names.push('*');
      } else {
        if (item) items?.push(item);
        names.push(this.columnName());
        if (this.isWord(this.peek(), 'AS')) {
          this.advance();
          names[names.length - 1] = this.namePart();
        }
      }
      if (!this.isPunctuation(this.peek(), ',')) return names;
      this.advance();
    }
  }

  private valueList(): Array<{ item: Item; slot: Omit<IRExampleSlot, 'clause' | 'target'> }> {
    const values = [];
    for (;;) {
      const { item, slot } = this.value();
      values.push({ item, slot: { ...slot, required: this.isRequired(item) } });
      if (!this.isPunctuation(this.peek(), ',')) return values;
      this.advance();
    }
  }

  /** A value: a template hole, a literal, or `json('…')` / `string('…')`. `required` is filled by the caller. */
  private value(): { item: Item; slot: Omit<IRExampleSlot, 'clause' | 'target'> } {
    const item = this.advance();
    const token = item.token;
    switch (token.kind) {
      case 'placeholder':
        return { item, slot: { placeholder: token.value, quoting: 'bare', literal: null, required: false } };
      case 'string': {
        const hole = PLACEHOLDER_IN_STRING.exec(token.value);
        if (hole) return { item, slot: { placeholder: hole[1] ?? '', quoting: 'quoted', literal: null, required: false } };
        return { item, slot: { placeholder: null, quoting: 'literal', literal: token.value, required: false } };
      }
      case 'number':
        return { item, slot: { placeholder: null, quoting: 'literal', literal: token.text, required: false } };
      case 'punctuation':
        if (token.text === '-' && this.peek()?.token.kind === 'number') {
          const number = this.advance();
          return { item: number, slot: { placeholder: null, quoting: 'literal', literal: `-${number.token.text}`, required: false } };
        }
        break;
      case 'word': {
        const upper = token.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE' || upper === 'NULL') {
          return { item, slot: { placeholder: null, quoting: 'literal', literal: token.text, required: false } };
        }
        if ((upper === 'JSON' || upper === 'STRING') && this.isPunctuation(this.peek(), '(')) {
          this.advance();
          const inner = this.value();
          const close = this.expectPunctuation(')');
          return { item: close, slot: inner.slot };
        }
        break;
      }
      default:
        break;
    }
    throw new ExampleSyntaxError(token, `expected a value but found "${token.text}"`);
  }
}

type JsonSlotsResult = { slots: IRExampleSlot[] } | { error: string; offset: number };

/**
 * The top-level keys of an `@@json` body and how each value is written:
 * `"{{ x }}"` quoted, `{{ x }}` bare (not JSON as written, hence this small
 * reader rather than `JSON.parse`), anything else a literal (its JSON text).
 */
export function readJsonObjectSlots(body: string): JsonSlotsResult {
  let position = 0;
  const fail = (error: string): never => {
    throw new JsonBodyError(error, position);
  };
  const skipBlanks = () => {
    while (position < body.length && /\s/.test(body[position] ?? '')) position++;
  };
  const readString = (): string => {
    if (body[position] !== '"') fail('expected a string');
    const start = position;
    position++;
    while (position < body.length && body[position] !== '"') position += body[position] === '\\' ? 2 : 1;
    if (position >= body.length) fail('unterminated string');
    position++;
    try {
      return JSON.parse(body.slice(start, position)) as string;
    } catch {
      return fail('invalid string escape');
    }
  };
  const skipValue = (): void => {
    skipBlanks();
    const char = body[position];
    if (char === '"') {
      readString();
      return;
    }
    if (char === '{' && body[position + 1] === '{') {
      const close = body.indexOf('}}', position);
      if (close < 0) fail('unterminated placeholder');
      position = close + 2;
      return;
    }
    if (char === '{' || char === '[') {
      const closer = char === '{' ? '}' : ']';
      position++;
      skipBlanks();
      if (body[position] === closer) {
        position++;
        return;
      }
      for (;;) {
        if (char === '{') {
          skipBlanks();
          readString();
          skipBlanks();
          if (body[position] !== ':') fail('expected ":"');
          position++;
        }
        skipValue();
        skipBlanks();
        if (body[position] === ',') {
          position++;
          continue;
        }
        if (body[position] === closer) {
          position++;
          return;
        }
        fail(`expected "," or "${closer}"`);
      }
    }
    const scalar = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(body.slice(position));
    if (!scalar) fail('expected a value');
    position += scalar?.[0].length ?? 0;
  };

  try {
    const slots: IRExampleSlot[] = [];
    skipBlanks();
    if (body[position] !== '{') fail('expected "{"');
    position++;
    skipBlanks();
    if (body[position] === '}') {
      position++;
    } else {
      for (;;) {
        skipBlanks();
        const key = readString();
        skipBlanks();
        if (body[position] !== ':') fail('expected ":"');
        position++;
        skipBlanks();
        const valueStart = position;
        skipValue();
        const text = body.slice(valueStart, position);
        slots.push(jsonSlot(key, text));
        skipBlanks();
        if (body[position] === ',') {
          position++;
          continue;
        }
        if (body[position] === '}') {
          position++;
          break;
        }
        fail('expected "," or "}"');
      }
    }
    skipBlanks();
    if (position < body.length) fail('text after the closing "}"');
    return { slots };
  } catch (error) {
    if (error instanceof JsonBodyError) return { error: error.message, offset: error.offset };
    throw error;
  }
}

class JsonBodyError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function jsonSlot(key: string, text: string): IRExampleSlot {
  const bare = /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(text);
  if (bare) return { clause: 'json', target: key, placeholder: bare[1] ?? '', quoting: 'bare', literal: null, required: false };
  const quoted = /^"\{\{\s*([^{}]*?)\s*\}\}"$/.exec(text);
  if (quoted) return { clause: 'json', target: key, placeholder: quoted[1] ?? '', quoting: 'quoted', literal: null, required: false };
  return { clause: 'json', target: key, placeholder: null, quoting: 'literal', literal: text, required: false };
}
