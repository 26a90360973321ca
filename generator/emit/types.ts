/** A file an emitter returns. Emitters never touch disk: one writer does. */
export interface EmittedFile {
  /** Relative to the out dir, POSIX separators, never absolute or with `..`. */
  path: string;
  /** LF line endings, ends with a newline. */
  contents: string;
}

export interface EmitOptions {
  /** The generated package's `name` (default `@stackql-codegen/<provider>`). */
  packageName: string;
  /** The generated package's `version`. */
  packageVersion: string;
  /** A directory whose templates override the built-in ones by file name; null for none. */
  templatesDir: string | null;
  /** Values for server params (okta's `subdomain`) baked in as the client's defaults; users may still pass their own. */
  defaults: Record<string, string>;
}
