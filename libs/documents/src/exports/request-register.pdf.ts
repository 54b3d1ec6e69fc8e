import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { REQUEST_TYPES, registerOutcome, type MonthFigures, type RegisterFigures, type RegisterRow, type TypeFigures } from '#domain';
import { FONTS } from '../fonts.js';

export interface RegisterPdfHeader {
  organisationName: string;
  /** ISO instant. */
  generatedAt: string;
  /** The staff member who asked for the register (a name or id, never a patient's). */
  generatedBy: string;
  figures: RegisterFigures;
}

type Doc = InstanceType<typeof PDFDocument>;

// US Letter landscape: eight columns of dates and labels do not fit across a portrait page at a readable size.
const PAGE_WIDTH = 792;
const PAGE_HEIGHT = 612;
const MARGIN = 40;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const CONTENT_BOTTOM = PAGE_HEIGHT - 48;
const FOOTER_Y = PAGE_HEIGHT - 30;
const ROW_HEIGHT = 13;
const HEADER_HEIGHT = 16;

const GREY = '#555555';
const RULE = '#999999';
const SHADE = '#f2f2f2';
const LATE_TEXT = '#a1261b';
// Blue and orange stay apart for the common colour-vision deficiencies; the legend names both.
const ON_TIME_FILL = '#1f5fa8';
const LATE_FILL = '#e08a2c';

/** Bytes are handed to the output in blocks of this size: PDFKit emits an object line by line. */
const BLOCK_BYTES = 64 * 1024;
/** Rows between resets of PDFKit's per-word glyph layout cache (see forgetLayouts). */
const ROWS_PER_LAYOUT_CACHE = 2_000;

const TYPE_LABELS: Record<(typeof REQUEST_TYPES)[number], string> = {
  access: 'Access',
  amendment: 'Amendment',
  accounting: 'Accounting',
  restriction: 'Restriction',
  confidential_communication: 'Confidential communication',
  notice_copy: 'Notice copy',
  complaint: 'Complaint',
  authorization_revocation: 'Authorization revocation',
  communication_opt_out: 'Communication opt-out',
};

function typeLabel(type: string): string {
  return (TYPE_LABELS as Record<string, string>)[type] ?? words(type);
}

function words(code: string): string {
  return code.replaceAll('_', ' ');
}

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

