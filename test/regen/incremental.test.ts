/**
 * A generate over an out dir reuses the files of services whose key is
 * unchanged (see `ServiceReuse`): after any change, the out dir must be
 * byte for byte what a generate of the same docs into an empty dir writes.
 */
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputReuse } from '../../generator/commands/reuse.js';
import { resolveConfig } from '../../generator/config.js';
import { textOf } from '../../generator/emit/contents.js';
import type { EmittedFile } from '../../generator/emit/types.js';
import { generateStream } from '../../generator/pipeline.js';
import { lookAtOutput, writeOutput } from '../../generator/write/index.js';
import { runCli } from './support/cli.js';
import { REPO_ROOT } from './support/seed.js';
import { OKTA_PROJECT_SERVICES, oktaProject } from './support/okta-project.js';
import { snapshotTree } from './support/tree.js';

const SERVICES = OKTA_PROJECT_SERVICES;
const RECORD = '.stackql-codegen.json';

let dir: string;
let dispose: () => Promise<void>;
let docs: string;
let out: string;
let cache: string;

beforeEach(async () => {
  ({ dir, docs, out, cache, dispose } = await oktaProject('incremental'));
});
afterEach(async () => dispose());

async function generate(extra: string[] = []): Promise<void> {
  const run = await runCli(['generate', '--docs', docs, '--out', out, '--cache-dir', cache, ...extra], dir);
  expect(run.stderr).not.toMatch(/error/);
  expect(run.code).toBe(0);
}

/** The tree a generate of the same docs, without cache, writes into an empty dir. */
async function freshTree(extra: string[] = []): Promise<Record<string, string>> {
  const fresh = join(dir, `fresh-${Math.random().toString(36).slice(2)}`);
  const run = await runCli(['generate', '--docs', docs, '--out', fresh, '--no-cache', ...extra], dir);
  expect(run.code).toBe(0);
  const tree = await snapshotTree(fresh);
  await rm(fresh, { recursive: true, force: true });
  return tree;
}

/** The out dir equals a generate of the same docs, without cache, into an empty dir. */
async function expectSameAsFromScratch(extra: string[] = []): Promise<void> {
  const [incremental, scratch] = await Promise.all([snapshotTree(out), freshTree(extra)]);
  expect(Object.keys(incremental)).toEqual(Object.keys(scratch));
  for (const path of Object.keys(scratch)) expect(incremental[path], path).toBe(scratch[path]);
}

/** Long enough for the file system's clock (which may tick only every few ms) to move on. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function editFile(path: string, edit: (text: string) => string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  await writeFile(path, edited);
}

/** How many services the next run over `docs` renders and reuses (the pipeline as `generate` runs it, files consumed, nothing written). */
async function servicesRendered(): Promise<{ reused: number; rendered: number }> {
  const { config } = await resolveConfig({ docs, out, 'cache-dir': cache }, dir);
  const reuse = await outputReuse(config);
  const stream = await generateStream(config, undefined, undefined, reuse.reuse);
  for (const file of stream.files) expect(textOf(file.contents).endsWith('\n')).toBe(true);
  await stream.cacheWritten;
  return reuse.stats;
}

function firstResourcePage(service: string): Promise<string> {
  return readdir(join(docs, 'services', service), { withFileTypes: true }).then((entries) => {
    const first = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()[0];
    if (first === undefined) throw new Error(`no resource page under ${service}`);
    return join(docs, 'services', service, first, 'index.md');
  });
}

/** A field's description cell: reaches the IR and so the resource's generated files. */
const editFieldDescription = (text: string) => text.replace(/(<td><code>[^<]*<\/code><\/td>\n\s*<td>)([^<\n]+)(<\/td>)/, '$1$2 (edited)$3');
/** A blank line at the end: new page bytes, the same IR. */
const addBlankLine = (text: string) => `${text}\n`;

