import type PDFDocument from 'pdfkit';
import type { Language } from '../letter-template.js';
import type { LetterWriter } from './letter-writer.js';

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

const BODY_SIZE = 11;
const MARGIN_BOTTOM = 72;

/** LetterWriter over a PDFKit document, adding every element to the document's structure tree. */
export class PdfLetterWriter implements LetterWriter {
  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
    readonly language: Language,
  ) {}

  heading(text: string): void {
    this.doc.moveDown(0.6).font('bold').fontSize(13).text(text, { structParent: this.root, structType: 'H2' });
    this.doc.font('regular').fontSize(BODY_SIZE).moveDown(0.2);
  }

  paragraph(text: string, options: { bold?: boolean } = {}): void {
    this.doc
      .font(options.bold ? 'bold' : 'regular')
      .fontSize(BODY_SIZE)
      .text(text, { structParent: this.root, structType: 'P', lineGap: 2, paragraphGap: 6 });
    this.doc.font('regular');
  }

  list(items: string[]): void {
    if (items.length === 0) return;
    this.doc.fontSize(BODY_SIZE).list(items, { structParent: this.root, bulletRadius: 2, textIndent: 14, bulletIndent: 6, lineGap: 2 });
    this.doc.moveDown(0.4);
  }

  facts(rows: [string, string][]): void {
    this.table([], rows, [160, 308]);
  }

  table(headers: string[], rows: string[][], widths?: number[]): void {
    const doc = this.doc;
    const left = doc.page.margins.left;
    const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const columnWidths = widths ?? headers.map(() => usable / Math.max(headers.length, 1));
    const table = doc.struct('Table');
    this.root.add(table);
    const drawRow = (cells: string[], header: boolean) => {
      const heights = cells.map((cell, index) =>
        doc
          .font(header ? 'bold' : 'regular')
          .fontSize(10)
          .heightOfString(cell, { width: columnWidths[index] - 6 }),
      );
      const rowHeight = Math.max(14, ...heights) + 4;
      if (doc.y + rowHeight > doc.page.height - MARGIN_BOTTOM) {
        doc.addPage();
        if (!header && headers.length) drawRow(headers, true);
      }
      const y = doc.y;
      const row = doc.struct('TR');
      table.add(row);
      let x = left;
      cells.forEach((cell, index) => {
        const cellStruct = doc.struct(header ? 'TH' : 'TD', {}, () => {
          doc
            .font(header || (!headers.length && index === 0) ? 'bold' : 'regular')
            .fontSize(10)
            .text(cell, x + 3, y + 2, { width: columnWidths[index] - 6 });
        });
        row.add(cellStruct);
        x += columnWidths[index];
      });
      row.end();
      doc.x = left;
      doc.y = y + rowHeight;
    };
    if (headers.length) drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
    table.end();
    doc.font('regular').fontSize(BODY_SIZE).moveDown(0.5);
  }
}
