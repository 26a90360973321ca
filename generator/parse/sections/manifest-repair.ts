/**
 * The repair both manifest readers apply to one defect of the docs
 * generator (see `reindentBlockScalars`), and what they report of it.
 */

export const UNINDENTED_BLOCK_MESSAGE = 'a multi-line description continues without indentation, which ends its YAML block; read as if indented';

/** A line the manifest writer starts a key with: `- name:`, `value:`, `description:`, … */
const KEY_LINE = /^[ \t]*(-[ \t]+)?[A-Za-z_][\w$@.-]*:([ \t]|$)/;

/**
 * The docs generator writes multi-line descriptions into `description: >`
 * without indenting their later lines (okta `users/users`), which ends the
 * block scalar. Lines after a block scalar's header that are neither blank,
 * indented enough, nor a key line are given the block's indentation.
 */
export function reindentBlockScalars(text: string): { text: string; firstLine: number | null } {
  const lines = text.split('\n');
  let firstLine: number | null = null;
  let blockIndent: number | null = null;
  lines.forEach((line, index) => {
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20 || line.charCodeAt(indent) === 0x09) indent += 1;
    if (blockIndent !== null && indent < blockIndent && line.trim() !== '') {
      if (KEY_LINE.test(line)) {
        blockIndent = null;
      } else {
        lines[index] = ' '.repeat(blockIndent) + line.trimStart();
        firstLine ??= index + 1;
        return;
      }
    }
    // Every manifest is read through here: test the header pattern only on lines that can hold one.
    if (!line.includes('>') && !line.includes('|')) return;
    const header = /^([ \t]*)(-[ \t]+)?[A-Za-z_][\w$@.-]*:[ \t]*[>|][-+0-9]*[ \t]*$/.exec(line);
    if (header) blockIndent = (header[1]?.length ?? 0) + (header[2]?.length ?? 0) + 2;
  });
  return { text: firstLine === null ? text : lines.join('\n'), firstLine };
}