function resultLabel(row: RegisterRow): string {
  switch (registerOutcome(row)) {
    case 'on_time':
      return 'On time';
    case 'late':
      return `Late ${days(row.daysLate ?? 0)}`;
    case 'overdue':
      return `Overdue ${days(row.daysLate ?? 0)}`;
    case 'not_yet_due':
      return 'Not yet due';
  }
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function median(value: number | null): string {
  return value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Rows table: header, width, and the text of a row's cell. `fits`: the cell's text is
 * known to fit (ISO dates, the labels above), so it is drawn without being measured first,
 * which saves a good share of the time a long register takes.
 */
const ROW_COLUMNS: { header: string; width: number; fits: boolean; cell: (row: RegisterRow) => string }[] = [
  { header: 'Reference', width: 96, fits: false, cell: (row) => row.reference },
  { header: 'Type', width: 118, fits: false, cell: (row) => typeLabel(row.type) },
  { header: 'Received', width: 58, fits: true, cell: (row) => row.receivedOn },
  { header: 'Due', width: 102, fits: true, cell: (row) => (row.extended ? `${row.dueOn} (extended)` : row.dueOn) },
  { header: 'Originally due', width: 66, fits: true, cell: (row) => (row.extended ? row.originalDueOn : '') },
  { header: 'Status / decision', width: 120, fits: false, cell: (row) => words(row.status) },
  { header: 'Closed', width: 58, fits: true, cell: (row) => row.closedOn ?? 'open' },
  { header: 'On time / late', width: 94, fits: false, cell: resultLabel },
];
const RESULT_COLUMN = ROW_COLUMNS.length - 1;
/** Shared by every cell drawn unmeasured; PDFKit copies text options, never changes them. */
const UNWRAPPED: PDFKit.Mixins.TextOptions = { lineBreak: false };

/** Figures table: header, width, and the text of a type's cell; numbers are right-aligned. */
const FIGURE_COLUMNS: { header: string; width: number; cell: (figures: TypeFigures) => string }[] = [
  { header: 'Request type', width: 182, cell: (figures) => (figures.type === 'all' ? 'All types' : typeLabel(figures.type)) },
  { header: 'Received', width: 62, cell: (figures) => String(figures.received) },
  { header: 'Closed', width: 62, cell: (figures) => String(figures.closed) },
  { header: 'On time', width: 62, cell: (figures) => String(figures.onTime) },
  { header: 'Late', width: 62, cell: (figures) => String(figures.late) },
  { header: 'On-time rate', width: 72, cell: (figures) => percent(figures.onTimeRate) },
  { header: 'Median days to close', width: 86, cell: (figures) => median(figures.medianDaysToClose) },
  { header: 'Open now', width: 62, cell: (figures) => String(figures.open) },
  { header: 'Overdue now', width: 62, cell: (figures) => String(figures.overdue) },
];

type TextOptionsWithScaling = PDFKit.Mixins.TextOptions & { horizontalScaling?: number };

/**
 * One line of text at (x, y), squeezed horizontally if it would overrun `width`, so that
 * an unexpectedly long value stays whole and inside its column. No `width` option is
 * passed to PDFKit: without one it neither wraps nor breaks pages, and is much faster.
 */
function line(doc: Doc, text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left'): void {
  if (!text) return;
  const natural = doc.widthOfString(text);
  const scale = natural > width ? Math.max(50, Math.floor((width / natural) * 100)) : 100;
  const drawn = (natural * scale) / 100;
  const left = align === 'left' ? x : align === 'right' ? x + width - drawn : x + (width - drawn) / 2;
  const options: TextOptionsWithScaling = { lineBreak: false };
  if (scale !== 100) options.horizontalScaling = scale;
  doc.text(text, left, y, options);
}

/**
 * PDFKit keeps the glyph layout of every distinct word it has drawn for the life of
 * the document. Every reference is a new word, so a million-row register would keep
 * a million layouts; dropping the cache every few thousand rows bounds it, and the
 * words that repeat (dates, types, statuses) are laid out again once per batch.
 * The cache is PDFKit's internal `layoutCache`; if a later version renames it, this does nothing.
 */
function forgetLayouts(doc: Doc): void {
  const fonts = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })._fontFamilies ?? {};
  for (const font of Object.values(fonts)) if (font.layoutCache) font.layoutCache = Object.create(null) as object;
}

/** A round step (1, 2 or 5 times a power of ten, at least 1) giving about five gridlines up to `max`. */
function axisScale(max: number): { step: number; top: number } {
  if (max <= 0) return { step: 1, top: 1 };
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  const step = Math.max(1, (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 5 ? 5 : 10) * magnitude);
  return { step, top: Math.ceil(max / step) * step };
}

/**
 * Writes the register PDF to `output` as rows arrive (bufferPages false: pages leave
 * memory as they are finished). Page 1: title, period, the figures table by type, and a
 * bar chart (PDFKit rect/lines, labelled axes, legend: on time vs late per month). Then
 * the rows table, header repeated on every page, page number "Page N" in the footer
 * (no "of M": the count is not known until the last row, and pages are already written).
 *
 * The PDF is PDF/A-2b with DejaVu embedded, for an archived audit record; it is not
 * tagged, because PDFKit holds a tagged document's structure tree until the end, which
 * a register of a million rows cannot afford. Rows carry references, never names.
 * Call write() and end() in turn; each waits for the one before.
 */
export class RegisterPdfWriter {
  private readonly doc: Doc;
  private readonly figures: RegisterFigures;
  private readonly footer: string;
  /** Chunks PDFKit has emitted and the output has not yet been given. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** The output's last write() returned false: wait for 'drain' before making more. */
  private blocked = false;
  private failure: Error | null = null;
  private queue: Promise<void>;
  private ended = false;
  private pageNumber = 0;
  private rowsDrawn = 0;
  private tableStarted = false;
  private y = 0;
  /** The fill colour set on the current page's rows, so that a row sets it only when it changes; null when unknown. */
  private fillColour: string | null = null;

