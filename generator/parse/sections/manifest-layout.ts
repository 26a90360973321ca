import type { IRManifestProp } from '../../ir/types.js';
import { BARE_HOLE_SOURCE, bareHoleType, EMPTY_PROPS_MESSAGE, isRequiredProp, typeWordOf } from './manifest-prop.js';
import type { ManifestProblem } from './manifest-yaml.js';

/**
 * The manifest read without the YAML library, for the layout the docs
 * generator writes:
 *
 * ```yaml
 * # Description fields are for documentation purposes
 * - name: applications
 *   props:
 *     - name: label
 *       value: string
 *       description: >
 *         User-defined display name for app
 *
 *       valid_values: ['AUTO_LOGIN', 'BASIC_AUTH']
 *       default: foo
 *     - name: owner
 *       value: "{{ owner }}"
 *       description: |
 *         The account owner of the repository.
 * ```
 *
 * Returns the props and problems `parseManifestWithYaml` would return; null
 * for any text outside the subset below, which the caller then gives to the
 * library. Nothing is guessed: a text is taken only when every line is one of
 * - a `#` comment or a blank line before the first entry, a blank line
 *   (spaces only) between keys;
 * - `- name: S` at column 0, then `  props:`, then one or more props, each
 *   `    - name: S` and then any of `      value: V`, `      description: S`
 *   or a `>`/`|` block, `      valid_values: [L]`, `      default: S` (a key
 *   written twice must be valid, and the first one counts, as in the
 *   library's `get`);
 * - a block's content lines, all at one indent deeper than its key (a `|`
 *   block's lines may go deeper), blank lines in it no longer than that
 *   indent;
 * - under an empty `value:`, a structure deeper than its key: block
 *   mappings of word keys and block sequences (`- key: …` items included)
 *   whose leaves are single-line scalars or bare holes;
 *
 * where S is one scalar on its line: plain text that cannot start or end an
 * indicator (no leading `-?:,[]{}#&*!|>'"%@` or backtick, no `: `, ` #` or
 * trailing `:`), read by YAML's core schema as a string, null or boolean;
 * `"…"` without `"` or `\` inside; or `'…'` (quotes doubled). V is an S, a
 * plain number, a bare `{{ x }}`, or nothing. L is `'…'` items separated by
 * commas. The text holds no tab, no CR and no character YAML or JavaScript
 * treats specially (control characters, non-ASCII line and space
 * separators, BOM).
 *
 * The one problem it reports is the library path's for an entry whose
 * `  props:` has nothing under it before the next entry or the end: YAML
 * reads that as null (github `markdown/rendered_markdown_raw`).
 */
export function readManifestLayout(text: string, requiredByMethods: ReadonlySet<string>): { props: IRManifestProp[]; problems: ManifestProblem[] } | null {
  if (!PLAIN_CHARACTERS.test(text)) return null;
  const lines = text.split('\n');
  let at = 0;
  while (at < lines.length && (BLANK.test(lines[at] as string) || (lines[at] as string).startsWith('#'))) at += 1;
  const props: IRManifestProp[] = [];
  const problems: ManifestProblem[] = [];
  let entries = 0;
  for (;;) {
    at = skipBlank(lines, at);
    if (at === lines.length) break;
    const entryLine = at;
    const entry = ENTRY.exec(lines[at] as string);
    // The entry's own name is not read, but it must be a scalar YAML reads without complaint.
    if (entry === null || readScalar(entry[1]) === null) return null;
    at = skipBlank(lines, at + 1);
    if (at === lines.length || !PROPS.test(lines[at] as string)) return null;
    at += 1;
    let count = 0;
    for (;;) {
      at = skipBlank(lines, at);
      const head = at < lines.length ? PROP.exec(lines[at] as string) : null;
      if (head === null) break;
      const read = readProp(lines, at, head[1], requiredByMethods);
      if (read === null) return null;
      props.push(read.prop);
      at = read.next;
      count += 1;
    }
    // With no prop under it, `props:` is null to YAML only if the next entry or the end follows, which the
    // next turn checks. The library path places the problem where the entry's mapping starts, after `- `.
    if (count === 0) problems.push({ code: 'manifest/unexpected-shape', line: entryLine + 1, column: 3, message: EMPTY_PROPS_MESSAGE });
    entries += 1;
  }
  return entries > 0 ? { props, problems } : null;
}

/**
 * Printable characters that neither YAML nor JavaScript's `trim` treats as
 * anything but text: no tab, CR, control, C1, NBSP, non-ASCII space or line
 * separator, BOM or noncharacter, no lone surrogate (the `u` flag).
 */
