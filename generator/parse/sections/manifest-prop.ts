/**
 * The rules that turn what a manifest prop says into an `IRManifestProp`,
 * shared by both readers of the manifest (the layout reader and the YAML
 * library path) so that they cannot drift apart.
 */

/**
 * A bare `{{ x }}` that is a whole scalar: after `key: `, `- `, or both.
 * Newer pages write `value: {{ private }}` for a number, boolean or
 * structure, which YAML would read as a nested flow map.
 */
/** What both manifest readers report for an entry whose `props:` is empty (null to YAML). */
export const EMPTY_PROPS_MESSAGE = 'a manifest entry whose `props` list is empty';

export const BARE_HOLE_SOURCE = String.raw`^([ \t]*(?:-[ \t]+)?(?:[^\s#'"{][^:#\n]*:[ \t]+)?)(\{\{[^{}\n]*\}\})[ \t]*$`;

const TYPE_WORDS = new Set(['string', 'boolean', 'number', 'integer', 'object', 'array']);

/** The type word a plain `value:` starts with (`integer (int32)` → `integer`), else null. */
export function typeWordOf(plain: string): string | null {
  const word = /^([a-z]+)(\s*\(.*\))?$/.exec(plain.trim())?.[1];
  return word !== undefined && TYPE_WORDS.has(word) ? word : null;
}

/** The type of a bare `{{ x }}` value: the type of its `default:` where it has one. */
export function bareHoleType(defaultText: string | null): string | null {
  if (defaultText === 'true' || defaultText === 'false') return 'boolean';
  if (defaultText !== null && defaultText !== '' && Number.isFinite(Number(defaultText))) return 'number';
  return null;
}

/** "Required parameter for the … resource", or a body property an INSERT method requires. */
export function isRequiredProp(name: string, description: string, requiredByMethods: ReadonlySet<string>): boolean {
  return /^Required parameter for the .+ resource\.?$/.test(description) || requiredByMethods.has(name);
}
