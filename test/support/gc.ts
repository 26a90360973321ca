import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, for tests of what the code lets go of. With
 * `--expose-gc` set at run time, a new context gets a `gc` function. Waits
 * for the current job to end first: until then a `WeakRef` keeps its
 * target alive.
 */
export async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  await new Promise(setImmediate);
  gc();
}
