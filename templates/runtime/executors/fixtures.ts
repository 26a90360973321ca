/**
 * Executor answering from recorded fixtures, for tests of generated code
 * without a StackQL server.
 */
import type { RawRow } from '../decode.js';
import type { MethodSpec, Verb } from '../spec.js';
import type { SqlValues } from '../sql.js';
import type { Executor } from './executor.js';

/** One recorded answer for a method call. */
export interface MethodFixture {
  /** `provider.service.resource`. */
  resource: string;
  method: string;
  verb: Verb;
  /** The params of the call the rows answer (by `ParamSpec.name`, extra params included). */
  params: SqlValues;
  /** The body properties of the call (by `DataSpec.name`). */
  data: SqlValues;
  /** The rows exactly as the server sends them: text or null. */
  rows: RawRow[];
  /** The statement this fixture answers, if already rendered; else rendered from the method's spec. */
  sql?: string;
}

export interface FixtureSet {
  fixtures: MethodFixture[];
  /** Specs to render fixtures without `sql`; keyed by `resource` + `.` + `method` or given as a list. */
  specs?: readonly MethodSpec[];
}

export interface FixturesExecutor extends Executor {
  /** Every statement received, in order. */
  readonly received: readonly string[];
}

/**
 * Matches a statement to the fixture whose rendered SQL equals it; failing
 * that, to the only fixture of the same target resource and verb (for
 * SELECT also the same set of WHERE param names, since StackQL picks the
 * SELECT method by the params given). Anything else rejects with a
 * `StackqlFixtureError`.
 */
export function fixtures(set: FixtureSet): FixturesExecutor {
  void set;
  throw new Error('not implemented yet');
}
