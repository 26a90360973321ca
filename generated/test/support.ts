/**
 * How a doc example and a rendered statement are compared: comments and
 * `-- required` markers dropped (hints `/*+ … *\/` kept), whitespace
 * collapsed, no spaces around `,()=` or inside `{}`/`[]`, placeholders written `{{ x }}`,
 * identifier double quotes dropped, no trailing `;`.
 */
export function normalise(sql: string | null): string {
  if (sql === null) return '';
  return sql
    .replace(/\/\*(?!\+)[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/"([A-Za-z_@][A-Za-z0-9_$#@.-]*)"/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s*([,()=])\s*/g, '$1')
    .replace(/([{[])\s+/g, '$1')
    .replace(/\s+([}\]])/g, '$1')
    .replace(/\{\{\s*([^{}]*?)\s*\}\}/g, '{{ $1 }}')
    .trim()
    .replace(/;$/, '')
    .trim();
}
