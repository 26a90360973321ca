/**
 * A docs tree whose names and descriptions are chosen to break generated
 * code: quotes, backticks, comment closers, template and JS injection,
 * newlines, unicode, leading digits, reserved words, names equal but for
 * case, and names that would be dangerous as file paths.
 */
import type { PageField, PageMethod, PageResource } from './hostile-docs.js';
import { resourcePage } from './hostile-docs.js';

/** What must never run: each sets a flag (or exits) if doc text is ever evaluated as code. */
export const INJECTIONS = [
  '${process.exit(41)}',
  '"); process.exit(42); ("',
  "'); process.exit(43); ('",
  '`; process.exit(44); `',
  '*/ process.exit(45); /*',
  '\\{\\{ process.exit(46) \\}\\} \\{\\{\\{ triple \\}\\}\\}',
  '&lt;script&gt;process.exit(47)&lt;/script&gt;',
];

/** Field names, each kept exactly as a column name. */
export const HOSTILE_FIELDS = [
  "it's",
  'a"b',
  'back`tick',
  '*/',
  '/*',
  '${x}',
  '{{ y }}',
  '\\',
  'line\nbreak',
  '名前',
  'émoji😀',
  '1st',
  '42',
  'delete',
  'default',
  'class',
  'constructor',
  '__proto__',
  'toString',
  'then',
  'false',
  'status',
  'Status',
  'STATUS',
  'x5t#S256',
  '@odata.type',
  'a-b',
  'a b',
  '$schema',
];

const field = (name: string, index: number): PageField => ({
  name,
  type: ['string', 'integer', 'boolean', 'object', 'array', 'number'][index % 6] ?? 'string',
  description: INJECTIONS[index % INJECTIONS.length] ?? '',
});

const subdomain: PageField = { name: 'subdomain', type: 'string', description: 'The domain. (default: my-org)' };

/** Method names that are reserved words, leading digits, unicode, punctuation or differ only in case. */
export const HOSTILE_METHODS: PageMethod[] = [
  { name: 'delete', verb: 'select', required: ['subdomain'], description: INJECTIONS[0] ?? '' },
  { name: 'constructor', verb: 'select', required: ['subdomain'], description: INJECTIONS[1] ?? '' },
  { name: '__proto__', verb: 'select', required: ['subdomain'], description: INJECTIONS[2] ?? '' },
  { name: '1st', verb: 'insert', required: ['subdomain'], description: INJECTIONS[3] ?? '' },
  { name: 'class', verb: 'delete', required: ['subdomain', 'default'], description: INJECTIONS[4] ?? '' },
  { name: 'then', verb: 'exec', required: ['subdomain', 'a-b'], description: INJECTIONS[5] ?? '' },
  { name: 'get', verb: 'select', required: ['subdomain', '1st'], description: INJECTIONS[6] ?? '' },
  { name: 'Get', verb: 'select', required: ['subdomain', '__proto__'], description: '' },
  { name: '名前', verb: 'update', required: ['subdomain'], description: '' },
  { name: 'a*/b', verb: 'exec', required: ['subdomain', 'constructor'], description: '' },
  { name: '${x}', verb: 'replace', required: ['subdomain'], description: '' },
];

export const HOSTILE_PARAMS: PageField[] = [
  subdomain,
  { name: 'default', type: 'string', description: INJECTIONS[0] ?? '' },
  { name: 'a-b', type: 'integer', description: INJECTIONS[1] ?? '' },
  { name: '1st', type: 'boolean', description: INJECTIONS[4] ?? '' },
  { name: '__proto__', type: 'string', description: INJECTIONS[5] ?? '' },
  { name: 'constructor', type: 'string', description: '' },
];

/** A service name that is an absolute path; nothing may ever be created there. */
export const ABSOLUTE_SERVICE = `/tmp/stackql-hostile-${process.pid}`;

/** One resource per hostile service/resource name pair; Ids and folders agree except where the name cannot be a folder. */
export const HOSTILE_IDS: Array<{ path: string; id: string }> = [
  { path: 'services/class/__proto__/index.md', id: 'okta.class.__proto__' },
  { path: 'services/default/constructor/index.md', id: 'okta.default.constructor' },
  { path: 'services/con/nul/index.md', id: 'okta.con.nul' },
  { path: 'services/index/index/index.md', id: 'okta.index.index' },
  { path: 'services/a/A/index.md', id: 'okta.a.A' },
  { path: 'services/a/a/index.md', id: 'okta.a.a' },
  { path: 'services/A/b/index.md', id: 'okta.A.b' },
  { path: 'services/x/1st/index.md', id: 'okta.x.1st' },
  { path: 'services/名前/データ/index.md', id: 'okta.名前.データ' },
  { path: 'services/runtime/spec/index.md', id: 'okta.runtime.spec' },
  { path: 'services/fixtures/index/index.md', id: 'okta.fixtures.index' },
  // Names that are paths: a folder cannot hold them, so these pages sit elsewhere (a path-mismatch warning).
  { path: 'services/p2/r2/index.md', id: `okta.${ABSOLUTE_SERVICE}.r` },
  { path: 'services/p3/r3/index.md', id: 'okta.s.C:\\win\\x' },
  { path: 'services/p6/r6/index.md', id: 'okta.src.package' },
];

/** Ids with `..` cannot be split into provider.service.resource: refused pages. */
const DOTTED_IDS = ['okta.a/../../escaped.r', 'okta.s.a\\..\\..\\b', 'okta.s.../up', 'okta.e.'];

const plainFields = ['id', 'name'].map(field);
const plainMethods: PageMethod[] = [{ name: 'list', verb: 'select', required: ['subdomain'], description: 'Lists them' }];

/** The docs tree: path → page text. The first resource carries every hostile field, the second every hostile method and param. */
export function hostileTree(): Record<string, string> {
  const pages: Record<string, string> = {};
  HOSTILE_IDS.forEach(({ path, id }, index) => {
    const resource: PageResource =
      index === 0
        ? { id, fields: HOSTILE_FIELDS.map(field), methods: plainMethods, params: [subdomain] }
        : index === 1
          ? { id, fields: plainFields, methods: HOSTILE_METHODS, params: HOSTILE_PARAMS }
          : { id, fields: plainFields, methods: plainMethods, params: [subdomain] };
    pages[path] = resourcePage(resource);
  });
  return pages;
}

/** Pages that must be refused with an error (and leave the rest of the tree alone): empty names, Ids with `..`. */
export function refusedTree(): Record<string, string> {
  const pages: Record<string, string> = {};
  DOTTED_IDS.forEach((id, index) => {
    pages[`services/dots/d${index}/index.md`] = resourcePage({ id, fields: plainFields, methods: plainMethods, params: [subdomain] });
  });
  return {
    ...pages,
    'services/e/empty_field/index.md': resourcePage({ id: 'okta.e.empty_field', fields: [...plainFields, field('', 0)], methods: plainMethods, params: [subdomain] }),
    'services/e/empty_method/index.md': resourcePage({
      id: 'okta.e.empty_method',
      fields: plainFields,
      methods: [...plainMethods, { name: '', verb: 'exec', required: [], description: '' }],
      params: [subdomain],
    }),
  };
}
