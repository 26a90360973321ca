import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CORPUS_ROOT } from './seed.js';
import { makeTempDir } from './tree.js';

/** The okta services a small real project holds: few enough to generate quickly, with resources of every verb. */
export const OKTA_PROJECT_SERVICES = ['agentpools', 'api_tokens', 'captchas'];

export interface OktaProject {
  dir: string;
  /** The okta provider page and {@link OKTA_PROJECT_SERVICES}, copied. */
  docs: string;
  /** Not made: the first generate makes it. */
  out: string;
  cache: string;
  dispose(): Promise<void>;
}

/** A fresh temp dir named after `name` holding a small okta docs tree, with the out dir and page cache beside it. */
export async function oktaProject(name: string): Promise<OktaProject> {
  const { path: dir, dispose } = await makeTempDir(name);
  const okta = join(CORPUS_ROOT, 'okta');
  const docs = join(dir, 'docs');
  await mkdir(join(docs, 'services'), { recursive: true });
  await cp(join(okta, 'index.md'), join(docs, 'index.md'));
  for (const service of OKTA_PROJECT_SERVICES) await cp(join(okta, 'services', service), join(docs, 'services', service), { recursive: true });
  return { dir, docs, out: join(dir, 'out'), cache: join(dir, 'cache'), dispose };
}
