/** A file an emitter returns. Emitters never touch disk: one writer does. */
export interface EmittedFile {
  /** Relative to the out dir, POSIX separators, never absolute or with `..`. */
  path: string;
  /**
   * LF line endings, ends with a newline. A file too large to hold as one
   * string (`ir.json`, hundreds of MB at 10k pages) comes as
   * {@link ChunkedText}: its pieces, made as they are read.
   */
  contents: string | ChunkedText;
}

/**
 * A text as pieces in order, each made when asked for, so no one holds the
 * whole. `chunks()` may be called more than once and yields the same pieces
 * each time (a writer compares with the disk first, then stages). Pieces are
 * well-formed UTF-16: no surrogate pair is split between two of them.
 */
export interface ChunkedText {
  chunks(): Iterable<string>;
}

/** An {@link EmittedFile} held whole, as the in-memory forms (`emitPackage`, `generateInMemory`) return them. */
export interface WholeFile extends EmittedFile {
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
