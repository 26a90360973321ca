import type { Node } from 'unist';
import type { Section } from '../context.js';
import { cellMarkdown, findTables, nameIn, plainText, readTable } from '../html.js';
import type { PageScope } from '../scope.js';

/**
 * `## Overview`: a headerless two-column table,
 *
 * ```html
 * <tr><td><b>Name</b></td><td><code>oauth2_resource_server_jwks</code></td></tr>
 * <tr><td><b>Type</b></td><td>Resource</td></tr>
 * <tr><td><b>Id</b></td><td><CopyableCode code="okta.authorizationservers.oauth2_resource_server_jwks" /></td></tr>
 * <tr><td><b>Description</b></td><td>…</td></tr>
 * ```
 *
 * (legacy service pages say Type `Service` and Id `application:v1`).
 */
export interface Overview {
  name: string | null;
  type: string | null;
  id: string | null;
  description: string | null;
  /** The Id row, to locate findings about the id. */
  idNode: Node | null;
  node: Node;
}

/** Reads the Overview table; null where the section has none. Never reports: what is missing is judged by the page classifier. */
export function readOverview(scope: PageScope, section: Section): Overview | null {
  const tableNode = findTables(section.nodes)[0];
  if (!tableNode) return null;
  const table = readTable(tableNode, scope.source);
  const overview: Overview = { name: null, type: null, id: null, description: null, idNode: null, node: tableNode };
  for (const row of table.rows) {
    const [label, value] = row.cells;
    if (!label || !value) continue;
    switch (plainText(label.node).toLowerCase()) {
      case 'name':
        overview.name = nameIn(value.node).trim();
        break;
      case 'type':
        overview.type = plainText(value.node);
        break;
      case 'id':
        overview.id = nameIn(value.node).trim();
        overview.idNode = row.node;
        break;
      case 'description':
        overview.description = cellMarkdown(value.raw);
        break;
    }
  }
  return overview;
}
