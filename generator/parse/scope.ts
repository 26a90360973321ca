import type { Node } from 'unist';
import type { PageReporter } from './report.js';

/** What every section reader needs of its page: where it is, its text, and where findings go. */
export interface PageScope {
  path: string;
  source: string;
  reporter: PageReporter;
  /**
   * Told each verdict a section reader takes from the plain text of
   * `nodes` (`decide` of them, looking for `phrase`), by a reader whose
   * tree may hold text it did not model (the fast reader), so that it can
   * leave the page to the reference reader where that text could turn the
   * verdict. Absent for the reference reader.
   */
  checkTextVerdict?: (nodes: readonly Node[], verdict: boolean, decide: (nodes: readonly Node[]) => boolean, phrase: string) => void;
  /**
   * False only where no reader's plain text of `nodes` can hold `phrase`
   * (a certain "no", which needs no verdict and no check); true where it
   * may. Offered by a reader that can tell more cheaply than a verdict is
   * read (the fast reader); absent for the reference reader.
   */
  textMayHold?: (nodes: readonly Node[], phrase: string) => boolean;
}
