/**
 * The digest of each resource's text in `ir.json`, which stands for the
 * resource in its service's key (see `serviceKey`), taken from that text as
 * `ir.json` is written: the key no longer walks the whole IR a second time
 * (its own `JSON.stringify`) besides `ir.json`'s.
 *
 * The writer reads `ir.json` while the planner goes through the services.
 * A run writes it first (it comes before every service, and the writer
 * reads it through as it goes), but nothing depends on that: a key asked
 * for before `ir.json` reached its resources renders their text itself.
 */
import { createHash } from 'node:crypto';
import type { IRResource } from '../../ir/types.js';
import { indentedJson } from '../literal.js';

/** Where `ir.json` places each resource: `{ "resources": [ here ] }`. */
const RESOURCE_DEPTH = 2;

export class ResourceJson {
  private readonly resources: ReadonlySet<object>;
  private readonly digests = new Map<IRResource, string>();

  constructor(resources: readonly IRResource[]) {
    this.resources = new Set(resources);
  }

  /** `ir.json`'s text of `value` at `depth` (see `KnownText`) where it is a resource of the document, its digest noted; null for anything else. */
  readonly textOf = (value: object, depth: number): string | null => {
    if (depth !== RESOURCE_DEPTH || !this.resources.has(value)) return null;
    const resource = value as IRResource;
    const text = indentedJson(resource, RESOURCE_DEPTH);
    if (!this.digests.has(resource)) this.digests.set(resource, sha256(text));
    return text;
  };

  /** The sha256 of `resource`'s text in `ir.json`. */
  digest(resource: IRResource): string {
    let digest = this.digests.get(resource);
    if (digest === undefined) {
      digest = sha256(indentedJson(resource, RESOURCE_DEPTH));
      this.digests.set(resource, digest);
    }
    return digest;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