  constructor(
    private readonly output: NodeJS.WritableStream,
    header: RegisterPdfHeader,
  ) {
    const { period, asOf } = header.figures;
    this.figures = header.figures;
    this.footer = `Request register · ${header.organisationName} · received ${period.from} to ${period.to} · as of ${asOf}`;
    const created = new Date(header.generatedAt);
    this.doc = new PDFDocument({
      size: 'LETTER',
      layout: 'landscape',
      margins: { top: MARGIN, bottom: PAGE_HEIGHT - CONTENT_BOTTOM, left: MARGIN, right: MARGIN },
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      lang: 'en-US',
      displayTitle: true,
      bufferPages: false,
      autoFirstPage: false,
      info: {
        Title: `Request register, ${period.from} to ${period.to}`,
        Author: header.organisationName,
        Subject: `Patient-rights requests received ${period.from} to ${period.to}, judged against their due dates as of ${asOf}`,
        Creator: 'Patient Rights Desk',
        Producer: 'Patient Rights Desk',
        CreationDate: created,
        ModDate: created,
      },
    });
    this.doc.on('data', (chunk: Uint8Array) => this.take(chunk));
    // Remember the first failure; the next write() or end() rejects with it.
    const fail = (error: Error) => {
      this.failure ??= error;
    };
    this.doc.on('error', fail);
    output.on('error', fail);
    this.doc.registerFont('regular', FONTS.regular);
    this.doc.registerFont('bold', FONTS.bold);
    this.doc.registerFont('italic', FONTS.italic);
    this.drawFirstPage(header);
    // Let the document stream start flowing before any row is drawn, so that from then on
    // each chunk PDFKit makes reaches take() as it is made (see render.ts).
    this.queue = new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Draws `rows` after those already written; resolves once the output has drained, for backpressure. */
  write(rows: readonly RegisterRow[]): Promise<void> {
    return this.enqueue(async () => {
      for (const row of rows) {
        if (!this.tableStarted || this.y + ROW_HEIGHT > CONTENT_BOTTOM) {
          // A new page is where PDFKit writes out the finished one: the moment to let the output catch up.
          this.startRowsPage();
          await this.drained();
        }
        this.drawRow(row);
        this.rowsDrawn += 1;
        if (this.rowsDrawn % ROWS_PER_LAYOUT_CACHE === 0) forgetLayouts(this.doc);
      }
      this.flush();
      await this.drained();
    });
  }

  /** Finishes the document and ends `output`; resolves when the PDF is fully written. */
  end(): Promise<void> {
    const finishing = this.enqueue(async () => {
      if (!this.tableStarted) {
        this.startRowsPage();
        this.doc.font('italic').fontSize(9).fillColor('black');
        line(this.doc, 'No requests were received in this period.', MARGIN + 3, this.y + 6, CONTENT_WIDTH);
      }
      const done = once(this.doc, 'end');
      this.doc.end();
      await done;
      this.flush();
      await new Promise<void>((resolve, reject) => {
        this.output.once('error', reject);
        this.output.end(() => resolve());
      });
    });
    this.ended = true;
    return finishing;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    if (this.ended) return Promise.reject(new Error('the register PDF has already been ended'));
    const run = this.queue.then(() => {
      if (this.failure) throw this.failure;
      return work();
    });
    // A failed step fails every later one with the same error, not with a confusing second one.
    this.queue = run.catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
    return run;
  }

  private take(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= BLOCK_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const block = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.output.write(block)) this.blocked = true;
  }

  private async drained(): Promise<void> {
    if (!this.blocked) return;
    this.blocked = false;
    await once(this.output as NodeJS.EventEmitter, 'drain');
    if (this.failure) throw this.failure;
  }

  private addPage(): void {
    this.doc.addPage();
    this.pageNumber += 1;
    this.fillColour = null;
    // The footer goes on as the page starts: with pages written out as they finish, there is no going back.
    this.doc.font('regular').fontSize(7.5).fillColor(GREY);
    line(this.doc, `${this.footer} · Page ${this.pageNumber}`, MARGIN, FOOTER_Y, CONTENT_WIDTH, 'center');
    this.doc.fillColor('black');
  }

