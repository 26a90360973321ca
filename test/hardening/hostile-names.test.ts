/**
 * Hostile names and descriptions, end to end: pages whose fields, params,
 * methods, services and resources are named with quotes, backticks, comment
 * closers, template holes, newlines, unicode, leading digits, reserved words
 * and case twins, and whose descriptions try to run code, go through a real
 * `generate` into a temp dir. The package must type-check (one strict tsc
 * run over all cases), keep every column name exactly, never evaluate doc
 * text, and write nothing outside the out dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocs } from '../../generator/ir/build.js';
import type { IRDocument } from '../../generator/ir/types.js';
import { checkEmittedPath, OWNERSHIP_RECORD } from '../../generator/write/paths.js';
import type { MethodSpec } from '../../templates/runtime/spec.js';
import { ABSOLUTE_SERVICE, HOSTILE_FIELDS, HOSTILE_IDS, HOSTILE_METHODS, HOSTILE_PARAMS, INJECTIONS, hostileTree, refusedTree } from './hostile-cases.js';
import { writeDocs } from './hostile-docs.js';
import { CLI_BIN as CLI } from '../regen/support/cli.js';

const REPO = join(import.meta.dirname, '..', '..');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

function run(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

/** Every file under `dir` (symlinks not followed), POSIX paths relative to it. */
function walk(dir: string, skip: (path: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const visit = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const full = join(current, entry);
      const path = relative(dir, full).split(sep).join('/');
      if (skip(path)) continue;
      if (lstatSync(full).isDirectory()) visit(full);
      else out.push(path);
    }
  };
  visit(dir);
  return out;
}

let work: string;
let docs: string;
let out: string;
let generated: { status: number | null; output: string };
let files: string[];

beforeAll(() => {
  expect(existsSync(ABSOLUTE_SERVICE)).toBe(false);
  work = mkdtempSync(join(tmpdir(), 'hostile-names-'));
  docs = join(work, 'docs');
  out = join(work, 'out');
  mkdirSync(join(work, 'cwd'));
  writeDocs(docs, hostileTree());
  generated = run([CLI, 'generate', '--docs', docs, '--out', out, '--no-cache'], join(work, 'cwd'));
  files = existsSync(out) ? walk(out) : [];
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a real generate over hostile names', () => {
  it('succeeds, and every file it wrote is inside the out dir under a safe, portable path', () => {
    expect(generated.output).not.toMatch(/Error|at .*\.js:\d+/);
    expect(generated.status).toBe(0);
    expect(readdirSync(work).sort()).toEqual(['cwd', 'docs', 'out']);
    expect(readdirSync(join(work, 'cwd'))).toEqual([]);
    expect(existsSync(ABSOLUTE_SERVICE)).toBe(false);
    expect(files.length).toBeGreaterThan(20);
    const lowerCased = new Set<string>();
    for (const path of files) {
      if (path === OWNERSHIP_RECORD) continue;
      expect(checkEmittedPath(path), path).toBeNull();
      // Case twins (services a and A) and device names must not collide on macOS and Windows.
      expect(lowerCased.has(path.toLowerCase()), path).toBe(false);
      lowerCased.add(path.toLowerCase());
      for (const segment of path.split('/')) expect(segment, path).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i);
      expect(path, path).toMatch(/^[A-Za-z0-9_./-]+$/);
    }
  });

  it('keeps every hostile resource, and the doc text that tries to run code reaches the emitted code', () => {
    const ir = JSON.parse(readFileSync(join(out, 'ir.json'), 'utf8')) as IRDocument;
    expect(ir.resources.map((r) => r.id).sort()).toEqual(
      Object.values(hostileTree())
        .map((text) => /<CopyableCode code="(okta\.[^"]+)" \/>/.exec(text)?.[1])
        .sort(),
    );
    // A method named __proto__ keeps its fields as an own entry (plain assignment would set the prototype instead).
    const methods = ir.resources.find((r) => r.id === 'okta.default.constructor');
    expect(Object.keys(methods?.fields ?? {}).sort()).toEqual(HOSTILE_METHODS.filter((m) => m.verb === 'select').map((m) => m.name).sort());
    const emitted = files.filter((path) => path.endsWith('.ts')).map((path) => readFileSync(join(out, path), 'utf8')).join('\n');
    for (const n of [41, 42, 43, 44, 45, 46, 47]) expect(emitted).toContain(`process.exit(${n})`);
  });
});

