/**
 * `stackql-codegen.config.json`: the settings `generate`, `check` and
 * `watch` share. Every key is optional; command-line flags override it;
 * relative paths in it are relative to the file's own directory.
 *
 * ```json
 * {
 *   "docs": "docs",
 *   "out": "generated",
 *   "packageName": "@acme/okta-client",
 *   "packageVersion": "1.2.0",
 *   "templates": "templates/overrides",
 *   "defaults": { "subdomain": "acme" },
 *   "cache": ".stackql-codegen-cache"
 * }
 * ```
 *
 * `cache` is a directory, or `false` to parse every page afresh.
 */
import { access, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Node as YamlNode } from 'yaml';
import type { Diagnostic } from './diagnostics.js';

export const CONFIG_FILE_NAME = 'stackql-codegen.config.json';
export const DEFAULT_CACHE_DIR = '.stackql-codegen-cache';

/** The settings after config file and flags are merged; paths absolute. */
export interface CodegenConfig {
  docs: string;
  out: string;
  /** Null: the emitter's default (`@stackql-codegen/<provider>`). */
  packageName: string | null;
  packageVersion: string;
  templates: string | null;
  defaults: Record<string, string>;
  /** Null: no cache. */
  cache: string | null;
}

/** What a config file or the flags may set; absent keys leave the default. */
export type ConfigSettings = Partial<CodegenConfig>;

type KeyRule = { type: 'string' } | { type: 'string-map' } | { type: 'string-or-false' };

const RULES: Record<keyof CodegenConfig, KeyRule> = {
  docs: { type: 'string' },
  out: { type: 'string' },
  packageName: { type: 'string' },
  packageVersion: { type: 'string' },
  templates: { type: 'string' },
  defaults: { type: 'string-map' },
  cache: { type: 'string-or-false' },
};

const PATH_KEYS = new Set<keyof CodegenConfig>(['docs', 'out', 'templates', 'cache']);

export function defaultConfig(cwd: string): CodegenConfig {
  return {
    docs: resolve(cwd, 'docs'),
    out: resolve(cwd, 'generated'),
    packageName: null,
    packageVersion: '0.1.0',
    templates: null,
    defaults: {},
    cache: resolve(cwd, DEFAULT_CACHE_DIR),
  };
}

/**
 * Reads and validates a config file. `displayPath` is how diagnostics name
 * it. Paths come back absolute, resolved against the file's directory.
 */
export async function loadConfigFile(file: string, displayPath: string): Promise<{ settings: ConfigSettings; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { settings: {}, diagnostics: [configError(displayPath, 1, 1, 'config/unreadable', `cannot read the config file: ${(error as Error).message}`)] };
  }
  return parseConfigText(text, displayPath, dirname(file));
}

export function parseConfigText(text: string, displayPath: string, baseDir: string): { settings: ConfigSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const { line, column } = lineAndColumn(text, position ? Number(position[1]) : 0);
    return { settings: {}, diagnostics: [configError(displayPath, line, column, 'config/invalid-json', `not valid JSON: ${message}`)] };
  }
  // JSON is YAML, and the YAML parser keeps each node's offset: that locates every error.
  // Loaded here, not at start-up: most runs have no config file, and the parser takes ~50 ms to load.
  const { LineCounter, parseDocument, isMap, isScalar } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const at = (node: YamlNode | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const root = document.contents;
  if (!isMap(root)) {
    const { line, column } = at(root);
    return { settings: {}, diagnostics: [configError(displayPath, line, column, 'config/not-an-object', 'the config must be a JSON object')] };
  }
  const settings: Record<string, unknown> = {};
  for (const pair of root.items) {
    const keyNode = isScalar(pair.key) ? pair.key : null;
    const key = String(keyNode?.value ?? '');
    const valueNode = pair.value as YamlNode | null;
    const where = at(keyNode);
    if (!Object.hasOwn(RULES, key)) {
      diagnostics.push(configError(displayPath, where.line, where.column, 'config/unknown-key', `unknown key '${key}' (known keys: ${Object.keys(RULES).join(', ')})`));
      continue;
    }
    const name = key as keyof CodegenConfig;
    const rule = RULES[name];
    const value: unknown = valueNode === null ? null : (valueNode as { toJSON?: () => unknown }).toJSON?.() ?? null;
    const valueAt = at(valueNode);
    const wrong = (expected: string) =>
      diagnostics.push(configError(displayPath, valueAt.line, valueAt.column, 'config/wrong-type', `'${key}' must be ${expected}, not ${describe(value)}`));
    if (rule.type === 'string' || (rule.type === 'string-or-false' && value !== false)) {
      if (typeof value !== 'string' || value === '') wrong(rule.type === 'string' ? 'a non-empty string' : 'a non-empty string or false');
      else settings[name] = PATH_KEYS.has(name) ? resolve(baseDir, value) : value;
    } else if (rule.type === 'string-or-false') {
      settings[name] = null;
    } else if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      wrong('an object of strings');
    } else {
      const map: Record<string, string> = {};
      for (const [entryKey, entryValue] of Object.entries(value)) {
        if (typeof entryValue !== 'string') {
          diagnostics.push(configError(displayPath, valueAt.line, valueAt.column, 'config/wrong-type', `'${key}.${entryKey}' must be a string, not ${describe(entryValue)}`));
        } else map[entryKey] = entryValue;
      }
      settings[name] = map;
    }
  }
  return { settings: settings as ConfigSettings, diagnostics };
}

