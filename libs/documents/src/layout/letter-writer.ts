import type { Language } from '../letter-template.js';

/**
 * What a letter template may do: headings, paragraphs, lists and simple
 * tables, each tagged for screen readers. Templates never touch PDFKit
 * directly, so every letter shares one accessible, consistent layout.
 */
export interface LetterWriter {
  readonly language: Language;
  heading(text: string): void;
  paragraph(text: string, options?: { bold?: boolean }): void;
  list(items: string[]): void;
  /** Label/value rows, e.g. "Reference: PR-2026-000123". */
  facts(rows: [string, string][]): void;
  /** A table with a header row, repeated on each new page. */
  table(headers: string[], rows: string[][], widths?: number[]): void;
}

/** Picks the sentence for the letter's language. */
export function say(language: Language, text: { en: string; es: string }): string {
  return text[language];
}
