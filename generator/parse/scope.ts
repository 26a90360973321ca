import type { PageReporter } from './report.js';

/** What every section reader needs of its page: where it is, its text, and where findings go. */
export interface PageScope {
  path: string;
  source: string;
  reporter: PageReporter;
}
