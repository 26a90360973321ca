import type { Heading, Root, RootContent } from 'mdast';
import type { Section } from './context.js';
import { plainText } from './html.js';

export interface SplitPage {
  /** Nodes before the first `#`/`##` heading (frontmatter, imports, the intro line). */
  preamble: RootContent[];
  sections: Section[];
}

/** Cuts a page at its depth-1 and depth-2 headings; deeper headings stay inside their section. */
export function splitSections(tree: Root): SplitPage {
  const preamble: RootContent[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      current = { title: headingTitle(node), heading: node, nodes: [] };
      sections.push(current);
    } else if (current) current.nodes.push(node);
    else preamble.push(node);
  }
  return { preamble, sections };
}

function headingTitle(heading: Heading): string {
  return plainText(heading);
}
