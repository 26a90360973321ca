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
  /**
   * Set only on a file reused from the out dir (see `ServiceReuse`): its
   * contents are the bytes just read at this very path there, which hash
   * to what the ownership record holds for it. The writer may count the
   * file unchanged without reading it again (see {@link OnDiskProof}).
   */
  onDisk?: OnDiskProof;
}

/**
 * What a reader saw when it read a file of the out dir: the sha256 of its
 * bytes and the file's identity, size and times from the descriptor they
 * were read through. A writer that finds the same identity, size and times
 * on the path (a cheap lstat) knows the bytes are still those: any write
 * to the file since moves its ctime, which no one can set back.
 */
export interface OnDiskProof {
  sha256: string;
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
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