  private drawFirstPage(header: RegisterPdfHeader): void {
    const doc = this.doc;
    const { period, asOf } = this.figures;
    this.addPage();
    doc.font('bold').fontSize(18).fillColor('black');
    line(doc, 'Request register', MARGIN, MARGIN, CONTENT_WIDTH);
    doc.font('regular').fontSize(11);
    line(doc, header.organisationName, MARGIN, MARGIN + 26, CONTENT_WIDTH);
    doc.fontSize(9);
    line(
      doc,
      `Patient-rights requests received ${period.from} to ${period.to}; open and overdue as of ${asOf}.`,
      MARGIN,
      MARGIN + 44,
      CONTENT_WIDTH,
    );
    doc.fillColor(GREY);
    line(doc, `Generated ${header.generatedAt} by ${header.generatedBy}.`, MARGIN, MARGIN + 57, CONTENT_WIDTH);
    doc.fontSize(8);
    doc.text(
      'On time: closed on or before the due date, which after an extension is the extended date. Late: closed after it, or still open ' +
        'past it (overdue). On-time rate: on time / (on time + late); requests open and not yet due are in neither. Days are calendar ' +
        'days (45 CFR 164.524(b)(2), 164.526(b)(2), 164.528(c)(1)); types with no legal deadline are judged against the clinic policy target.',
      MARGIN,
      MARGIN + 72,
      { width: CONTENT_WIDTH, lineGap: 1 },
    );
    doc.fillColor('black');
    const tableBottom = this.drawFigures(doc.y + 10);
    this.drawChart(tableBottom + 18, CONTENT_BOTTOM);
  }

  /** The figures table by type and in total; returns the y below it. */
  private drawFigures(top: number): number {
    const doc = this.doc;
    const headerHeight = 22;
    doc.rect(MARGIN, top, CONTENT_WIDTH, headerHeight).fill(SHADE);
    doc.font('bold').fontSize(8).fillColor('black');
    let x = MARGIN;
    for (const [index, column] of FIGURE_COLUMNS.entries()) {
      // Headers may take two lines: the one place a wrapping text() is used, ten times per register.
      doc.text(column.header, x + 3, top + 2, { width: column.width - 6, align: index === 0 ? 'left' : 'right' });
      x += column.width;
    }
    let y = top + headerHeight;
    const rows = [...this.figures.byType, this.figures.total];
    for (const figures of rows) {
      const total = figures === this.figures.total;
      if (total)
        doc
          .moveTo(MARGIN, y)
          .lineTo(MARGIN + CONTENT_WIDTH, y)
          .lineWidth(0.75)
          .stroke(RULE);
      doc
        .font(total ? 'bold' : 'regular')
        .fontSize(8)
        .fillColor('black');
      x = MARGIN;
      for (const [index, column] of FIGURE_COLUMNS.entries()) {
        line(doc, column.cell(figures), x + 3, y + 3, column.width - 6, index === 0 ? 'left' : 'right');
        x += column.width;
      }
      y += ROW_HEIGHT;
    }
    return y;
  }