const PLAIN_CHARACTERS =
  /^[\n\x20-\x7e\u00a1-\u167f\u1681-\u180d\u180f-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;
/**
 * The library path quotes every bare `{{ x }}` that is a whole scalar
 * (`BARE_HOLE_SOURCE`) before YAML reads it. Outside block scalars, such a
 * line is one this reader reads as a hole or rejects (`{` cannot start a
 * plain scalar); inside one, the quoting would change the text, so a block
 * holding such a line is rejected.
 */
const BARE_HOLE_LINE = new RegExp(BARE_HOLE_SOURCE);
/** A bare hole as a whole scalar, without what would break the quotes the library path puts around it. */
const HOLE = /^\{\{[^{}"\\]*\}\}$/;
/** A key of a structure written under `value:`. */
const NESTED_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,99}:(?: (.*))?$/;
const BLANK = /^ *$/;
const ENTRY = /^- name:(?: (.*))?$/;
const PROPS = /^ {2}props: *$/;
const PROP = /^ {4}- name:(?: (.*))?$/;
const PROP_KEY = /^ {6}(value|description|valid_values|default):(?: (.*))?$/;
/** The indent of a prop's keys: a block's content must be deeper. */
const KEY_INDENT = 6;
const BLOCK_HEADER = /^([>|])[-+]?$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const DOUBLE_QUOTED = /^"([^"\\]*)"$/;
const FLOW_SEQUENCE = /^\[ *(?:'(?:[^']|'')*' *(?:, *'(?:[^']|'')*' *)*)?\]$/;
const FLOW_ITEM = /'((?:[^']|'')*)'/g;
/** Characters a plain scalar may not start with: indicators (or, for `-?:`, possible ones). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** YAML 1.2 core schema (the library's default), as the library writes it: null, booleans, numbers. */
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

type PropKey = 'value' | 'description' | 'valid_values' | 'default';

/** One scalar on its line, as the library reads it. */
interface Scalar {
  /** The scalar's source text (quotes included). */
  written: string;
  quoted: boolean;
  resolved: 'string' | 'null' | 'boolean' | 'number';
  /**
   * `String(value)` as the library path's `scalarText` gives it (null for
   * null); undefined for a number, whose text only the library can say.
   */
  text: string | null | undefined;
}

function readProp(lines: readonly string[], at: number, nameWritten: string | undefined, requiredByMethods: ReadonlySet<string>): { prop: IRManifestProp; next: number } | null {
  const nameScalar = readScalar(nameWritten);
  const name = nameScalar?.text;
  // A prop without a name is a problem the library path reports.
  if (typeof name !== 'string' || name === '') return null;
  const written = new Map<PropKey, string>();
  let blockDescription: string | null = null;
  let nestedValue: { text: string; type: string } | null = null;
  let next = at + 1;
  for (;;) {
    next = skipBlank(lines, next);
    const key = next < lines.length ? PROP_KEY.exec(lines[next] as string) : null;
    if (key === null) break;
    const field = key[1] as PropKey;
    const rest = trimSpaces(key[2]);
    // A key written twice is no error (the library path reads with `uniqueKeys: false`), and `get` finds its first pair: the later one need only be valid.
    const repeated = written.has(field);
    if (!repeated) written.set(field, rest);
    next += 1;
    const header = field === 'description' ? BLOCK_HEADER.exec(rest) : null;
    if (header !== null) {
      const block = readBlock(lines, next, header[1] === '>');
      if (block === null) return null;
      if (!repeated) blockDescription = block.text;
      next = block.next;
    } else if (field === 'value' && rest === '' && deeperThan(lines, next, KEY_INDENT)) {
      const nested = readNestedNode(lines, next, KEY_INDENT);
      if (nested === null) return null;
      if (!repeated) nestedValue = { text: nested.text, type: nested.kind };
      next = nested.next;
    } else if (repeated && !(field === 'value' && HOLE.test(rest)) && !(field === 'valid_values' && rest.startsWith('[') ? FLOW_SEQUENCE.test(rest) : readScalar(rest) !== null)) {
      return null;
    }
  }

  const defaultWritten = written.get('default');
  let defaultText: string | null = null;
  if (defaultWritten !== undefined) {
    const scalar = readScalar(defaultWritten);
    if (scalar === null || scalar.text === undefined) return null;
    defaultText = scalar.text;
  }

  let description = '';
  if (blockDescription !== null) {
    description = blockDescription.trim();
  } else if (written.has('description')) {
    const scalar = readScalar(written.get('description'));
    if (scalar === null || scalar.text === undefined) return null;
    description = (scalar.text ?? '').trim();
  }

  let validValues: string[] | null = null;
  const validWritten = written.get('valid_values');
  if (validWritten !== undefined) {
    if (validWritten.startsWith('[')) {
      if (!FLOW_SEQUENCE.test(validWritten)) return null;
      validValues = [...validWritten.matchAll(FLOW_ITEM)].map((match) => (match[1] as string).replaceAll("''", "'"));
    } else if (readScalar(validWritten) === null) {
      return null;
    }
  }

  let type: string | null = null;
  let value = '';
  const valueWritten = written.get('value');
  if (nestedValue !== null) {
    value = nestedValue.text;
    type = nestedValue.type;
  } else if (valueWritten !== undefined) {
    if (valueWritten === '') {
      // Nothing under it: YAML's null, written as nothing.
    } else if (HOLE.test(valueWritten)) {
      value = valueWritten;
      type = bareHoleType(defaultText);
    } else {
      const scalar = readScalar(valueWritten);
      if (scalar === null) return null;
      value = scalar.written;
      type = scalar.quoted ? 'string' : valueType(scalar);
    }
  }
  const required = isRequiredProp(name, description, requiredByMethods);
  return { prop: { name, type, value, description, validValues, default: defaultText, required }, next };
}

