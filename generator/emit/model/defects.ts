/**
 * Known defects of doc examples (FORMAT.md, "Known generator defects") that
 * make an example differ from the statement its method really takes. The
 * generated tests assert that such an example differs from the rendered
 * shape exactly by the reported defect, and the package README lists them.
 */
import type { IRExample } from '../../ir/types.js';

export interface ExampleDefect {
  /** Stable, kebab-case. */
  code: string;
  message: string;
  /**
   * A rewrite of the doc's SQL that repairs the defect (applied with the
   * `g` flag), so a test can check that the difference is this one and no
   * other; null where the defect cannot be repaired mechanically.
   */
  repair: { pattern: string; replacement: string } | null;
}

/** `@a='…' --required, ⏎ @b=…`: the comment swallows the comma between EXEC params. */
const COMMA_IN_COMMENT = /(--\s*required|\/\*\s*required\s*\*\/)[ \t]*,/;

export function exampleDefects(example: IRExample): ExampleDefect[] {
  const defects: ExampleDefect[] = [];
  if (example.verb === 'exec' && COMMA_IN_COMMENT.test(example.sql)) {
    defects.push({
      code: 'example/exec-comma-in-comment',
      message: 'the comma between EXEC params is written after a `--required` comment, which swallows it',
      repair: { pattern: String.raw`(--\s*required|\/\*\s*required\s*\*\/)[ \t]*,`, replacement: ', $1' },
    });
  }
  if (example.structure === null) {
    defects.push({
      code: 'example/unreadable',
      message: 'the example does not read as a StackQL statement',
      repair: null,
    });
  }
  return defects;
}
