/**
 * Names for generated code, made from names as the docs write them:
 * `list_oauth2_resource_server_json_web_keys`, `x5t#S256`, `@odata.type`,
 * `OktaAccessGateway-Agent`, `false`, `delete`, names that differ only in case.
 *
 * Every function here is total: any string (empty included) yields a valid
 * result, so bad input from the docs can never break the generated code.
 */

/** Words TypeScript reserves, or that are unsafe as binding or member names in generated code. */
const RESERVED = new Set([
  // ECMAScript reserved words and literals
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'await',
  // strict-mode and TypeScript reserved
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static',
  'any', 'boolean', 'number', 'string', 'symbol', 'never', 'unknown', 'object', 'undefined', 'bigint',
  'type', 'as', 'is', 'keyof', 'infer', 'readonly', 'declare', 'namespace', 'module', 'abstract',
  'arguments', 'eval', 'require', 'of', 'async', 'get', 'set', 'constructor', 'prototype', '__proto__',
  // members every object already has, which a generated member must not shadow
  'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString',
  'then',
]);

/**
 * Splits a doc name into words: at punctuation, and at lower→upper and
 * letter↔digit boundaries as far as camelCase needs (`lastUpdated` → `last`,
 * `Updated`; `x5t#S256` → `x5t`, `S256`).
 */
export function words(name: string): string[] {
  // Both boundaries need an upper-case letter: most doc names (`list_repos`) have none.
  const spaced = /[A-Z]/.test(name)
    ? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    : name;
  return spaced.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function makeSafe(identifier: string): string {
  let safe = identifier === '' ? '_' : identifier;
  if (/^[0-9]/.test(safe)) safe = `_${safe}`;
  if (RESERVED.has(safe)) safe = `${safe}_`;
  return safe;
}

const camelCache = new Map<string, string>();
const pascalCache = new Map<string, string>();

/** `list_oauth2_resource_server_json_web_keys` → `listOauth2ResourceServerJsonWebKeys`; always a safe identifier. */
export function camelCase(name: string): string {
  // The same doc names recur across pages and emits (watch mode): split each once.
  let cached = camelCache.get(name);
  if (cached === undefined) {
    cached = camelCaseOf(name);
    if (camelCache.size > 50_000) camelCache.clear();
    camelCache.set(name, cached);
  }
  return cached;
}

function camelCaseOf(name: string): string {
  const parts = words(name);
  const joined = parts.map((word, index) => (index === 0 ? word.toLowerCase() : capitalise(word))).join('');
  return makeSafe(joined);
}

/** `oauth2_resource_server_jwks` → `Oauth2ResourceServerJwks`; always a safe identifier. */
export function pascalCase(name: string): string {
  let cached = pascalCache.get(name);
  if (cached === undefined) {
    cached = makeSafe(words(name).map(capitalise).join(''));
    if (pascalCache.size > 50_000) pascalCache.clear();
    pascalCache.set(name, cached);
  }
  return cached;
}

/**
 * Hands out names that are unique within one scope (a module's bindings, an
 * object's members, a directory's files). Callers must ask in a deterministic
 * order; the first asker keeps the plain name, later ones get `_2`, `_3`, ….
 * `caseInsensitive` is for file names, which collide on macOS and Windows.
 */
export class NameScope {
  private readonly taken = new Set<string>();

  constructor(
    private readonly caseInsensitive = false,
    reserved: Iterable<string> = [],
  ) {
    for (const name of reserved) this.taken.add(this.key(name));
  }

  private key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  claim(wanted: string): string {
    let candidate = wanted;
    for (let suffix = 2; this.taken.has(this.key(candidate)); suffix++) candidate = `${wanted}_${suffix}`;
    this.taken.add(this.key(candidate));
    return candidate;
  }
}

/** Device names Windows refuses as file names, with or without an extension. */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * One path segment that is safe on every file system: no separators, no
 * `.`/`..`, no device names, only `[A-Za-z0-9_-]`. Names stay readable
 * (`oauth2_resource_server_jwks` is kept as is); collisions are the caller's
 * {@link NameScope}'s business.
 */
export function fileSegment(name: string): string {
  // A leading `-` reads as an option to many tools; a name of only `_`/`-` says nothing.
  let safe = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^-+/, '');
  if (!/[A-Za-z0-9]/.test(safe)) safe = 'unnamed';
  if (WINDOWS_DEVICES.test(safe)) safe = `${safe}_`;
  return safe;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A property key exactly as the docs name the column: bare where it is an
 * identifier, else a JSON string (`"x5t#S256"`, `"@odata.type"`). `__proto__`
 * is always computed (`["__proto__"]`) because in an object literal even the
 * quoted form would set the prototype instead of a property.
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** The same key in a type literal, where `__proto__` is an ordinary (quoted) member. */
export function typePropertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== '__proto__' ? name : JSON.stringify(name);
}

/**
 * Doc text made safe for a TSDoc block: nothing can close the comment
 * (`*\/`), start a nested one, or be read as a TSDoc tag; line breaks and
 * `<br />` become comment lines. Returns the lines without ` * ` prefixes.
 * The array is shared by every caller asking for the same text (descriptions
 * repeat across methods: params, list/get fields), so it is read-only.
 */
const docLinesCache = new Map<string, readonly string[]>();

export function docLines(text: string): readonly string[] {
  let lines = docLinesCache.get(text);
  if (lines === undefined) {
    lines = cleanDocLines(text);
    if (docLinesCache.size > 50_000) docLinesCache.clear();
    docLinesCache.set(text, lines);
  }
  return lines;
}

const docTextCache = new Map<string, string>();

/** {@link docLines} on one line (joined by spaces), for titles and one-line comments. */
export function docText(text: string): string {
  let joined = docTextCache.get(text);
  if (joined === undefined) {
    joined = docLines(text).join(' ');
    if (docTextCache.size > 50_000) docTextCache.clear();
    docTextCache.set(text, joined);
  }
  return joined;
}

/** Characters that make {@link cleanDocLines} rewrite anything besides trailing space. */
const NEEDS_CLEANING = /[\r\n<*/@\u2028\u2029]/;

function cleanDocLines(text: string): string[] {
  // Most descriptions are one plain line: skip the six rewrites and the split for them.
  if (!NEEDS_CLEANING.test(text)) {
    const line = text.trimEnd();
    return line === '' ? [] : [line];
  }
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/\*\//g, '*\u200b/')
    .replace(/\/\*/g, '/\u200b*')
    .replace(/@/g, '\\@')
    .replace(/[\u2028\u2029]/g, '\n');
  // trimEnd drops exactly what `\s+$` matches (white space and line terminators), without a regex scan.
  const lines = cleaned.split('\n').map((line) => line.trimEnd());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
