import type { Document, Node as YamlNode, YAMLError, YAMLMap } from 'yaml';
import type { IRManifestProp } from '../../ir/types.js';
import { yamlLibrary as yaml } from '../yaml-library.js';
import { BARE_HOLE_SOURCE, bareHoleType, EMPTY_PROPS_MESSAGE, isRequiredProp, typeWordOf } from './manifest-prop.js';
import { reindentBlockScalars, UNINDENTED_BLOCK_MESSAGE } from './manifest-repair.js';

/**
 * The manifest read with the YAML library: the reference reader, used for
 * every manifest the layout reader (`manifest-layout.ts`) does not take, and
 * the only one that reports problems.
 */

export interface ManifestProblem {
  code: 'manifest/invalid-yaml' | 'manifest/unindented-block' | 'manifest/unexpected-shape';
  /** 1-based, within the YAML text. */
  line: number;
  column: number;
  message: string;
}

/** Marks a bare `{{ x }}` that was quoted so YAML reads it as one scalar. */
const BARE_MARK = '\u0000bare\u0000';
const BARE_HOLE = new RegExp(BARE_HOLE_SOURCE, 'gm');
const MARKED_HOLE = new RegExp(`"${BARE_MARK}(\\{\\{[^{}\\n]*\\}\\})"`, 'g');

/**
 * The props of a manifest's YAML text, and what is wrong with it. Pure;
 * `requiredByMethods` holds the body properties INSERT methods require
 * (without `data__`).
 */
export function parseManifestWithYaml(yamlText: string, requiredByMethods: ReadonlySet<string> = new Set()): { props: IRManifestProp[]; problems: ManifestProblem[] } {
  const { isMap, isScalar, isSeq } = yaml();
  const problems: ManifestProblem[] = [];
  // Both rewrites find nothing without their markers (`{{`, BARE_MARK), which most manifests (okta's: all) never hold: skip their scans.
  let text = yamlText.includes('{{') ? yamlText.replace(BARE_HOLE, (_match, prefix: string, hole: string) => `${prefix}"${BARE_MARK}${hole}"`) : yamlText;
  const unmark = (written: string) => (written.includes(BARE_MARK) ? written.replace(MARKED_HOLE, '$1') : written);
  const read = readYaml(text);
  if (!read.ok) {
    problems.push(read.problem);
    return { props: [], problems };
  }
  const document = read.document;
  if (read.repairedFrom !== null) {
    // Same line count, so positions found in the repaired text hold for the written one.
    problems.push({
      code: 'manifest/unindented-block',
      line: read.repairedFrom,
      column: 1,
      message: UNINDENTED_BLOCK_MESSAGE,
    });
    text = read.text;
  }

  const at = (node: YamlNode | null | undefined) => {
    const position = lineAndColumnOf(text, node?.range?.[0] ?? 0);
    return { line: position.line, column: position.col };
  };
  const root = document.contents;
  if (!isSeq(root)) {
    problems.push({ code: 'manifest/unexpected-shape', ...at(root), message: 'the manifest is not a list of `- name: … props: […]` entries' });
    return { props: [], problems };
  }
  const props: IRManifestProp[] = [];
  for (const entry of root.items) {
    const propsNode = isMap(entry) ? (entry.get('props', true) as YamlNode | undefined) : undefined;
    if (!isSeq(propsNode)) {
      const empty = isMap(entry) && entry.has('props') && (propsNode === undefined || (isScalar(propsNode) && propsNode.value === null));
      problems.push({ code: 'manifest/unexpected-shape', ...at(entry as YamlNode), message: empty ? EMPTY_PROPS_MESSAGE : 'a manifest entry without a `props` list' });
      continue;
    }
    for (const propNode of propsNode.items) {
      const name = isMap(propNode) ? scalarText(propNode.get('name', true) as YamlNode | undefined) : null;
      if (!isMap(propNode) || name === null || name === '') {
        problems.push({ code: 'manifest/unexpected-shape', ...at(propNode as YamlNode), message: 'a manifest prop without a `name`' });
        continue;
      }
      props.push(readProp(propNode, name, text, unmark, requiredByMethods));
    }
  }
  return { props, problems };
}

