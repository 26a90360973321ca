/**
 * Every diagnostic code the reader, the page parser and the IR builder emit,
 * with what it means. `error` codes mark pages that cannot yield a correct IR
 * (the resource is left out); `warning`s are defects the IR works around.
 */
export const DIAGNOSTIC_CODES = {
  'read/not-found': 'error: the docs path does not exist',
  'read/unreadable': 'error: a file or directory could not be read (permissions, broken link, I/O error)',

  'page/empty': 'error: the file is empty or blank',
  'page/too-large': 'error: the file is over the page size limit (MAX_PAGE_BYTES, 4 MiB) and was not parsed',
  'page/binary': 'error: the file holds NUL bytes: not a text page',
  'page/invalid-utf8': 'error: the file is not valid UTF-8; located at the first bad byte',
  'page/mdx-syntax': 'error: the MDX parser refused the page (unclosed JSX, bad expression, …); located where it stopped',
  'page/too-complex':
    'error: the page has more tags than MAX_MARKUP_TAGS (10,000), nests them deeper than MAX_MARKUP_DEPTH (100) or has more pipe-table lines than MAX_PIPE_TABLE_LINES (5,000); not parsed (the MDX parser would take minutes or overflow its stack)',
  'page/not-a-doc-page': 'info: a file that is neither a provider, service nor resource page (e.g. a registry landing page); skipped',
  'page/reader-failed': 'error: the page parser or a section reader threw (a bug in the reader, not the page); the page is left out',
  'page/path-mismatch': "warning: a resource page's Id does not match the service/resource folders it sits in",

  'frontmatter/invalid-yaml': 'warning: the YAML frontmatter does not parse; title and description are taken as empty',
  'frontmatter/yaml-warning': 'warning: the YAML frontmatter parses, with a warning from the YAML reader (an unresolved tag, …)',

  'overview/missing-id': 'error: a resource page without an Overview table Id row',
  'overview/invalid-id': 'error: the Overview Id is not `provider.service.resource`',
  'overview/unknown-type': 'error: the Overview Type is neither Resource nor View',
  'overview/odd-name':
    "warning: the Id's service or resource name is not a plain identifier, or is a reserved file name (con, nul, com1, …, index; runtime and fixtures for a service): generated paths and modules are named differently",
  'overview/name-mismatch': "warning: the Overview Name differs from the Id's last part",

  'table/missing': 'error: a section that must hold a table has none',
  'table/unexpected-header': "error: a table's header does not have the columns the section needs",
  'table/short-row': 'error: a table row has fewer cells than the header (a truncated or malformed table)',

  'fields/duplicate-name': 'warning: a field name appears twice for one method (the first is kept)',
  'fields/odd-name': 'warning: a field name is not a plain identifier `^[A-Za-z_][A-Za-z0-9_]*$` (it needs quoting in SQL and TS)',
  'fields/empty-name': 'error: a fields row without a name',
  'fields/unknown-method': 'warning: a fields tab names a method that is not a SELECT method of `## Methods`',
  'fields/missing-method': 'warning: a SELECT method has no fields tab',
  'fields/missing-section': 'warning: a resource with SELECT methods has no `## Fields` section',
  'fields/unclear-tab': 'warning: a fields tab has no table and no SchemaTable',
  'fields/orphan-table': 'warning: a legacy fields table on a page without SELECT methods (kept under no method)',

  'schema-table/not-data': 'error: `<SchemaTable fields={…} />` holds code, not JSON-like data',
  'schema-table/invalid-entry': 'error: a SchemaTable entry lacks a string `name` or has a malformed `children`',

  'methods/missing-section': 'error: a resource page without a `## Methods` table',
  'methods/unknown-verb': 'error: an Accessible by value other than select, insert, update, replace, delete, exec',
  'methods/duplicate-name': 'error: two methods share a name',
  'methods/empty-name': 'error: a methods row without a name',
  'methods/odd-name': 'warning: a method name is not a plain identifier',
  'methods/ambiguous-select': "warning: a SELECT method's required params equal another SELECT method's (path params lost by the docs generator)",
  'methods/unknown-param': 'warning: a method uses a param that `## Parameters` does not list',

  'params/duplicate-name': 'warning: a parameter is listed twice (the first is kept)',
  'params/odd-name': 'warning: a parameter name is not a plain identifier',
  'params/id-mismatch': 'warning: a `<tr id="parameter-X">` row whose name cell says something else',

  'view/missing-definition': 'error: a view page without `## SQL Definition` or without any SQL in it',
  'view/unnamed-column': 'warning: a view select-list item without an alias or a plain column name',
  'view/dialects-differ': "warning: a view's dialect definitions select different columns",

  'manifest/invalid-yaml': 'warning: the INSERT manifest is not valid YAML (located at the first error); no props are read',
  'manifest/unindented-block': "warning: a manifest description's later lines lost their indentation (ending the YAML block); read as if indented",
  'manifest/unexpected-shape': 'warning: the manifest is not a list of `- name: … props: [{name, value, …}]` entries, or a prop has no name',

  'provider/no-name': 'warning: the provider page has neither a frontmatter title nor a `REGISTRY PULL` line',

  'build/duplicate-id': 'error: two resource pages have the same Id (both are left out)',
  'build/case-collision': 'warning: two services, or two resources of one service, have names that differ only in case (their files would collide on case-insensitive file systems, so one is renamed)',
  'build/mixed-providers': 'warning: resource Ids name more than one provider',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
