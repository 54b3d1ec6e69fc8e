import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PDFName, PDFDocument as PdfLibDocument } from 'pdf-lib';
import PDFDocument from 'pdfkit';
import { FONTS } from '../fonts.js';

/** One request's case file: its facts, its timeline and the letters sent. Ids and labels only, no patient name. */
export interface CaseFileModel {
  organisationName: string;
  /** ISO instant; also the PDF's creation date. */
  generatedAt: string;
  generatedBy: string;
  request: {
    reference: string;
    type: string;
    status: string;
    /** ISO dates. */
    receivedOn: string;
    dueOn: string;
    originalDueOn: string;
    extended: boolean;
    closedOn: string | null;
    channel: string;
    /** e.g. the patient id, not a name. */
    patientLabel: string;
  };
  timeline: {
    version: number;
    /** ISO instant. */
    occurredAt: string;
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actor: string;
    note?: string | null;
  }[];
  /** In the order they are to appear; `sha256` (hex) is checked against `pdf`. */
  letters: { title: string; template: string; createdAt: string; sha256: string; pdf: Buffer }[];
}

type Doc = InstanceType<typeof PDFDocument>;

const MARGIN = 54;
const BOTTOM = 64;
const WIDTH = 612 - 2 * MARGIN;
const BODY = 9.5;
// Table cells: a time (2026-02-09 14:03:22) fits a 104-point column on one line.
const CELL = 8.5;
const GREY = '#555555';

