/**
 * Loads and compiles the Handlebars templates once per process, and the
 * runtime sources copied verbatim into generated packages. Templates only
 * format: their helpers below turn prepared lines into comment blocks and
 * nothing else.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The built-in templates directory: `templates/` at the package root, which
 * is two levels up from `generator/emit/` when run from source and three
 * from `dist/generator/emit/` when built.
 */
let builtinDir: string | null = null;

export function builtinTemplatesDir(): string {
  if (builtinDir !== null) return builtinDir;
  for (const candidate of [join(here, '..', '..', 'templates'), join(here, '..', '..', '..', 'templates')]) {
    if (existsSync(join(candidate, 'resource.ts.hbs'))) return (builtinDir = candidate);
  }
  throw new Error(`stackql-codegen: built-in templates not found near ${here}`);
}

const handlebars = Handlebars.create();

/** ` * line` per doc line at `indent`, each ended by a newline; nothing for no lines. */
function tsdocBody(lines: unknown, indent: unknown): string {
  if (!Array.isArray(lines)) return '';
  const pad = typeof indent === 'string' ? indent : '';
  return lines.map((line) => (line === '' ? `${pad}*\n` : `${pad}* ${String(line)}\n`)).join('');
}

handlebars.registerHelper('tsdocBody', (lines: unknown, indent: unknown) => tsdocBody(lines, indent));
handlebars.registerHelper('tsdoc', (lines: unknown, indent: unknown) => {
  if (!Array.isArray(lines) || lines.length === 0) return '';
  const pad = typeof indent === 'string' ? indent : '';
  if (lines.length === 1) return `${pad}/** ${String(lines[0])} */\n`;
  return `${pad}/**\n${tsdocBody(lines, `${pad} `)}${pad} */\n`;
});

export type Render = (view: object) => string;
const compiled = new Map<string, Render>();
const resolved = new Map<string, string>();

/** The template file `name` from `overridesDir` where it has one, else the built-in one; compiled once per path. */
export function template(name: string, overridesDir: string | null): Render {
  const key = `${overridesDir ?? ''}\0${name}`;
  let path = resolved.get(key);
  if (path === undefined) {
    path = overridesDir !== null && existsSync(join(overridesDir, name)) ? join(overridesDir, name) : join(builtinTemplatesDir(), name);
    resolved.set(key, path);
  }
  let render = compiled.get(path);
  if (!render) {
    const source = readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
    const compiledTemplate = handlebars.compile(source, { noEscape: true });
    render = (view) => compiledTemplate(view);
    compiled.set(path, render);
  }
  return render;
}

let runtimeCache: Array<{ path: string; contents: string }> | null = null;

/** `templates/runtime/**\/*.ts`, paths relative to it (POSIX), sorted; read once per process. */
export function runtimeSources(): ReadonlyArray<{ path: string; contents: string }> {
  if (runtimeCache) return runtimeCache;
  const root = join(builtinTemplatesDir(), 'runtime');
  const files: Array<{ path: string; contents: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) {
        files.push({ path: relative(root, full).split(sep).join('/'), contents: readFileSync(full, 'utf8').replace(/\r\n?/g, '\n') });
      }
    }
  };
  if (existsSync(root)) walk(root);
  runtimeCache = files;
  return files;
}
