import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN as CLI } from './support/cli.js';
import { SEED_PAGE, writeBaseDocs } from './support/seed.js';
import { makeTempDir } from './support/tree.js';

let work: string;
let dispose: () => Promise<void>;
beforeAll(async () => ({ path: work, dispose } = await makeTempDir('watch')));
afterAll(async () => dispose());

/** Collects a child's output and waits for a pattern to appear after a given offset. */
class Transcript {
  text = '';
  constructor(child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
  }
  async waitFor(pattern: RegExp, from: number, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = pattern.exec(this.text.slice(from));
      if (match) return match[0];
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${pattern} in:\n${this.text}`);
  }
}

describe('watch', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`regenerates on changes, survives docs errors, and exits 0 on ${signal}`, async () => {
      const dir = join(work, signal);
      const docs = await writeBaseDocs(dir);
      const page = join(docs, SEED_PAGE);
      const good = await readFile(page, 'utf8');
      const child = spawn(process.execPath, [CLI, 'watch', '--no-cache'], { cwd: dir });
      const transcript = new Transcript(child);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

      await transcript.waitFor(/generated: \d+ written, 0 unchanged, 0 removed/, 0);
      let mark = transcript.text.length;
      await writeFile(page, good.replace('Lists all the public keys used by the custom authorization server', 'Lists every key'));
      await transcript.waitFor(/generated: [1-9]\d* written, \d+ unchanged, 0 removed/, mark);
      expect(await readFile(join(dir, 'generated', 'ir.json'), 'utf8')).toContain('Lists every key');

      mark = transcript.text.length;
      await writeFile(page, '<Tabs>\n<TabItem value="x">\nunclosed\n');
      await transcript.waitFor(/the docs have errors; nothing generated/, mark);
      expect(await readFile(join(dir, 'generated', 'ir.json'), 'utf8')).toContain('Lists every key');

      mark = transcript.text.length;
      await writeFile(page, good);
      await transcript.waitFor(/generated: [1-9]\d* written/, mark);
      expect(await readFile(join(dir, 'generated', 'ir.json'), 'utf8')).not.toContain('Lists every key');

      child.kill(signal);
      expect(await exited).toBe(0);
      expect(transcript.text).toMatch(/stopped watching\n$/);
    });
  }

  it('takes a burst of changes together', async () => {
    const dir = join(work, 'burst');
    const docs = await writeBaseDocs(dir);
    const page = join(docs, SEED_PAGE);
    const good = await readFile(page, 'utf8');
    const child = spawn(process.execPath, [CLI, 'watch', '--no-cache'], { cwd: dir });
    const transcript = new Transcript(child);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await transcript.waitFor(/generated: \d+ written/, 0);
    const mark = transcript.text.length;
    for (let i = 0; i < 5; i++) await writeFile(page, good.replace('Lists all the public keys', `Lists ${i}`));
    await transcript.waitFor(/generated: [1-9]\d* written/, mark);
    await new Promise((r) => setTimeout(r, 1500));
    // Five writes within a few ms: one regeneration (a second one could only follow a change during the first).
    expect(transcript.text.slice(mark).match(/generating from/g)?.length).toBe(1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