/** `2026-02-09 14:03:22` from an ISO instant; the text as given when it is not one. */
function instant(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 10)} ${time.toISOString().slice(11, 19)}`;
}

interface Column {
  header: string;
  width: number;
}

interface Row {
  cells: string[];
  /** Smaller lines under the row, across the columns from the second one (who acted and a note, a hash). */
  below?: string | null;
}

/**
 * A table whose rows grow to fit their cells and never split across pages;
 * the header is repeated on each page it runs onto.
 */
function drawTable(doc: Doc, columns: Column[], rows: Row[]): void {
  const cellHeight = (text: string, width: number, font: string, size: number) =>
    doc
      .font(font)
      .fontSize(size)
      .heightOfString(text, { width: width - 6 });
  const header = () => {
    const top = doc.y;
    const height = Math.max(...columns.map((column) => cellHeight(column.header, column.width, 'bold', CELL))) + 5;
    let x = MARGIN;
    for (const column of columns) {
      doc
        .font('bold')
        .fontSize(CELL)
        .fillColor('black')
        .text(column.header, x + 3, top + 2, { width: column.width - 6 });
      x += column.width;
    }
    doc
      .save()
      .lineWidth(0.8)
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + WIDTH, top + height)
      .stroke()
      .restore();
    doc.y = top + height + 2;
  };
  const belowWidth = WIDTH - columns[0].width;
  header();
  for (const row of rows) {
    const cellsHeight = Math.max(...row.cells.map((cell, column) => cellHeight(cell, columns[column].width, 'regular', CELL)));
    const belowHeight = row.below ? cellHeight(row.below, belowWidth, 'regular', CELL - 1) + 1 : 0;
    const height = cellsHeight + belowHeight + 6;
    if (doc.y + height > doc.page.height - BOTTOM) {
      doc.addPage();
      header();
    }
    const top = doc.y;
    let x = MARGIN;
    row.cells.forEach((cell, column) => {
      doc
        .font('regular')
        .fontSize(CELL)
        .fillColor('black')
        .text(cell, x + 3, top + 2, { width: columns[column].width - 6 });
      x += columns[column].width;
    });
    if (row.below)
      doc
        .font('regular')
        .fontSize(CELL - 1)
        .fillColor(GREY)
        .text(row.below, MARGIN + columns[0].width + 3, top + 2 + cellsHeight + 1, { width: belowWidth - 6 });
    doc
      .save()
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + WIDTH, top + height)
      .stroke()
      .restore();
    doc.x = MARGIN;
    doc.y = top + height;
  }
  doc.fillColor('black').font('regular').fontSize(BODY);
}

function heading(doc: Doc, text: string): void {
  if (doc.y + 60 > doc.page.height - BOTTOM) doc.addPage();
  doc.x = MARGIN;
  doc.moveDown(1).font('bold').fontSize(13).fillColor('black').text(text, { width: WIDTH });
  doc.moveDown(0.3);
}

/**
 * The summary pages (PDFKit): the request's facts, its whole timeline and an
 * index of the letters with the pages each takes in the whole file, counted
 * as if the summary had `summaryPages` pages; returns how many it has.
 */
async function renderSummary(model: CaseFileModel, letterPages: number[], summaryPages: number): Promise<{ pdf: Buffer; pages: number }> {
  const generatedAt = new Date(model.generatedAt);
  if (Number.isNaN(generatedAt.getTime())) throw new TypeError(`generatedAt is not an ISO instant: ${model.generatedAt}`);
  const { request } = model;
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: BOTTOM, left: MARGIN, right: MARGIN },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'en-US',
    displayTitle: true,
    info: {
      Title: `Case file ${request.reference}`,
      Author: model.organisationName,
      Subject: `Case file of request ${request.reference}`,
      Creator: 'Patient Rights Desk',
      Producer: 'Patient Rights Desk',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);

  doc.font('bold').fontSize(18).text('Case file', { width: WIDTH });
  doc.font('regular').fontSize(11).text(model.organisationName, { width: WIDTH });
  doc.moveDown(0.4).font('bold').fontSize(14).text(`Request ${request.reference}`, { width: WIDTH });
  doc.font('regular').fontSize(8.5).fillColor(GREY).text(`Generated ${model.generatedAt} by ${model.generatedBy}`, { width: WIDTH });
  doc.fillColor('black').moveDown(0.8);

  const facts: [string, string][] = [
    ['Reference', request.reference],
    ['Type', request.type],
    ['Status', request.status],
    ['Patient', request.patientLabel],
    ['Channel', request.channel],
    ['Received on', request.receivedOn],
    ['Due on', request.extended ? `${request.dueOn} (extended; originally due ${request.originalDueOn})` : request.dueOn],
    ['Closed on', request.closedOn ?? 'open'],
  ];
  for (const [label, value] of facts) {
    const top = doc.y;
    doc
      .font('bold')
      .fontSize(BODY + 0.5)
      .text(label, MARGIN, top, { width: 110 });
    const labelBottom = doc.y;
    doc.font('regular').text(value, MARGIN + 120, top, { width: WIDTH - 120 });
    doc.x = MARGIN;
    doc.y = Math.max(doc.y, labelBottom) + 2;
  }

  heading(doc, 'Timeline');
  if (model.timeline.length === 0) doc.font('regular').fontSize(BODY).text('No events are recorded for this request.', { width: WIDTH });
  else
    drawTable(
      doc,
      [
        { header: '#', width: 28 },
        { header: 'When (UTC)', width: 104 },
        { header: 'Action', width: 186 },
        { header: 'Status', width: 186 },
      ],
      // The actor goes under the row, where a user:<uuid> fits on one line.
      model.timeline.map((event) => ({
        cells: [
          String(event.version),
          instant(event.occurredAt),
          event.action,
          event.fromStatus ? `${event.fromStatus} → ${event.toStatus}` : event.toStatus,
        ],
        below: [`By ${event.actor}`, event.note?.trim() ? `Note: ${event.note.trim()}` : null].filter(Boolean).join('\n'),
      })),
    );

  heading(doc, 'Letters');
  const total = summaryPages + letterPages.reduce((sum, pages) => sum + pages, 0);
  let first = summaryPages + 1;
  const pageRanges = letterPages.map((pages) => {
    const range = pages === 1 ? `${first}` : `${first}–${first + pages - 1}`;
    first += pages;
    return range;
  });
  const columns = [
    { header: '#', width: 28 },
    { header: 'Letter', width: 200 },
    { header: 'Template', width: 104 },
    { header: 'Made (UTC)', width: 104 },
    { header: 'Pages', width: 68 },
  ];
  if (model.letters.length === 0) doc.font('regular').fontSize(BODY).text('No letters are on file for this request.', { width: WIDTH });
  else {
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(GREY)
      .text(
        'Each letter follows, in this order, exactly as stored; its SHA-256 was checked against the stored file when this case file was made.',
        { width: WIDTH },
      );
    doc.fillColor('black').moveDown(0.4);
    drawTable(
      doc,
      columns,
      model.letters.map((letter, index) => ({
        cells: [String(index + 1), letter.title, letter.template, instant(letter.createdAt), pageRanges[index]],
        below: `SHA-256 ${letter.sha256.toLowerCase()}`,
      })),
    );
  }

  const { count } = doc.bufferedPageRange();
  for (let page = 0; page < count; page += 1) {
    doc.switchToPage(page);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(`${request.reference} · case file · page ${page + 1} of ${total}`, MARGIN, doc.page.height - 40, {
        width: WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages: count };
}

/** A stored letter, checked against its recorded SHA-256 and opened for copying. */
async function openLetter(letter: CaseFileModel['letters'][number]): Promise<PdfLibDocument> {
  const actual = createHash('sha256').update(letter.pdf).digest('hex');
  if (actual !== letter.sha256.toLowerCase())
    throw new Error(`the letter "${letter.title}" (${letter.template}) does not match its recorded SHA-256; the case file was not made`);
  return PdfLibDocument.load(letter.pdf, { updateMetadata: false });
}

/**
 * One request's case file as one PDF: a summary page and the whole timeline
 * (made with PDFKit), then an index of the letters, then every letter's pages
 * appended in order (pdf-lib copyPages). A letter that does not match its
 * recorded SHA-256 stops the file from being made.
 *
 * The letters' own structure trees are not carried over (pdf-lib copies pages,
 * not a document's tag tree), so the file is not tagged; each letter stays
 * available, tagged, on its own.
 */
export async function renderCaseFile(model: CaseFileModel): Promise<Buffer> {
  const letters = await Promise.all(model.letters.map(openLetter));
  const letterPages = letters.map((letter) => letter.getPageCount());
  // The index and the footers number pages from the summary's own length, known once it is made: guess one
  // page, and make it again with the right count if not (page numbers are one line each: the length holds).
  let summary = await renderSummary(model, letterPages, 1);
  if (summary.pages !== 1) {
    const pages = summary.pages;
    summary = await renderSummary(model, letterPages, pages);
    if (summary.pages !== pages) throw new Error('the case file summary changed length when its pages were numbered');
  }
  // The summary is the base: its metadata (title, dates) stays, and is not rewritten as pdf-lib's.
  const file = await PdfLibDocument.load(summary.pdf, { updateMetadata: false });
  for (const letter of letters) {
    for (const page of await file.copyPages(letter, letter.getPageIndices())) {
      // A copied page still names its place in the letter's structure tree, which is not copied.
      page.node.delete(PDFName.of('StructParents'));
      file.addPage(page);
    }
  }
  return Buffer.from(await file.save());
}
