/**
 * Loads and compiles the Handlebars templates once per process, and the
 * runtime sources copied verbatim into generated packages. Templates only
 * format: their helpers below turn prepared lines into comment blocks and
 * nothing else.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layout } from '../layout.js';

/** The built-in templates directory: `templates/` at the package root. */
export function builtinTemplatesDir(): string {
  if (existsSync(join(layout.templatesDir, 'resource.ts.hbs'))) return layout.templatesDir;
  throw new Error(`stackql-codegen: built-in templates not found in ${layout.templatesDir}`);
}

/**
 * Options every template is compiled with, at build time (precompiled) and
 * at run time alike, so both render the same bytes. Naming every helper
 * (Handlebars' own and ours) as the only ones lets the compiler print
 * `{{name}}` as a plain property read, where it otherwise first asks the
 * helper table for `name` and checks for a function: a fifth of the
 * rendering time of a large package.
 */
export const COMPILE_OPTIONS = {
  noEscape: true,
  knownHelpers: { tsdoc: true, tsdocBody: true },
  knownHelpersOnly: true,
} as const;

/** A template's source as it is compiled: line ends normalised, so a CRLF checkout renders the same package. */
export function readTemplateSource(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r\n?/g, '\n');
}

/** In `dist/`: the built-in templates compiled at build time. */
export const PRECOMPILED_TEMPLATES_FILE = 'templates.precompiled.js';

/** The built-in templates compiled at build time ({@link PRECOMPILED_TEMPLATES_FILE}), by file name, each with the source it was compiled from. */
export type PrecompiledTemplates = Readonly<Record<string, { source: string; spec: unknown }>>;

/** The part of a Handlebars environment the templates use; the runtime-only and full builds both have it. */
interface HandlebarsEnvironment {
  registerHelper(name: string, helper: (...args: unknown[]) => unknown): void;
  template(spec: unknown): (view: object) => string;
}
interface HandlebarsCompiler extends HandlebarsEnvironment {
  compile(source: string, options: typeof COMPILE_OPTIONS): (view: object) => string;
}

/** ` * line` per doc line at `indent`, each ended by a newline; nothing for no lines. */
function tsdocBody(lines: unknown, indent: unknown): string {
  if (!Array.isArray(lines)) return '';
  const pad = typeof indent === 'string' ? indent : '';
  return lines.map((line) => (line === '' ? `${pad}*\n` : `${pad}* ${String(line)}\n`)).join('');
}

/** Registers exactly the helpers `COMPILE_OPTIONS.knownHelpers` names. */
function registerHelpers(env: HandlebarsEnvironment): void {
  env.registerHelper('tsdocBody', (lines: unknown, indent: unknown) => tsdocBody(lines, indent));
  env.registerHelper('tsdoc', (lines: unknown, indent: unknown) => {
    if (!Array.isArray(lines) || lines.length === 0) return '';
    const pad = typeof indent === 'string' ? indent : '';
    if (lines.length === 1) return `${pad}/** ${String(lines[0])} */\n`;
    return `${pad}/**\n${tsdocBody(lines, `${pad} `)}${pad} */\n`;
  });
}

const requireCommonJs = createRequire(import.meta.url);

/**
 * The runtime-only build: the full build's compiler (parser, code generator)
 * costs load and compile time that precompiled built-in templates never need.
 * Loaded as the package's single-file bundle of that build
 * (`dist/handlebars.runtime.js`, the same code as `handlebars/runtime`)
 * through `require`: one file to resolve and compile instead of some twenty
 * modules, each with its inline source map, and no pass of the ESM loader's
 * CommonJS export scanner over them. Every process that renders loads it.
 */
const runtime = (requireCommonJs('handlebars/dist/handlebars.runtime.js') as { create(): HandlebarsEnvironment }).create();
registerHelpers(runtime);

let compiler: HandlebarsCompiler | null = null;

/** The full Handlebars build, loaded (synchronously: it is CommonJS) only for templates not precompiled: overrides, or sources edited since the build. */
function runtimeCompiler(): HandlebarsCompiler {
  if (compiler) return compiler;
  const full = requireCommonJs('handlebars') as { create(): HandlebarsCompiler };
  compiler = full.create();
  registerHelpers(compiler);
  return compiler;
}

// Absent when run from source (tests) or before the first build; then every template compiles at run time.
const precompiledPath = layout.distDir === null ? null : join(layout.distDir, PRECOMPILED_TEMPLATES_FILE);
const precompiled: PrecompiledTemplates = precompiledPath !== null && existsSync(precompiledPath)
  ? ((await import(pathToFileURL(precompiledPath).href)) as { templates: PrecompiledTemplates }).templates
  : {};

export type Render = (view: object) => string;
/** Compiled templates by path and source: a source seen before is never compiled twice in a process. */
const compiled = new Map<string, Render>();

/**
 * The templates of one emit run. Each is resolved and read the first time
 * the run asks for it, so every run renders the templates as they are on
 * disk then: `watch` picks up an edited or added override. The template
 * file `name` comes from `overridesDir` where it has one, else the built-in
 * one. A built-in template uses its build-time compilation only while its
 * source still matches the file, so an edit without a rebuild still renders
 * what the file says.
 */
export function templateSet(overridesDir: string | null): (name: string) => Render {
  const loaded = new Map<string, Render>();
  return (name) => {
    let render = loaded.get(name);
    if (render === undefined) {
      render = load(name, overridesDir);
      loaded.set(name, render);
    }
    return render;
  };
}

function load(name: string, overridesDir: string | null): Render {
  const builtin = join(builtinTemplatesDir(), name);
  const path = overridesDir !== null && existsSync(join(overridesDir, name)) ? join(overridesDir, name) : builtin;
  const source = readTemplateSource(path);
  const key = `${path}\0${source}`;
  let render = compiled.get(key);
  if (!render) {
    const built = path === builtin && Object.hasOwn(precompiled, name) ? precompiled[name] : undefined;
    const compiledTemplate = built !== undefined && built.source === source ? runtime.template(built.spec) : runtimeCompiler().compile(source, COMPILE_OPTIONS);
    render = (view) => compiledTemplate(view);
    compiled.set(key, render);
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
