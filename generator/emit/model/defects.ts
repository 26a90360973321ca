/**
 * Known defects of doc examples (FORMAT.md, "Known generator defects"), as
 * the example reader reports them. The generated tests compare each
 * method's rendered shape with its doc example after normalising
 * (comments, whitespace, identifier quotes, trailing `;`); a defect either
 * disappears in that normalisation, or makes the example differ, in which
 * case the test asserts the difference is exactly the reported defect
 * (through a repair of the doc text) or, where no mechanical repair exists,
 * that the example does differ. The package README lists them all.
 */
import type { IRExample } from '../../ir/types.js';
import { analyzeExample, EXAMPLE_FINDING_CODES } from '../../sql/example.js';
import type { QuotingMismatch } from './method.js';

export interface ExampleDefect {
  /** The example reader's finding code (`example/…`). */
  code: string;
  message: string;
  /** Whether the normalised example differs from the rendered shape because of it. */
  differs: boolean;
  /**
   * A rewrite of the doc's SQL (a RegExp source, applied with the `g` flag)
   * that repairs the defect, so a test can check that the difference is this
   * one and no other; null where no mechanical repair exists.
   */
  repair: { pattern: string; replacement: string } | null;
}

const CODES = EXAMPLE_FINDING_CODES;

/**
 * Defects that leave the comparison equal: normalisation drops the comment
 * and the identifier quotes anyway, and a method with nothing to SET or
 * insert renders the same empty list as its example.
 */
const NORMALISED_AWAY = new Set<string>([CODES.commentSwallowsSemicolon, CODES.unquotedName, CODES.emptySetList, CODES.emptyInsert]);

const REPAIRS: Partial<Record<string, { pattern: string; replacement: string }>> = {
  // `@a='…' --required, ⏎ @b` → `@a='…', --required ⏎ @b`
  [CODES.commentSwallowsComma]: { pattern: String.raw`(--[ \t]*required|\/\*[ \t]*required[ \t]*\*\/)[ \t]*,`, replacement: ', $1' },
  // `SET a = '…',⏎b,⏎c⏎WHERE` → `SET a = '…' WHERE`
  [CODES.strayFieldList]: {
    pattern: String.raw`,(?:\s*[A-Za-z_"][\w."-]*\s*,)*\s*[A-Za-z_"][\w."-]*\s*(?=\bWHERE\b)`,
    replacement: ' ',
  },
};

const analysed = new Map<string, ReturnType<typeof analyzeExample>['findings']>();

/** The reader's findings, once per distinct example text (repeat emits in one process, e.g. watch mode, reuse them). */
function findingsOf(example: IRExample): ReturnType<typeof analyzeExample>['findings'] {
  const key = `${example.verb}\0${example.sql}`;
  let findings = analysed.get(key);
  if (!findings) {
    findings = analyzeExample(example.sql, example.verb).findings;
    if (analysed.size > 20_000) analysed.clear();
    analysed.set(key, findings);
  }
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Values the example quotes otherwise than the runtime writes a value of
 * their documented type (see `quotingMismatches` in `method.ts`): the
 * binding renders by type, so the example is what is off.
 */
function quotingDefects(mismatches: readonly QuotingMismatch[]): ExampleDefect[] {
  return mismatches.map((mismatch) => {
    const q = mismatch.quote;
    const type = mismatch.type || 'untyped';
    const hole = String.raw`\{\{\s*${escapeRegExp(mismatch.placeholder)}\s*\}\}`;
    const lead = leadPattern(mismatch);
    return mismatch.written === 'quoted'
      ? {
          code: 'example/quoted-value',
          message: `${q}{{ ${mismatch.placeholder} }}${q} is quoted, but a value of its documented type (${type}) is written bare`,
          differs: true,
          repair: { pattern: `${lead}${q}${hole}${q}`, replacement: `$1{{ ${mismatch.placeholder} }}` },
        }
      : {
          code: 'example/bare-value',
          message: `{{ ${mismatch.placeholder} }} is bare, but a value of its documented type (${type}) is written quoted`,
          differs: true,
          repair: { pattern: `${lead}(?<!${q})${hole}(?!${q})`, replacement: `$1${q}{{ ${mismatch.placeholder} }}${q}` },
        };
  });
}

/**
 * What precedes the hole in its clause (`WHERE x = `, `, x = `, `@x=`,
 * `"x": `), captured as `$1`; INSERT values are positional, so nothing.
 */
function leadPattern(mismatch: QuotingMismatch): string {
  const name = String.raw`"?${escapeRegExp(mismatch.target)}"?`;
  switch (mismatch.clause) {
    case 'where':
      return String.raw`(\b(?:WHERE|AND)\s+${name}\s*=\s*)`;
    case 'set':
      return String.raw`((?:\bSET|,)\s*${name}\s*=\s*)`;
    case 'exec':
      return String.raw`(@${name}\s*=\s*)`;
    case 'json':
      return String.raw`("${escapeRegExp(mismatch.target)}"\s*:\s*)`;
    default:
      return '()';
  }
}

export function exampleDefects(
  example: IRExample,
  mismatches: readonly QuotingMismatch[] = [],
  omitted: readonly string[] = [],
): ExampleDefect[] {
  const findings = findingsOf(example);
  const defects: ExampleDefect[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    if (seen.has(finding.code)) continue;
    seen.add(finding.code);
    defects.push({
      code: finding.code,
      message: finding.message,
      differs: !NORMALISED_AWAY.has(finding.code),
      repair: REPAIRS[finding.code] ?? null,
    });
  }
  defects.push(...quotingDefects(mismatches));
  if (omitted.length > 0) {
    defects.push({
      code: 'example/omits-listed-name',
      message: `the methods table lists ${omitted.join(', ')}, which the example leaves out`,
      differs: true,
      repair: null,
    });
  }
  if (example.structure === null && defects.every((defect) => !defect.differs)) {
    defects.push({ code: 'example/unreadable', message: 'the example does not read as a StackQL statement', differs: true, repair: null });
  }
  return defects;
}