function readProp(prop: YAMLMap, name: string, text: string, unmark: (written: string) => string, requiredByMethods: ReadonlySet<string>): IRManifestProp {
  const { isSeq } = yaml();
  const valueNode = prop.get('value', true) as YamlNode | undefined;
  const written = valueNode?.range ? unmark(text.slice(valueNode.range[0], valueNode.range[1])).trimEnd() : '';
  const description = (scalarText(prop.get('description', true) as YamlNode | undefined) ?? '').trim();
  const validNode = prop.get('valid_values', true) as YamlNode | undefined;
  const validValues = isSeq(validNode) ? validNode.items.map((item) => scalarText(item as YamlNode) ?? '') : null;
  const defaultText = scalarText(prop.get('default', true) as YamlNode | undefined);
  const required = isRequiredProp(name, description, requiredByMethods);
  return { name, type: typeOf(valueNode, defaultText), value: written, description, validValues, default: defaultText, required };
}

/**
 * What `value:` says of the type: a type word as written (`integer (int32)`
 * → `integer`), `string` for a quoted hole, the shape of a block value, the
 * type of a literal; for a bare hole, the type of `default:` where it has
 * one; null otherwise.
 */
function typeOf(value: YamlNode | undefined, defaultText: string | null): string | null {
  const { isMap, isScalar, isSeq } = yaml();
  if (value === undefined) return null;
  if (isSeq(value)) return 'array';
  if (isMap(value)) return 'object';
  if (!isScalar(value)) return null;
  const raw = value.value;
  if (typeof raw === 'string' && raw.startsWith(BARE_MARK)) return bareHoleType(defaultText);
  if (typeof raw === 'boolean') return 'boolean';
  if (typeof raw === 'number') return 'number';
  if (raw === null) return null;
  const textValue = String(raw);
  return (value.type === 'PLAIN' ? typeWordOf(textValue) : null) ?? 'string';
}

const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

type YamlRead = { ok: true; document: Document.Parsed; text: string; repairedFrom: number | null } | { ok: false; problem: ManifestProblem };

/**
 * The manifest's document: the text as written where it is valid YAML,
 * else the text with its unindented block lines indented (see
 * `reindentBlockScalars`) where that is valid, else the written text's
 * first error.
 *
 * Where the repair would change the text and YAML's parser (the stage
 * before composing) already finds an error in the written text, the written
 * text cannot be valid, so the repaired text is composed first: composing a
 * broken manifest costs a full parse plus one error object per follow-on
 * error (okta `users/users`: hundreds), and it is needed only when the
 * repair fails too.
 */
function readYaml(text: string): YamlRead {
  const { parseDocument } = yaml();
  const repair = reindentBlockScalars(text);
  const written = repair.firstLine !== null && parserFindsError(text) ? null : parseDocument(text, YAML_OPTIONS);
  if (written !== null && written.errors.length === 0) return { ok: true, document: written, text, repairedFrom: null };
  if (repair.firstLine !== null) {
    const repaired = parseDocument(repair.text, YAML_OPTIONS);
    if (repaired.errors.length === 0) return { ok: true, document: repaired, text: repair.text, repairedFrom: repair.firstLine };
  }
  // One error is enough to locate the defect; YAML's follow-on errors only repeat it.
  const firstError = (written ?? parseDocument(text, YAML_OPTIONS)).errors[0] as YAMLError;
  const position = firstError.linePos?.[0] ?? lineAndColumnOf(text, firstError.pos[0]);
  return { ok: false, problem: { code: 'manifest/invalid-yaml', line: position.line, column: position.col, message: `the manifest is not valid YAML: ${firstError.message.split('\n', 1)[0]}` } };
}

/** Whether YAML's parser yields an error token for `text`: the composer turns each into a document error, so the text is then certainly not valid. */
function parserFindsError(text: string): boolean {
  for (const token of new (yaml().Parser)().parse(text)) if (token.type === 'error') return true;
  return false;
}

function scalarText(node: YamlNode | null | undefined): string | null {
  if (!yaml().isScalar(node)) return null;
  if (node.value === null || node.value === undefined) return null;
  const value = String(node.value);
  return value.startsWith(BARE_MARK) ? value.slice(BARE_MARK.length) : value;
}

function lineAndColumnOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