  /** Bars of on time and late per month of receipt, between `top` and `bottom`. */
  private drawChart(top: number, bottom: number): void {
    const doc = this.doc;
    const months: MonthFigures[] = this.figures.byMonth;
    doc.font('bold').fontSize(10).fillColor('black');
    line(doc, 'On time and late, by month received', MARGIN, top, 300);

    // Legend, top right.
    doc.font('regular').fontSize(8);
    const legend: [string, string][] = [
      ['On time', ON_TIME_FILL],
      ['Late (closed late, or open past due)', LATE_FILL],
    ];
    let legendX = MARGIN + CONTENT_WIDTH;
    for (const [label] of [...legend].reverse()) legendX -= doc.widthOfString(label) + 26;
    for (const [label, colour] of legend) {
      doc.rect(legendX, top + 2, 9, 9).fill(colour);
      doc.fillColor('black');
      line(doc, label, legendX + 13, top + 2, doc.widthOfString(label) + 1);
      legendX += doc.widthOfString(label) + 26;
    }

    const plotLeft = MARGIN + 44;
    const plotRight = MARGIN + CONTENT_WIDTH - 6;
    const plotTop = top + 28;
    const plotBottom = bottom - 30;
    const plotHeight = plotBottom - plotTop;
    const { step, top: axisTop } = axisScale(Math.max(0, ...months.flatMap((month) => [month.onTime, month.late])));

    // Gridlines and the count axis.
    doc.fontSize(7).lineWidth(0.5);
    for (let value = 0; value <= axisTop; value += step) {
      const y = plotBottom - (value / axisTop) * plotHeight;
      doc
        .moveTo(plotLeft, y)
        .lineTo(plotRight, y)
        .stroke(value === 0 ? 'black' : '#dddddd');
      doc.fillColor('black');
      line(doc, String(value), plotLeft - 34, y - 3.5, 30, 'right');
    }
    doc.moveTo(plotLeft, plotTop).lineTo(plotLeft, plotBottom).lineWidth(0.75).stroke('black');
    doc.save();
    doc.rotate(-90, { origin: [MARGIN, (plotTop + plotBottom) / 2] });
    doc.font('bold').fontSize(8).fillColor('black');
    line(doc, 'Requests', MARGIN - 30, (plotTop + plotBottom) / 2, 60, 'center');
    doc.restore();

    // Bars: on time to the left of late within each month's slot.
    const slot = (plotRight - plotLeft) / Math.max(1, months.length);
    // Bars no wider than 36 points: a short period would otherwise draw slabs.
    const barWidth = Math.min(36, (slot * 0.72) / 2);
    // Label every month when the labels (YYYY-MM, about 30 points) fit, else every second, third, ...
    const labelEvery = Math.max(1, Math.ceil(38 / slot));
    doc.font('regular').fontSize(7);
    for (const [index, month] of months.entries()) {
      const groupLeft = plotLeft + index * slot + (slot - 2 * barWidth) / 2;
      for (const [offset, count, colour] of [
        [0, month.onTime, ON_TIME_FILL],
        [barWidth, month.late, LATE_FILL],
      ] as const) {
        if (count === 0) continue;
        const height = (count / axisTop) * plotHeight;
        doc.rect(groupLeft + offset, plotBottom - height, barWidth, height).fill(colour);
        const label = String(count);
        doc.fillColor('black');
        if (doc.widthOfString(label) <= barWidth + 4)
          line(doc, label, groupLeft + offset - 2, plotBottom - height - 9, barWidth + 4, 'center');
      }
      if (index % labelEvery === 0) line(doc, month.month, plotLeft + (index + 0.5) * slot - 20, plotBottom + 4, 40, 'center');
    }
    if (months.every((month) => month.onTime === 0 && month.late === 0)) {
      doc.font('italic').fontSize(9).fillColor(GREY);
      line(doc, 'No request in the period has been decided yet.', plotLeft, (plotTop + plotBottom) / 2 - 5, plotRight - plotLeft, 'center');
    }
    doc.font('bold').fontSize(8).fillColor('black');
    line(doc, 'Month received', plotLeft, plotBottom + 17, plotRight - plotLeft, 'center');
  }

  private startRowsPage(): void {
    const doc = this.doc;
    this.tableStarted = true;
    this.addPage();
    doc.rect(MARGIN, MARGIN, CONTENT_WIDTH, HEADER_HEIGHT).fill(SHADE);
    doc.font('bold').fontSize(8).fillColor('black');
    let x = MARGIN;
    for (const column of ROW_COLUMNS) {
      line(doc, column.header, x + 3, MARGIN + 4, column.width - 6);
      x += column.width;
    }
    this.y = MARGIN + HEADER_HEIGHT;
    this.fillColour = 'black';
  }

  private setFill(colour: string): void {
    if (colour === this.fillColour) return;
    this.doc.fillColor(colour);
    this.fillColour = colour;
  }

  private drawRow(row: RegisterRow): void {
    const doc = this.doc;
    // Every other row shaded, counted from each page's first, so the eye can follow a row across.
    if (((this.y - MARGIN - HEADER_HEIGHT) / ROW_HEIGHT) % 2 === 1) {
      this.setFill(SHADE);
      doc.rect(MARGIN, this.y, CONTENT_WIDTH, ROW_HEIGHT).fill();
    }
    doc.font('regular').fontSize(8);
    let x = MARGIN;
    for (const [index, column] of ROW_COLUMNS.entries()) {
      // Late and overdue results in red as well as in words.
      this.setFill(index === RESULT_COLUMN && row.onTime === false ? LATE_TEXT : 'black');
      const text = column.cell(row);
      if (!column.fits) line(doc, text, x + 3, this.y + 3, column.width - 6);
      else if (text) doc.text(text, x + 3, this.y + 3, UNWRAPPED);
      x += column.width;
    }
    this.y += ROW_HEIGHT;
  }
}