describe('names that cannot be file names as they are', () => {
  it('every resource whose generated file is named differently from its Id has a diagnostic saying why', async () => {
    const { diagnostics } = await parseDocs(docs);
    const explained = new Set(
      diagnostics.filter((d) => ['overview/odd-name', 'build/case-collision', 'page/path-mismatch'].includes(d.code)).map((d) => d.path),
    );
    const pageOf = new Map(HOSTILE_IDS.map(({ path, id }) => [id, path]));
    let renamed = 0;
    for (const path of files.filter((p) => /^src\/[^/]+\/[^/]+\.ts$/.test(p) && !p.startsWith('src/runtime/') && !p.startsWith('src/fixtures/'))) {
      const id = /resourceInfo = \{ id: ("(?:[^"\\]|\\.)*")/.exec(readFileSync(join(out, path), 'utf8'))?.[1];
      if (id === undefined) continue;
      const [, service, resource] = (JSON.parse(id) as string).split('.');
      const [, serviceFile, resourceFile] = path.split('/');
      if (serviceFile === service && resourceFile === `${resource}.ts`) continue;
      renamed++;
      expect(explained.has(pageOf.get(JSON.parse(id) as string) as string), `${path} (${JSON.parse(id) as string}) is renamed without a diagnostic`).toBe(true);
    }
    expect(renamed).toBeGreaterThanOrEqual(9);
    // The case twins are named as such.
    const twins = diagnostics.filter((d) => d.code === 'build/case-collision').map((d) => d.path);
    expect(twins.sort()).toEqual(['services/a/A/index.md', 'services/a/a/index.md']);
  });
});

describe('the hostile package', () => {
  let build: string;
  let loaded: { status: number | null; output: string };

  beforeAll(() => {
    symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'), 'dir');
    build = join(work, 'build');
  }, 60_000);

  it('type-checks strictly, sources and generated tests, in one tsc run (and compiles to JS)', () => {
    const result = run([TSC, '-p', 'tsconfig.test.json', '--noEmit', 'false', '--outDir', build], out);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  }, 300_000);

  it('runs no doc text when every module is imported, and its specs keep the exact names', () => {
    const modules = walk(join(build, 'src')).filter((path) => path.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(20);
    const script = `
      const specs = [];
      for (const path of ${JSON.stringify(modules.map((path) => join(build, 'src', path)))}) {
        const module = await import(path);
        for (const value of Object.values(module)) {
          if (value && typeof value === 'object' && 'verb' in value && 'columns' in value && 'resource' in value) specs.push(value);
        }
      }
      process.stdout.write(JSON.stringify({ specs, ran: Object.keys(globalThis).filter((key) => key.startsWith('hostile')) }));
    `;
    const scriptPath = join(work, 'load.mjs');
    writeFileSync(scriptPath, script);
    loaded = run([scriptPath], work);
    // process.exit(41…47) in doc text would end the import with that code.
    expect(loaded.status, loaded.output.slice(0, 2000)).toBe(0);
    const { specs, ran } = JSON.parse(loaded.output) as { specs: MethodSpec[]; ran: string[] };
    expect(ran).toEqual([]);

    const fieldsResource = specs.filter((s) => s.resource === 'okta.class.__proto__' && s.verb === 'select');
    expect(fieldsResource.length).toBeGreaterThan(0);
    for (const spec of fieldsResource) expect(spec.columns.map((c) => c.name)).toEqual(HOSTILE_FIELDS);

    const methodsResource = specs.filter((s) => s.resource === 'okta.default.constructor');
    expect(methodsResource.map((s) => s.method).sort()).toEqual(HOSTILE_METHODS.map((m) => m.name).sort());
    for (const method of HOSTILE_METHODS) {
      const spec = methodsResource.find((s) => s.method === method.name);
      expect(spec?.verb, method.name).toBe(method.verb);
      expect(spec?.params.filter((p) => p.required).map((p) => p.name), method.name).toEqual(method.required);
      // Each SELECT method has its own fields tab, `__proto__` and `constructor` included.
      if (method.verb === 'select') expect(spec?.columns.map((c) => c.name), method.name).toEqual(['id', 'name']);
    }
    const paramNames = new Set(methodsResource.flatMap((s) => s.params.map((p) => p.name)));
    for (const param of HOSTILE_PARAMS.slice(1, 4)) expect(paramNames.has(param.name), param.name).toBe(true);
    expect(new Set(specs.map((s) => s.resource))).toContain(`okta.${ABSOLUTE_SERVICE}.r`);
  }, 120_000);

  it('declares row types whose members are the exact column names (read with the TypeScript compiler API)', () => {
    const sources = files.filter((path) => path.startsWith('src/') && path.endsWith('.ts') && !path.startsWith('src/runtime/'));
    const holder = sources.find((path) => readFileSync(join(out, path), 'utf8').includes('"okta.class.__proto__"') && !path.includes('fixtures'));
    expect(holder).toBeDefined();
    const text = readFileSync(join(out, holder as string), 'utf8');
    const file = ts.createSourceFile(holder as string, text, ts.ScriptTarget.ES2022, true);
    const rowTypes: string[][] = [];
    file.forEachChild((node) => {
      if (ts.isTypeAliasDeclaration(node) && node.name.text.endsWith('Row') && ts.isTypeLiteralNode(node.type)) {
        rowTypes.push(node.type.members.map((member) => memberName(member.name)));
      }
    });
    expect(rowTypes.length).toBeGreaterThan(0);
    for (const members of rowTypes) expect(members).toEqual(HOSTILE_FIELDS);
  });

  it('holds doc text only in comments and string literals: no token of any generated file calls process.exit', () => {
    for (const path of files.filter((p) => p.endsWith('.ts'))) {
      const text = readFileSync(join(out, path), 'utf8');
      const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
      const tokens: string[] = [];
      for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
        if (kind === ts.SyntaxKind.Identifier) tokens.push(scanner.getTokenText());
        else if (kind === ts.SyntaxKind.DotToken) tokens.push('.');
        else tokens.push('');
      }
      const calls = tokens.filter((token, index) => token === 'process' && tokens[index + 1] === '.' && tokens[index + 2] === 'exit');
      expect(calls, path).toEqual([]);
    }
    // The same check must see through the scanner's handling of template literals: parse too, and find no call expression on process.exit.
    for (const path of files.filter((p) => p.endsWith('.ts'))) {
      const file = ts.createSourceFile(path, readFileSync(join(out, path), 'utf8'), ts.ScriptTarget.ES2022, true);
      const found: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.expression.getText(file) === 'process.exit') found.push(node.getText(file));
        node.forEachChild(visit);
      };
      visit(file);
      expect(found, path).toEqual([]);
    }
  });
});