/** Later settings win: defaults, then the config file, then the flags. */
export function mergeConfig(base: CodegenConfig, ...layers: ConfigSettings[]): CodegenConfig {
  const merged: CodegenConfig = { ...base, defaults: { ...base.defaults } };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      if (key === 'defaults') merged.defaults = { ...merged.defaults, ...(value as Record<string, string>) };
      else (merged as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function configError(path: string, line: number, column: number, code: string, message: string): Diagnostic {
  return { path, line, column, severity: 'error', code, message };
}

/** Flags shared by `generate`, `check` and `watch` (for `node:util` `parseArgs`). */
export const CONFIG_FLAGS = {
  docs: { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string' },
  templates: { type: 'string' },
  'package-name': { type: 'string' },
  'package-version': { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CONFIG_FLAGS_HELP = `  --docs <dir>              docs tree to read (default: docs)
  --out <dir>               out dir (default: generated)
  --config <file>           config file (default: ${CONFIG_FILE_NAME} in the current directory, if present)
  --templates <dir>         templates overriding the built-in ones by file name
  --package-name <name>     the generated package's name (default: @stackql-codegen/<provider>)
  --package-version <ver>   the generated package's version (default: 0.1.0)
  --cache-dir <dir>         per-page parse cache (default: ${DEFAULT_CACHE_DIR})
  --no-cache                parse every page afresh
  -h, --help                this help`;

export interface ConfigFlagValues {
  docs?: string | undefined;
  out?: string | undefined;
  config?: string | undefined;
  templates?: string | undefined;
  'package-name'?: string | undefined;
  'package-version'?: string | undefined;
  'cache-dir'?: string | undefined;
  'no-cache'?: boolean | undefined;
}

/**
 * Defaults, then the config file (`--config`, else `stackql-codegen.config.json`
 * in `cwd` when it exists), then the flags. Flag paths are relative to `cwd`.
 */
export async function resolveConfig(flags: ConfigFlagValues, cwd: string): Promise<{ config: CodegenConfig; diagnostics: Diagnostic[] }> {
  let fileSettings: ConfigSettings = {};
  const diagnostics: Diagnostic[] = [];
  const explicit = flags.config !== undefined;
  const file = resolve(cwd, flags.config ?? CONFIG_FILE_NAME);
  if (explicit || (await exists(file))) {
    const loaded = await loadConfigFile(file, flags.config ?? CONFIG_FILE_NAME);
    fileSettings = loaded.settings;
    diagnostics.push(...loaded.diagnostics);
  }
  const flagSettings: ConfigSettings = {
    docs: flags.docs === undefined ? undefined : resolve(cwd, flags.docs),
    out: flags.out === undefined ? undefined : resolve(cwd, flags.out),
    templates: flags.templates === undefined ? undefined : resolve(cwd, flags.templates),
    packageName: flags['package-name'],
    packageVersion: flags['package-version'],
    cache: flags['no-cache'] ? null : flags['cache-dir'] === undefined ? undefined : resolve(cwd, flags['cache-dir']),
  };
  return { config: mergeConfig(defaultConfig(cwd), fileSettings, flagSettings), diagnostics };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
