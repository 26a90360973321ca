import type { Root } from 'mdast';
import type { Node } from 'unist';
import { kindByPath, readPageTree, type PathKind } from '../classify.js';
import { decodePage } from '../decode.js';
import { markupLimitProblem } from '../limits.js';
import type { DocFile, ParsedPage } from '../page.js';
import { PageReporter } from '../report.js';
import { readFrontmatter } from '../sections/frontmatter.js';
import { simpleFrontmatter } from './frontmatter.js';
import { holdsUnmodelled, mayHoldAnywhere, mayHoldInUnmodelled, withoutOpaqueText } from './opaque.js';
import { providerPageTree } from './provider.js';
import { serviceTemplateTree } from './service.js';
import { buildTree } from './tree.js';

/** The tree of a provider or service page in the docs generator's own template; null for other pages, and where the page departs from it. */
function templateTree(kind: PathKind, source: string): Root | null {
  if (kind === 'service') return serviceTemplateTree(source);
  if (kind === 'provider') return providerPageTree(source);
  return null;
}

/**
 * `parsePage` with the line scanner's tree in place of remark-mdx's; null
 * where the scanner does not recognise the page. From the tree on, both
 * readers share `readPageTree`.
 */
export function scanPage(file: DocFile): ParsedPage | null {
  const decoded = decodePage(file.bytes);
  // Past a markup limit the page is refused, and refusing is parsePage's to report.
  if (!decoded.ok || markupLimitProblem(decoded.text) !== null) return null;
  const tree = templateTree(kindByPath(file.path), decoded.text) ?? buildTree(decoded.text);
  if (!tree) return null;
  const reporter = new PageReporter(file.path);
  try {
    return readPageTree(
      {
        path: file.path,
        source: decoded.text,
        reporter,
        checkTextVerdict: (nodes, verdict, decide, phrase) => leaveUncertainVerdicts(decoded.text, nodes, verdict, decide, phrase),
        textMayHold: (nodes, phrase) => mayHoldAnywhere(nodes, phrase, decoded.text),
      },
      tree,
      (scope, preamble) => simpleFrontmatter(preamble) ?? readFrontmatter(scope, preamble),
    );
  } catch (error) {
    if (error instanceof UncertainVerdict) return null;
    throw error;
  }
}

/** Thrown by {@link leaveUncertainVerdicts} to leave a page to remark; never escapes `scanPage`. */
class UncertainVerdict extends Error {}

/**
 * A verdict read from text the scanner did not model stands only where
 * remark's reading of that text could not turn it (see `opaque.ts`): a match
 * must lie in modelled text alone, and where there is none, remark's text
 * must be certain not to hold the phrase. Otherwise the page is remark's.
 */
function leaveUncertainVerdicts(source: string, nodes: readonly Node[], verdict: boolean, decide: (nodes: readonly Node[]) => boolean, phrase: string): void {
  const uncertain = verdict ? holdsUnmodelled(nodes) && !decide(withoutOpaqueText(nodes)) : mayHoldInUnmodelled(nodes, phrase, source);
  if (uncertain) throw new UncertainVerdict();
}
