/**
 * Reads what a StackQL statement targets: its verb, `provider.service.resource`
 * (and EXEC method), and the names of its WHERE / `@` params. Enough for
 * the fixtures executor to recognise a statement it did not render itself;
 * not a parser.
 */
import type { Verb } from './spec.js';

export interface StatementShape {
  verb: Verb;
  /** `provider.service.resource`, identifiers unquoted. */
  resource: string;
  /** EXEC only: the method after the resource. */
  method: string | null;
  /** WHERE term names (`a = …`) or EXEC `@a=…` names, in statement order. */
  params: string[];
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'quoted-identifier'; text: string }
  | { kind: 'string' }
  | { kind: 'punct'; text: string };

/** Tokens by StackQL's lexer rules (strings with `''` and `\` escapes, `""` in quoted identifiers, `--`/`/* *\/` comments). */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < sql.length) {
    const char = sql[index] ?? '';
    if (/\s/.test(char)) {
      index++;
    } else if (char === '-' && sql[index + 1] === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end + 1;
    } else if (char === '/' && sql[index + 1] === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
    } else if (char === "'") {
      index++;
      while (index < sql.length) {
        const c = sql[index];
        if (c === '\\') index += 2;
        else if (c === "'" && sql[index + 1] === "'") index += 2;
        else if (c === "'") break;
        else index++;
      }
      index++;
      tokens.push({ kind: 'string' });
    } else if (char === '"') {
      let text = '';
      index++;
      while (index < sql.length) {
        const c = sql[index];
        if (c === '"' && sql[index + 1] === '"') {
          text += '"';
          index += 2;
        } else if (c === '"') {
          break;
        } else {
          text += c;
          index++;
        }
      }
      index++;
      tokens.push({ kind: 'quoted-identifier', text });
    } else if (/[A-Za-z0-9_$]/.test(char)) {
      let end = index;
      while (end < sql.length && /[A-Za-z0-9_$]/.test(sql[end] ?? '')) end++;
      tokens.push({ kind: 'word', text: sql.slice(index, end) });
      index = end;
    } else {
      tokens.push({ kind: 'punct', text: char });
      index++;
    }
  }
  return tokens;
}

const VERBS: Readonly<Record<string, Verb>> = {
  SELECT: 'select',
  INSERT: 'insert',
  UPDATE: 'update',
  REPLACE: 'replace',
  DELETE: 'delete',
  EXEC: 'exec',
};

function isName(token: Token | undefined): token is { kind: 'word' | 'quoted-identifier'; text: string } {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted-identifier');
}

function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token !== undefined && token.kind === 'word' && token.text.toUpperCase() === keyword;
}

/** A dotted name starting at `start`: its parts and the index after it. */
function readDotted(tokens: readonly Token[], start: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let index = start;
  while (isName(tokens[index])) {
    parts.push((tokens[index] as { text: string }).text);
    index++;
    const dot = tokens[index];
    if (dot !== undefined && dot.kind === 'punct' && dot.text === '.') index++;
    else break;
  }
  return { parts, next: index };
}

/** The shape of `sql`, or null where it is not a statement of a known verb on a `p.s.r` target. */
export function readStatementShape(sql: string): StatementShape | null {
  const tokens = tokenize(sql);
  const first = tokens[0];
  if (first === undefined || first.kind !== 'word') return null;
  const verb = VERBS[first.text.toUpperCase()];
  if (verb === undefined) return null;

  let targetAt: number;
  if (verb === 'select' || verb === 'delete') {
    targetAt = tokens.findIndex((token) => isKeyword(token, 'FROM')) + 1;
  } else if (verb === 'insert') {
    targetAt = tokens.findIndex((token) => isKeyword(token, 'INTO')) + 1;
  } else {
    targetAt = 1;
  }
  if (targetAt <= 0) return null;
  const target = readDotted(tokens, targetAt);
  const expected = verb === 'exec' ? 4 : 3;
  if (target.parts.length !== expected) return null;

  const params: string[] = [];
  if (verb === 'exec') {
    for (let index = target.next; index < tokens.length; index++) {
      const at = tokens[index];
      const name = tokens[index + 1];
      const next = tokens[index + 2];
      const before = tokens[index - 1];
      const doubleAt = before?.kind === 'punct' && before.text === '@';
      if (!doubleAt && at?.kind === 'punct' && at.text === '@' && isName(name) && next?.kind === 'punct' && next.text === '=') {
        params.push(name.text);
      }
    }
  } else {
    const whereAt = tokens.findIndex((token, index) => index >= target.next && isKeyword(token, 'WHERE'));
    if (whereAt >= 0) {
      for (let index = whereAt + 1; index < tokens.length; index++) {
        const name = tokens[index];
        const next = tokens[index + 1];
        if (isKeyword(name, 'RETURNING')) break;
        if (isName(name) && next?.kind === 'punct' && next.text === '=') params.push(name.text);
      }
    }
  }
  return {
    verb,
    resource: target.parts.slice(0, 3).join('.'),
    method: verb === 'exec' ? (target.parts[3] ?? null) : null,
    params,
  };
}
