/**
 * Executor answering from recorded fixtures, for tests of generated code
 * without a StackQL server.
 */
import { StackqlFixtureError } from '../errors.js';
import type { RawRow } from '../decode.js';
import type { MethodSpec, Verb } from '../spec.js';
import { renderStatement, type SqlValues } from '../sql.js';
import { readStatementShape, type StatementShape } from '../statement-shape.js';
import type { Executor } from './executor.js';

/** One recorded answer for a method call. */
export interface MethodFixture {
  /** `provider.service.resource`. */
  resource: string;
  method: string;
  verb: Verb;
  /** The params of the call the rows answer (by `ParamSpec.name`; names the spec lacks count as extra params). */
  params: SqlValues;
  /** The body properties of the call (by `DataSpec.name`). */
  data: SqlValues;
  /** The rows exactly as the server sends them: text or null. */
  rows: RawRow[];
  /** SELECT list the call asked for (default: all the spec's columns), as in `RenderCall.columns`. */
  columns?: readonly string[];
  /** RETURNING the call asked for, as in `RenderCall.returning` (default none). */
  returning?: readonly string[] | boolean;
  /** The statement this fixture answers, if already rendered; else rendered from the method's spec. */
  sql?: string;
}

export interface FixtureSet {
  fixtures: MethodFixture[];
  /** Specs used to render fixtures that carry no `sql`, found by `resource` and `method`. */
  specs?: readonly MethodSpec[];
}

export interface FixturesExecutor extends Executor {
  /** Every statement received, in order. */
  readonly received: readonly string[];
}

/**
 * Matches a statement to the fixture whose rendered SQL equals it; failing
 * that, to the only fixture of the same target resource and verb (EXEC: and
 * method; SELECT: and the same set of WHERE param names, since StackQL picks
 * the SELECT method by the params given). No match, or several, rejects
 * with a `StackqlFixtureError`.
 */
export function fixtures(set: FixtureSet): FixturesExecutor {
  const received: string[] = [];
  const bySql = new Map<string, MethodFixture>();
  for (const fixture of set.fixtures) {
    const sql = fixture.sql ?? renderFixture(fixture, set.specs ?? []);
    if (sql !== null && !bySql.has(sql)) bySql.set(sql, fixture);
  }
  const execute = async (sql: string): Promise<RawRow[]> => {
    received.push(sql);
    const exact = bySql.get(sql);
    if (exact !== undefined) return copyRows(exact.rows);
    const shape = readStatementShape(sql);
    if (shape === null) throw new StackqlFixtureError('not a statement the fixtures can answer', sql);
    const candidates = set.fixtures.filter((fixture) => sameTarget(fixture, shape));
    const only = candidates[0];
    if (only === undefined || candidates.length > 1) {
      const reason = candidates.length === 0 ? 'no fixture' : `${candidates.length} fixtures (${candidates.map((f) => f.method).join(', ')})`;
      throw new StackqlFixtureError(`${reason} for ${shape.verb} on ${shape.resource}`, sql);
    }
    return copyRows(only.rows);
  };
  return Object.assign(execute, { received });
}

function renderFixture(fixture: MethodFixture, specs: readonly MethodSpec[]): string | null {
  const spec = specs.find((s) => s.resource === fixture.resource && s.method === fixture.method);
  if (spec === undefined) return null;
  const params: Record<string, SqlValues[string]> = {};
  const extraParams: Record<string, SqlValues[string]> = {};
  for (const [name, value] of Object.entries(fixture.params)) {
    if (spec.params.some((p) => p.name === name)) params[name] = value;
    else extraParams[name] = value;
  }
  try {
    return renderStatement(spec, {
      params,
      data: fixture.data,
      extraParams,
      ...(fixture.columns === undefined ? {} : { columns: fixture.columns }),
      ...(fixture.returning === undefined ? {} : { returning: fixture.returning }),
    });
  } catch {
    // A fixture that cannot be rendered can still match by target.
    return null;
  }
}

function sameTarget(fixture: MethodFixture, shape: StatementShape): boolean {
  if (fixture.resource !== shape.resource || fixture.verb !== shape.verb) return false;
  if (shape.verb === 'exec') return fixture.method === shape.method;
  if (shape.verb !== 'select') return true;
  const given = new Set(Object.keys(fixture.params).filter((name) => fixture.params[name] !== undefined));
  const asked = new Set(shape.params);
  return given.size === asked.size && [...asked].every((name) => given.has(name));
}

function copyRows(rows: readonly RawRow[]): RawRow[] {
  return rows.map((row) => ({ ...row }));
}
