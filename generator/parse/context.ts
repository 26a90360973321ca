import type { Heading, RootContent } from 'mdast';
import type { Node, Point, Position } from 'unist';
import type { Severity } from '../diagnostics.js';
import type { IRMethod, IRSource } from '../ir/types.js';

/**
 * One `## …` section of a page: the heading and every node after it up to
 * the next depth-1 or depth-2 heading. `###` and deeper headings stay inside.
 *
 * `title` is the heading's plain text with inline code unwrapped, e.g.
 * `` ## `INSERT` examples `` → `INSERT examples`, `## Lifecycle Methods` →
 * `Lifecycle Methods`.
 */
export interface Section {
  title: string;
  heading: Heading;
  nodes: RootContent[];
}

/** Where a finding points: a node (its start), a position, a point, or null for the page's first line. */
export type ReportTarget = Node | Position | Point | null | undefined;

/**
 * What a section reader of a resource page receives. The readers are pure:
 * they look at `sections`, read text through `text`, and report through
 * `report`; they never throw on what the docs say.
 *
 * `readExamples(ctx)` (`sections/examples.ts`) and `readManifest(ctx)`
 * (`sections/manifest.ts`) receive it after Overview, Methods and Parameters
 * are read, so `resourceId` and `methods` are known.
 */
export interface SectionContext {
  /** The page's path, relative to the docs root (POSIX). */
  path: string;
  /** The whole page as decoded text (LF or CRLF as written); node offsets index into it. */
  source: string;
  /** Every `##` section of the page, in page order. */
  sections: Section[];
  /** `provider.service.resource` from the Overview's Id row (may be '' when the page lacks one; the page is then an error already). */
  resourceId: string;
  /** `## Methods`, in page order. */
  methods: IRMethod[];
  /** `current` (HTML tables) or `legacy` (GFM pipe tables). */
  layout: 'current' | 'legacy';
  /**
   * Adds a located diagnostic to the page's list. `code` is kebab-case with an
   * area prefix (`example/…`, `manifest/…`) and belongs in `parse/codes.ts`.
   */
  report(at: ReportTarget, severity: Severity, code: string, message: string): void;
  /** The exact source text of a node (`''` when it has no position). */
  text(node: Node): string;
  /** The IRSource (page path + 1-based line) of a node. */
  sourceOf(node: Node | null | undefined): IRSource;
}

/** Finds a section by title, ignoring case and backticks: `sectionByTitle(ctx, 'insert examples')`. */
export function sectionByTitle(sections: Section[], title: string): Section | undefined {
  const wanted = normalizeTitle(title);
  return sections.find((section) => normalizeTitle(section.title) === wanted);
}

export function normalizeTitle(title: string): string {
  let normalized = normalizedTitles.get(title);
  if (normalized === undefined) {
    normalized = title.replaceAll('`', '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (normalizedTitles.size >= NORMALIZED_TITLES_LIMIT) normalizedTitles.clear();
    normalizedTitles.set(title, normalized);
  }
  return normalized;
}

// Each page looks sections up by title a dozen times, and every provider's
// pages repeat the same few titles: each is normalized once per process.
// Bounded, for docs with many distinct titles.
const normalizedTitles = new Map<string, string>();
const NORMALIZED_TITLES_LIMIT = 10_000;
