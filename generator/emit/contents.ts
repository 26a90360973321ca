/**
 * The two forms of an emitted file's contents (a string, or
 * {@link ChunkedText} pieces) seen as one: consumers that can go piece by
 * piece use {@link chunksOf}, those that need the whole text {@link textOf}.
 */
import type { ChunkedText, EmittedFile, WholeFile } from './types.js';

/** The pieces of `contents`, in order: a string is one piece. */
export function chunksOf(contents: string | ChunkedText): Iterable<string> {
  return typeof contents === 'string' ? [contents] : contents.chunks();
}

/** The whole text of `contents` (joins the pieces of a chunked one). */
export function textOf(contents: string | ChunkedText): string {
  if (typeof contents === 'string') return contents;
  let text = '';
  for (const chunk of contents.chunks()) text += chunk;
  return text;
}

/** `file` with its contents held whole. */
export function wholeFile(file: EmittedFile): WholeFile {
  return typeof file.contents === 'string' ? (file as WholeFile) : { path: file.path, contents: textOf(file.contents) };
}