function memberName(name: ts.PropertyName | undefined): string {
  if (name === undefined) return '';
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)) return name.expression.text;
  return name.getText();
}

describe('pages whose names cannot be carried', () => {
  it('empty field/method names and Ids with .. or empty parts are located errors; the other pages still build', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hostile-refused-'));
    try {
      const refused = refusedTree();
      writeDocs(root, { ...refused, 'services/good/ok/index.md': hostileTree()['services/x/1st/index.md'] as string });
      const built = await parseDocs(root);
      const errors = built.diagnostics.filter((d) => d.severity === 'error');
      expect(new Set(errors.map((d) => d.path))).toEqual(new Set(Object.keys(refused)));
      for (const error of errors) expect(error.line, error.message).toBeGreaterThan(1);
      expect(errors.map((d) => d.code).sort()).toEqual([
        'fields/empty-name',
        'methods/empty-name',
        'overview/invalid-id',
        'overview/invalid-id',
        'overview/invalid-id',
        'overview/invalid-id',
      ]);
      expect(built.document.resources.map((r) => r.id)).toEqual(['okta.x.1st']);
      // generate refuses docs with errors: nothing is written at all.
      const result = run([CLI, 'generate', '--docs', root, '--out', join(root, 'out'), '--no-cache'], root);
      expect(result.status).toBe(2);
      expect(existsSync(join(root, 'out'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the injections are in the IR verbatim, so the checks above are about real hostile text', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hostile-ir-'));
    try {
      writeDocs(root, { 'services/class/__proto__/index.md': hostileTree()['services/class/__proto__/index.md'] as string });
      const built = await parseDocs(root);
      const resource = built.document.resources[0];
      const descriptions = Object.values(resource?.fields ?? {}).flat().map((f) => f.description);
      for (const injection of INJECTIONS.slice(0, 5)) expect(descriptions).toContain(injection);
      expect(descriptions).toContain('<script>process.exit(47)</script>');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