/** The type `value:` gives a plain scalar. */
function valueType(scalar: Scalar): string | null {
  switch (scalar.resolved) {
    case 'null':
      return null;
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return typeWordOf(scalar.written) ?? 'string';
  }
}

/**
 * A single-line scalar (the text after `key: `, spaces trimmed), or null
 * where it is outside the subset. Empty is a plain null.
 */
function readScalar(raw: string | undefined): Scalar | null {
  const written = trimSpaces(raw);
  const double = DOUBLE_QUOTED.exec(written);
  if (double !== null) return { written, quoted: true, resolved: 'string', text: double[1] as string };
  const single = SINGLE_QUOTED.exec(written);
  if (single !== null) return { written, quoted: true, resolved: 'string', text: (single[1] as string).replaceAll("''", "'") };
  if (INDICATOR_START.test(written) || written.includes(': ') || written.includes(' #') || written.endsWith(':')) return null;
  if (CORE_NULL.test(written)) return { written, quoted: false, resolved: 'null', text: null };
  if (CORE_BOOLEAN.test(written)) return { written, quoted: false, resolved: 'boolean', text: written[0] === 't' || written[0] === 'T' ? 'true' : 'false' };
  if (CORE_NUMBER.test(written)) return { written, quoted: false, resolved: 'number', text: undefined };
  return { written, quoted: false, resolved: 'string', text: written };
}

/**
 * The text of the block scalar whose content starts at `start`, up to its
 * last content line, and the line after it; null where it is outside the
 * subset. Leading and trailing line breaks (chomping included) are left
 * out: the only block the subset takes is a description, which is trimmed.
 * Content lines sit at the first content line's indent, which must be
 * deeper than the key's; a literal (`|`) block's lines may sit deeper (and
 * keep the extra spaces), a folded (`>`) block's may not (YAML would not
 * fold them). Blank lines in the block are no longer than its indent.
 */
function readBlock(lines: readonly string[], start: number, folded: boolean): { text: string; next: number } | null {
  const first = skipBlank(lines, start);
  if (first === lines.length) return null;
  const indent = indentOf(lines[first] as string);
  if (indent <= KEY_INDENT) return null;
  for (let index = start; index < first; index += 1) if ((lines[index] as string).length > indent) return null;
  if ((lines[first] as string).includes('{{') && BARE_HOLE_LINE.test(lines[first] as string)) return null;
  let text = (lines[first] as string).slice(indent);
  let emptyRun = 0;
  let index = first + 1;
  for (; index < lines.length; index += 1) {
    const line = lines[index] as string;
    if (BLANK.test(line)) {
      if (line.length > indent) return null;
      emptyRun += 1;
      continue;
    }
    const lineIndent = indentOf(line);
    if (lineIndent < indent) break;
    if (folded && lineIndent > indent) return null;
    if (line.includes('{{') && BARE_HOLE_LINE.test(line)) return null;
    // Folding: one line break between two lines becomes a space; each empty line between them, a line break.
    text += (folded ? (emptyRun === 0 ? ' ' : '\n'.repeat(emptyRun)) : '\n'.repeat(emptyRun + 1)) + line.slice(indent);
    emptyRun = 0;
  }
  return { text, next: index };
}

