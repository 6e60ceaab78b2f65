// Positions and ranges in a text, for tests that ask the server or the language service about a place.
import type { Position, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The position of the `index`-th occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, index = 0): Position {
  let offset = -1;
  for (let i = 0; i <= index; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`${needle} not found`);
  }
  return TextDocument.create('x', 'json', 0, text).positionAt(offset + delta);
}

/** The range of the `index`-th occurrence of `needle` in `text` (a key with its quotes, or a value). */
export function rangeOf(text: string, needle: string, index = 0): Range {
  return { start: positionOf(text, needle, 0, index), end: positionOf(text, needle, needle.length, index) };
}

/** A range from 0-based line and character numbers. */
export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}
