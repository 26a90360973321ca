import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let yamlModule: Yaml | undefined;

/**
 * The YAML library, loaded at first use: it takes ~150 M instructions to
 * load, and a run whose frontmatter and manifests all fit the layout
 * readers (`fast/frontmatter.ts`, `sections/manifest-layout.ts`) never
 * needs it. It is CommonJS under Node, so `require` loads it synchronously
 * and the readers stay synchronous.
 */
export function yamlLibrary(): Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yamlModule;
}