/**
 * A structure written under `value:` (block mappings and sequences whose
 * keys are words and whose leaves are single-line scalars or bare holes),
 * starting at the first non-blank line from `at`, deeper than
 * `parentIndent`: its kind, its text from its first character to the end of
 * its last line (what the library path takes from the node's range), and
 * the line after it; null outside that subset.
 */
function readNestedNode(lines: readonly string[], at: number, parentIndent: number): { kind: 'object' | 'array'; text: string; next: number } | null {
  const first = skipBlank(lines, at);
  if (first === lines.length) return null;
  const line = lines[first] as string;
  const indent = indentOf(line);
  if (indent <= parentIndent) return null;
  const content = line.slice(indent);
  const isSequence = content === '-' || content.startsWith('- ');
  const next = isSequence ? readSequence(lines, first, indent) : readMapping(lines, first, indent, content);
  if (next === null) return null;
  let last = next - 1;
  while (BLANK.test(lines[last] as string)) last -= 1;
  return { kind: isSequence ? 'array' : 'object', text: lines.slice(first, last + 1).join('\n').slice(indent).trimEnd(), next };
}

/** The line after the block sequence whose `- ` items sit at `indent` from line `at`, or null. */
function readSequence(lines: readonly string[], at: number, indent: number): number | null {
  let index: number | null = at;
  for (;;) {
    const line = lines[index] as string;
    const content = line.slice(indent);
    if (content === '-') {
      index = readNestedOrNothing(lines, index + 1, indent);
    } else if (content.startsWith('- ') && content.charCodeAt(2) !== 0x20) {
      const item = content.slice(2);
      if (NESTED_KEY.test(item)) index = readMapping(lines, index, indent + 2, item);
      else index = nestedHole(item) || readScalar(item) !== null ? index + 1 : null;
    } else {
      return null;
    }
    if (index === null) return null;
    const after = skipBlank(lines, index);
    if (after === lines.length || indentOf(lines[after] as string) < indent) return index;
    if (indentOf(lines[after] as string) > indent) return null;
    index = after;
  }
}

/**
 * The line after the block mapping whose keys sit at `indent` from line
 * `at`, or null; `firstContent` is the first line's text from `indent` on
 * (after `- ` where the mapping is a sequence item).
 */
function readMapping(lines: readonly string[], at: number, indent: number, firstContent: string): number | null {
  let index: number | null = at;
  let content = firstContent;
  for (;;) {
    const key = NESTED_KEY.exec(content);
    if (key === null) return null;
    const rest = trimSpaces(key[1]);
    if (rest === '') index = readNestedOrNothing(lines, index + 1, indent);
    else index = nestedHole(key[1] ?? '') || readScalar(rest) !== null ? index + 1 : null;
    if (index === null) return null;
    const after = skipBlank(lines, index);
    if (after === lines.length || indentOf(lines[after] as string) < indent) return index;
    if (indentOf(lines[after] as string) > indent) return null;
    index = after;
    content = (lines[after] as string).slice(indent);
  }
}

/**
 * A bare hole as a leaf of a nested structure, as written after `- ` or
 * `key:`. Not with spaces after it: the library path's rewrite drops them,
 * and the structure's text, which keeps its lines as written, would differ.
 */
function nestedHole(written: string): boolean {
  const hole = written.trimStart();
  return hole.length > 0 && hole.charCodeAt(hole.length - 1) !== 0x20 && HOLE.test(hole);
}

/** After a key or `-` with nothing on its line: the structure deeper than `indent` under it, or nothing (YAML's null). */
function readNestedOrNothing(lines: readonly string[], at: number, indent: number): number | null {
  if (!deeperThan(lines, at, indent)) return at;
  return readNestedNode(lines, at, indent)?.next ?? null;
}

/** Whether the first non-blank line from `at` is indented deeper than `indent`. */
function deeperThan(lines: readonly string[], at: number, indent: number): boolean {
  const first = skipBlank(lines, at);
  return first < lines.length && indentOf(lines[first] as string) > indent;
}

function skipBlank(lines: readonly string[], at: number): number {
  let index = at;
  while (index < lines.length && BLANK.test(lines[index] as string)) index += 1;
  return index;
}

function indentOf(line: string): number {
  let indent = 0;
  while (line.charCodeAt(indent) === 0x20) indent += 1;
  return indent;
}

/** Without leading and trailing spaces (the only blank the subset has): what YAML drops around a scalar. */
function trimSpaces(raw: string | undefined): string {
  if (raw === undefined) return '';
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) === 0x20) start += 1;
  while (end > start && raw.charCodeAt(end - 1) === 0x20) end -= 1;
  return raw.slice(start, end);
}
