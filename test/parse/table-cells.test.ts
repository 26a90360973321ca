import type { Node } from 'unist';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../generator/parse/html.js';

/** A `<table>` of one row whose cells are the given sources, laid out on one line, with the offsets a parser would give. */
function tableOf(cells: string[]): { node: Node; source: string } {
  let source = '<table><tbody><tr>';
  const cellNodes = cells.map((cell) => {
    const start = source.length;
    source += cell;
    return { type: 'mdxJsxFlowElement', name: 'td', attributes: [], children: [], position: { start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: source.length + 1, offset: source.length } } };
  });
  source += '</tr></tbody></table>';
  const whole = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: source.length + 1, offset: source.length } };
  const row = { type: 'mdxJsxFlowElement', name: 'tr', attributes: [], children: cellNodes, position: whole };
  const body = { type: 'mdxJsxFlowElement', name: 'tbody', attributes: [], children: [row], position: whole };
  return { node: { type: 'mdxJsxFlowElement', name: 'table', attributes: [], children: [body], position: whole } as Node, source };
}

describe('table cells as written', () => {
  it('drops the cell tags only: an opening tag with attributes, a closing tag with trailing blanks, a self-closing cell', () => {
    const cells = ['<td>plain</td>', '<td align="left">a <b>b</b></td>', '<td>x</td>  \n', '<td />', '<td/> ', '<td>kept</td >', '<td>a</b></td>', '<td>a</></td>', '<td>empty close</>', 'no tags', '<td>open only', '<1>x</td>'];
    const { node, source } = tableOf(cells);
    expect(readTable(node, source).rows[0]?.cells.map((cell) => cell.raw)).toEqual(['plain', 'a <b>b</b>', 'x', '', '', 'kept</td >', 'a</b>', 'a</>', 'empty close', 'no tags', 'open only', '<1>x']);
  });
});
