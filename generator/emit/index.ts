/**
 * IR → the files of a typed TypeScript package (client, SQL bindings,
 * fixtures, generated tests). Pure and deterministic: the same IR and
 * options give the same files, sorted by path, LF, no timestamps or
 * absolute paths. Nothing touches disk here except reading templates.
 */
import { compareStrings } from '../diagnostics.js';
import type { IRDocument } from '../ir/types.js';
import { planPackage } from './model/package.js';
import { runtimeSources, templateSet } from './templates.js';
import { wholeFile } from './contents.js';
import type { EmitOptions, EmittedFile, WholeFile } from './types.js';

export type { ChunkedText, EmitOptions, EmittedFile, WholeFile } from './types.js';

/** LF only, exactly one final newline, no trailing blank lines left by templates. */
function finish(contents: string): string {
  // Checks first: these files are large and most need neither rewrite.
  let text = contents.includes('\r') ? contents.replace(/\r\n?/g, '\n') : contents;
  if (text.includes('\n\n\n')) text = text.replace(/\n{3,}/g, '\n\n');
  const trimmed = text.trimEnd();
  // A text that already ends in one newline is returned as it is: appending one would make a new string the writer copies again.
  return trimmed.length === text.length - 1 && text.endsWith('\n') ? text : `${trimmed}\n`;
}

/**
 * The package's files one at a time, rendered as they are asked for (see
 * `planPackage`): a consumer that writes each as it comes never holds the
 * whole package. Not sorted; {@link emitPackage} sorts.
 */
export function* emitFiles(doc: IRDocument, options: EmitOptions): Generator<EmittedFile> {
  const template = templateSet(options.templatesDir);
  for (const file of planPackage(doc, options, runtimeSources())) {
    if (!('contents' in file)) yield { path: file.path, contents: finish(template(file.template)(file.view)) };
    // Chunked contents (ir.json) are made to end in a newline; a whole text may need one. A reused file keeps the proof of how it was found on disk only while its text is unchanged.
    else if (typeof file.contents !== 'string' || file.contents.endsWith('\n')) yield file.onDisk === undefined ? { path: file.path, contents: file.contents } : { path: file.path, contents: file.contents, onDisk: file.onDisk };
    else yield { path: file.path, contents: `${file.contents}\n` };
  }
}

/** The whole package at once, sorted by path, every file held whole: for callers that inspect or compare it (tests, tools). */
export function emitPackage(doc: IRDocument, options: EmitOptions): WholeFile[] {
  return [...emitFiles(doc, options)].map(wholeFile).sort((a, b) => compareStrings(a.path, b.path));
}