describe('generate reuses unchanged services', () => {
  it('renders only the service of an edited page, and writes what a fresh run writes', async () => {
    await generate();
    await editFile(await firstResourcePage('captchas'), editFieldDescription);
    expect(await servicesRendered()).toEqual({ reused: 2, rendered: 1 });
    await generate();
    await expectSameAsFromScratch();
    // Nothing changed since: every service is reused.
    await editFile(await firstResourcePage('captchas'), addBlankLine);
    expect(await servicesRendered()).toEqual({ reused: 3, rendered: 0 });
  });

  it('renders every service when the provider page changes its server params', async () => {
    await generate();
    await editFile(join(docs, 'index.md'), (text) => text.replace(/<CopyableCode code="subdomain" \/>/, '<CopyableCode code="tenant" />'));
    expect(await servicesRendered()).toEqual({ reused: 0, rendered: 3 });
    await generate();
    await expectSameAsFromScratch();
  });

  it('renders every service when a template override changes', async () => {
    const templates = join(dir, 'templates');
    await mkdir(templates);
    const original = await readFile(join(REPO_ROOT, 'templates', 'resource.ts.hbs'), 'utf8');
    await writeFile(join(templates, 'resource.ts.hbs'), `// override 1\n${original}`);
    await generate(['--templates', templates]);
    await writeFile(join(templates, 'resource.ts.hbs'), `// override 2\n${original}`);
    await generate(['--templates', templates]);
    await expectSameAsFromScratch(['--templates', templates]);
    expect(await readFile(join(out, 'src', 'captchas', 'captcha_instances.ts'), 'utf8')).toMatch(/^\/\/ override 2\n/);
  });

  it('follows a page added to and removed from a service', async () => {
    await generate();
    const added = join(docs, 'services', 'captchas', 'agent_pools', 'index.md');
    await mkdir(join(added, '..'));
    await writeFile(added, (await readFile(join(docs, 'services', 'agentpools', 'agent_pools', 'index.md'), 'utf8')).replaceAll('okta.agentpools.agent_pools', 'okta.captchas.agent_pools'));
    await generate();
    await expectSameAsFromScratch();
    expect(await readFile(join(out, 'src', 'captchas', 'agent_pools.ts'), 'utf8')).toContain('agent_pools');
    await rm(join(added, '..'), { recursive: true });
    await generate();
    await expectSameAsFromScratch();
  });

  it('follows a service whose placement changes because another collides with it in case', async () => {
    await generate();
    const collider = join(docs, 'services', 'Captchas', 'captcha_instances', 'index.md');
    await mkdir(join(collider, '..'), { recursive: true });
    await writeFile(collider, (await readFile(join(docs, 'services', 'captchas', 'captcha_instances', 'index.md'), 'utf8')).replaceAll('okta.captchas.captcha_instances', 'okta.Captchas.captcha_instances'));
    await generate();
    await expectSameAsFromScratch();
    await rm(join(docs, 'services', 'Captchas'), { recursive: true });
    await generate();
    await expectSameAsFromScratch();
  });

  it('restores a hand-edited or deleted file of an unchanged service', async () => {
    await generate();
    await editFile(join(out, 'src', 'agentpools', 'index.ts'), (text) => `${text}// hand edit\n`);
    await rm(join(out, 'test', 'api_tokens.test.ts'));
    await editFile(await firstResourcePage('captchas'), editFieldDescription);
    expect(await servicesRendered()).toEqual({ reused: 0, rendered: 3 });
    await generate();
    await expectSameAsFromScratch();
  });

  it('rewrites a reused file edited after reuse read it, before the writer came to it', async () => {
    await generate();
    await editFile(await firstResourcePage('captchas'), editFieldDescription);
    const target = 'src/agentpools/index.ts';
    // A time utimes can set exactly, so that it can be put back after the edit.
    const WHOLE_SECOND = 1_700_000_000;
    utimesSync(join(out, target), WHOLE_SECOND, WHOLE_SECOND);
    const { config } = await resolveConfig({ docs, out, 'cache-dir': cache }, dir);
    const reuse = await outputReuse(config);
    const stream = await generateStream(config, undefined, undefined, reuse.reuse);
    let proved = false;
    function* editedMeanwhile(files: Iterable<EmittedFile>): Generator<EmittedFile> {
      for (const file of files) {
        if (file.path === target) {
          proved = file.onDisk !== undefined;
          // Same length, mtime put back: only the ctime (and the bytes) tell.
          const text = textOf(file.contents);
          sleepSync(30);
          writeFileSync(join(out, target), text.replace(/^(.)/, (c: string) => (c === '/' ? '#' : '/')));
          utimesSync(join(out, target), WHOLE_SECOND, WHOLE_SECOND);
          expect(statSync(join(out, target)).mtimeMs).toBe(WHOLE_SECOND * 1000);
        }
        yield file;
      }
    }
    const outcome = await writeOutput(out, editedMeanwhile(stream.files), { inputs: { fingerprint: '0'.repeat(64), warnings: 0, services: reuse.services } });
    await stream.cacheWritten;
    expect(proved).toBe(true);
    expect(reuse.stats).toEqual({ reused: 2, rendered: 1 });
    expect(outcome.ok && outcome.summary.written).toContain(target);
    const [written, scratch] = await Promise.all([snapshotTree(out), freshTree()]);
    for (const path of Object.keys(scratch)) if (path !== RECORD) expect(written[path], path).toBe(scratch[path]);
    expect((JSON.parse(written[RECORD] ?? '') as { files: unknown }).files).toEqual((JSON.parse(scratch[RECORD] ?? '') as { files: unknown }).files);
  });

  it('reuses from a record handed on from an earlier look only what still checks out against it', async () => {
    await generate();
    await editFile(await firstResourcePage('captchas'), editFieldDescription);
    const { record } = await lookAtOutput(out, '0'.repeat(64));
    expect(record).not.toBeNull();
    // The out dir moves on after the look: captchas' files and keys change.
    await generate();
    await editFile(await firstResourcePage('agentpools'), editFieldDescription);
    const { config } = await resolveConfig({ docs, out, 'cache-dir': cache }, dir);
    const reuse = await outputReuse(config, record);
    const stream = await generateStream(config, undefined, undefined, reuse.reuse);
    const outcome = await writeOutput(out, stream.files, { inputs: { fingerprint: '0'.repeat(64), warnings: 0, services: reuse.services } });
    await stream.cacheWritten;
    expect(outcome.ok).toBe(true);
    // Read afresh, the record would let captchas be reused too; the stale one names an older key for it.
    expect(reuse.stats).toEqual({ reused: 1, rendered: 2 });
    const [written, scratch] = await Promise.all([snapshotTree(out), freshTree()]);
    for (const path of Object.keys(scratch)) if (path !== RECORD) expect(written[path], path).toBe(scratch[path]);
    expect((JSON.parse(written[RECORD] ?? '') as { files: unknown }).files).toEqual((JSON.parse(scratch[RECORD] ?? '') as { files: unknown }).files);
  });

  it('reads a record without service keys, and renders every service once', async () => {
    await generate();
    const record = JSON.parse(await readFile(join(out, RECORD), 'utf8')) as { inputs: { services?: unknown } };
    expect(Object.keys(record.inputs.services as object)).toEqual(SERVICES);
    delete record.inputs.services;
    await writeFile(join(out, RECORD), `${JSON.stringify(record, null, 2)}\n`);
    await editFile(await firstResourcePage('captchas'), editFieldDescription);
    expect(await servicesRendered()).toEqual({ reused: 0, rendered: 3 });
    await generate();
    await expectSameAsFromScratch();
  });

  it('check reports the same drift with reuse as without', async () => {
    await generate();
    await editFile(join(out, 'src', 'agentpools', 'index.ts'), (text) => `${text}// hand edit\n`);
    await editFile(await firstResourcePage('captchas'), editFieldDescription);
    const checkArgs = ['check', '--docs', docs, '--out', out, '--cache-dir', cache, '--json'];
    expect(await servicesRendered()).toEqual({ reused: 1, rendered: 2 });
    const withReuse = await runCli(checkArgs, dir);
    expect(withReuse.code).toBe(1);
    const changed = (JSON.parse(withReuse.stdout) as { changed: { path: string }[] }).changed.map((change) => change.path);
    expect(changed).toContain('src/agentpools/index.ts');
    expect(changed).toContain('ir.json');
    // The same check where the record has no keys, so every service is rendered.
    const record = JSON.parse(await readFile(join(out, RECORD), 'utf8')) as { inputs: { services?: unknown } };
    delete record.inputs.services;
    await writeFile(join(out, RECORD), `${JSON.stringify(record, null, 2)}\n`);
    expect(await servicesRendered()).toEqual({ reused: 0, rendered: 3 });
    const withoutReuse = await runCli(checkArgs, dir);
    expect(withReuse).toEqual(withoutReuse);
  });
});
