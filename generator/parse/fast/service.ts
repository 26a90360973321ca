import type { Root, RootContent } from 'mdast';
import { Locator } from './locate.js';

/**
 * The service page the docs generator writes (`services/<service>/index.md`):
 *
 * ```mdx
 * apps service documentation.
 *
 * :::info[Service Summary]
 *
 * total resources: __15__
 *
 * :::
 *
 * ## Resources
 * <div class="row">
 * <div class="providerDocColumn">
 * <a href="/services/apps/application_users/">application_users</a><br />
 * …
 * </div>
 * </div>
 * ```
 *
 * A service page yields only its name (from its path) and its frontmatter's
 * findings, so for a page that is this template line for line, the tree
 * holds just the frontmatter and the headings; any other service page is
 * left to remark.
 */
export function serviceTemplateTree(source: string): Root | null {
  if (source.includes('\r')) return null;
  const lines = source.split('\n');
  if (!/^--- *$/.test(lines[0] ?? '')) return null;
  const close = lines.indexOf('---', 1);
  if (close === -1) return null;
  const body = lines.slice(close + 1);
  const fixed = [
    /^$/,
    /^[A-Za-z0-9][A-Za-z0-9_ -]* service documentation\.$/,
    /^$/,
    /^:::info\[Service Summary\]$/,
    /^$/,
    /^total resources: __\d+__ {0,2}$/,
    /^$/,
    /^:::$/,
    /^$/,
    /^## Resources$/,
    /^<div class="row">$/,
  ];
  if (body.length < fixed.length + 2 || !fixed.every((pattern, index) => pattern.test(body[index] as string))) return null;
  const rest = body.slice(fixed.length);
  // Trailing newline or not, the page ends with the row's `</div>`.
  while (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
  if (rest.pop() !== '</div>') return null;
  let inColumn = false;
  for (const line of rest) {
    if (!inColumn && line === '<div class="providerDocColumn">') inColumn = true;
    else if (inColumn && line === '</div>') inColumn = false;
    else if (inColumn && line === '') continue;
    else if (!inColumn || !/^<a href="\/services\/[A-Za-z0-9_]+\/[A-Za-z0-9_]+\/">[A-Za-z0-9_]+<\/a>(?:<br \/>)?$/.test(line)) return null;
  }
  if (inColumn) return null;
  const at = new Locator(source);
  const lineStart = (line: number) => at.lineStarts[line] as number;
  const headingLine = close + 1 + fixed.length - 2;
  const children = [
    { type: 'yaml', value: lines.slice(1, close).join('\n'), position: at.span(0, lineStart(close) + 3) },
    {
      type: 'heading',
      depth: 2,
      children: [{ type: 'text', value: 'Resources', position: at.span(lineStart(headingLine) + 3, lineStart(headingLine) + 12) }],
      position: at.span(lineStart(headingLine), lineStart(headingLine) + 12),
    },
  ] as RootContent[];
  return { type: 'root', children, position: at.span(0, source.length) } as Root;
}
