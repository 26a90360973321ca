import type { Code, List, ListItem, Paragraph, RootContent } from 'mdast';
import type { Node } from 'unist';
import type { IREnvVar, IRServerParam } from '../../ir/types.js';
import { sectionByTitle, type Section } from '../context.js';
import { cellMarkdown, codesIn, findAll, isJsxElement, plainText, sourceOf } from '../html.js';
import type { ProviderPage } from '../page.js';
import type { PageScope } from '../scope.js';
import type { Frontmatter } from './frontmatter.js';

/**
 * The provider page (`index.md` at the docs root):
 *
 * ```md
 * title: okta                                (frontmatter)
 * Authentication and authorization services. (first paragraph: the description)
 * ## Installation     REGISTRY PULL okta;
 * ## Authentication   - <CopyableCode code="OKTA_API_TOKEN" /> - Okta API Token (see …)
 *                     AUTH='{ "okta": { "type": "api_key", … }}'
 * ## Server Parameters - <CopyableCode code="subdomain" /> - The Okta tenant domain, …
 * ## Services          <a href="/services/agentpools/">agentpools</a>
 * ```
 */
export function readProviderPage(scope: PageScope, frontmatter: Frontmatter, preamble: readonly RootContent[], sections: readonly Section[]): ProviderPage {
  const installation = sectionByTitle([...sections], 'Installation');
  const pulled = installation ? /REGISTRY\s+PULL\s+([A-Za-z0-9_-]+)/i.exec(sourceOfNodes(scope, installation.nodes))?.[1] : undefined;
  const name = frontmatter.title || pulled || '';
  if (name === '') scope.reporter.report(null, 'warning', 'provider/no-name', 'the provider page names no provider (no frontmatter title, no REGISTRY PULL)');
  const authentication = sectionByTitle([...sections], 'Authentication');
  const serverParameters = sectionByTitle([...sections], 'Server Parameters');
  const services = sectionByTitle([...sections], 'Services');
  return {
    name,
    description: firstParagraph(scope, preamble),
    services: services ? serviceLinks(services) : [],
    auth: {
      type: authentication ? authType(authentication) : null,
      envVars: authentication ? codeListItems(scope, authentication) : [],
    },
    serverParams: serverParameters ? codeListItems(scope, serverParameters) : [],
  };
}

function firstParagraph(scope: PageScope, preamble: readonly RootContent[]): string {
  const paragraph = preamble.find((node): node is Paragraph => node.type === 'paragraph');
  return paragraph ? cellMarkdown(sourceOf(paragraph, scope.source)) : '';
}

/** `- <CopyableCode code="NAME" /> - description` items of a section's top-level lists. */
function codeListItems(scope: PageScope, section: Section): (IREnvVar & IRServerParam)[] {
  const items = section.nodes.filter((node): node is List => node.type === 'list').flatMap((list) => list.children);
  return items.flatMap((item: ListItem) => {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return [];
    const code = first.children.find((child) => isJsxElement(child, 'CopyableCode'));
    const name = code ? codesIn(code)[0] : undefined;
    if (!code || name === undefined) return [];
    const after = scope.source.slice(code.position?.end.offset ?? 0, first.position?.end.offset ?? 0);
    return [{ name, description: cellMarkdown(after.replace(/^\s*[-–—:]\s*/, '')) }];
  });
}

/** The `type` of the `--auth` example: `AUTH='{ "okta": { "type": "api_key", … }}'`. */
function authType(section: Section): string | null {
  const fences = findAll(section.nodes, (node): node is Code => node.type === 'code');
  for (const fence of fences) {
    const match = /["']type["']\s*:\s*["']([^"']+)["']/.exec(fence.value);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** `<a href="/services/agentpools/">agentpools</a>` links (HTML or markdown), by their text. */
function serviceLinks(section: Section): string[] {
  const links = findAll(section.nodes, (node): node is Node => isJsxElement(node, 'a') || node.type === 'link');
  const names = links.map((link) => plainText(link)).filter((name) => name !== '');
  return [...new Set(names)];
}

function sourceOfNodes(scope: PageScope, nodes: readonly Node[]): string {
  return nodes.map((node) => sourceOf(node, scope.source)).join('\n');
}
