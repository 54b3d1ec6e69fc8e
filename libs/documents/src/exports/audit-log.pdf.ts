import { once } from 'node:events';
import PDFDocument from 'pdfkit';
import { FONTS } from '../fonts.js';

/** What the first page of an audit-log export states: what was asked for, what was found, whether the chain holds. */
export interface AuditExportCover {
  organisationName: string;
  /** ISO instant; also the PDF's creation date. */
  generatedAt: string;
  /** e.g. `user:<uuid>`. */
  generatedBy: string;
  /** ISO instants; `patientId` and `actor` are null or absent when not filtered on. */
  filter: { from: string; to: string; patientId?: string | null; actor?: string | null };
  count: number;
  firstHash: string | null;
  lastHash: string | null;
  /** The audit verifier's result over the period (VerifyResult). */
  verification: {
    ok: boolean;
    checked: number;
    firstBadId?: string;
    reason?: 'hash_mismatch' | 'event_missing' | 'link_missing';
    pending: number;
  };
}

/** One audit event as exported. */
export interface AuditExportRow {
  id: string;
  /** ISO instant. */
  occurredAt: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  patientId: string | null;
  outcome: string;
  clientAddress: string | null;
  requestId: string | null;
  /** Compact JSON, ids only. */
  details: string;
  /** Null while not yet sealed (or when its link is missing). */
  hash: string | null;
}

type Doc = InstanceType<typeof PDFDocument>;
type Page = Doc['page'];

const REASONS = {
  hash_mismatch: 'an event was changed after it was recorded',
  event_missing: 'an event was deleted',
  link_missing: 'a link of the chain is missing',
} as const;

// Landscape US Letter in points, y growing downwards as in PDFKit.
const WIDTH = 792;
const HEIGHT = 612;
const LEFT = 30;
const RIGHT = WIDTH - 30;
const TABLE_TOP = 68;
const TABLE_BOTTOM = 580;
// Fixed-height rows of two single lines: no cell is measured for wrapping, and a page holds a known number.
const ROW_HEIGHT = 18;
const ROWS_PER_PAGE = Math.floor((TABLE_BOTTOM - TABLE_TOP) / ROW_HEIGHT);
const CELL_SIZE = 7;
const SECOND_LINE_SIZE = 6.5;
const PADDING = 2;

interface Column {
  label: string;
  x: number;
  width: number;
}

/** Columns laid side by side from the left margin; the widths add up to the page's usable width. */
function columns(spec: [string, number][]): Column[] {
  let x = LEFT;
  return spec.map(([label, width]) => {
    const column = { label, x, width };
    x += width;
    return column;
  });
}

// First line: what happened. Second line, under it: where it came from and what it touched.
// Widths (padding included) that fit, whatever its hex digits, a uuid on the second line and on the first
// a user:<uuid> actor, "request <uuid>" and "document <uuid>" targets, the longest action and a 12-digit hash.
const FIRST_LINE = columns([
  ['Event id', 50],
  ['Time (UTC)', 80],
  ['Actor', 176],
  ['Action', 114],
  ['Target', 212],
  ['Outcome', 42],
  ['Hash', 58],
]);
const SECOND_LINE = columns([
  ['Request id', 148],
  ['Patient id', 148],
  ['Client address', 112],
  ['Details', 324],
]);

const COUNT = new Intl.NumberFormat('en-US');

/** PDF number syntax: two decimals are finer than any printer. */
const num = (value: number) => String(Math.round(value * 100) / 100);

/** `2026-02-09 14:03:22` from any ISO instant; the text as given when it is not one. */
function timeCell(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const utc = time.toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}`;
}

/**
 * PDFKit 0.20's embedded TrueType font as `doc._font` holds it (not in its
 * types): its resource name, its ascender (1/1000 em), `encode` (glyph ids as
 * 4-digit hex, and advances in 1/1000 em; adds the glyphs to the embedded
 * subset with their widths and Unicode values) and its indirect object.
 */
interface EmbeddedFont {
  readonly id: string;
  readonly ascender: number;
  encode(text: string): [string[], { xAdvance: number }[]];
  ref(): object;
}

function currentFont(doc: Doc): EmbeddedFont {
  const font = (doc as unknown as { _font?: Partial<EmbeddedFont> })._font;
  if (
    !font ||
    typeof font.id !== 'string' ||
    typeof font.ascender !== 'number' ||
    typeof font.encode !== 'function' ||
    typeof font.ref !== 'function'
  )
    throw new Error('PDFKit no longer exposes its embedded font as this writer expects (pinned to pdfkit 0.20)');
  return font as EmbeddedFont;
}

interface Glyph {
  hex: string;
  advance: number;
}

/** Glyph ids (hex) of a line, its width in points, and whether it was cut short. */
interface Run {
  hex: string;
  width: number;
  cut: boolean;
}

/**
 * Single-line text drawn straight from glyph ids. PDFKit's text() shapes every
 * string with fontkit (0.1-0.3 ms a cell, the whole cost of a table), and its
 * layout cache keeps every distinct word it has shaped (each id, hash and
 * time) until the document ends: a million events would take many minutes and
 * gigabytes. Ids need no shaping (no kerning or ligatures), so each character
 * is encoded once, through PDFKit, and reused: memory is bounded by the
 * characters seen, and a cell costs a few map look-ups.
 */
class GlyphText {
  private readonly glyphs = new Map<string, Glyph>();
  private readonly ellipsis: Glyph;

  constructor(readonly font: EmbeddedFont) {
    this.ellipsis = this.glyph('…');
  }

  /** The glyphs of `text` at `size`, cut short with an ellipsis where they would pass `width` points. */
  fit(text: string, size: number, width: number): Run {
    const limit = (width * 1000) / size;
    let hex = '';
    let advance = 0;
    let cutHex = '';
    let cutAdvance = 0;
    for (const char of text) {
      const glyph = this.glyph(char);
      if (advance + glyph.advance > limit)
        return { hex: cutHex + this.ellipsis.hex, width: ((cutAdvance + this.ellipsis.advance) * size) / 1000, cut: true };
      hex += glyph.hex;
      advance += glyph.advance;
      if (advance + this.ellipsis.advance <= limit) {
        cutHex = hex;
        cutAdvance = advance;
      }
    }
    return { hex, width: (advance * size) / 1000, cut: false };
  }

  /** `head tail` fitted to `width`, the head cut first: a long target type gives way to its id. */
  fitKeepingTail(head: string, tail: string, size: number, width: number): Run {
    const whole = this.fit(`${head} ${tail}`, size, width);
    if (!whole.cut) return whole;
    const end = this.fit(` ${tail}`, size, width);
    if (end.cut) return whole;
    const start = this.fit(head, size, width - end.width);
    return { hex: start.hex + end.hex, width: start.width + end.width, cut: true };
  }

  /** Distance from a line's top to its baseline. */
  ascent(size: number): number {
    return (this.font.ascender * size) / 1000;
  }

  private glyph(char: string): Glyph {
    let glyph = this.glyphs.get(char);
    if (!glyph) {
      // A control character (a stray newline or tab in a value) prints as a space, on the one line.
      const code = char.codePointAt(0) ?? 0x20;
      const [hex, positions] = this.font.encode(code < 0x20 || (code >= 0x7f && code < 0xa0) ? ' ' : char);
      glyph = { hex: hex.join(''), advance: positions.reduce((sum, position) => sum + position.xAdvance, 0) };
      this.glyphs.set(char, glyph);
    }
    return glyph;
  }
}

/** Text operators for single lines, drawn inside PDFKit's own flip back to PDF's y-up space. */
class TextOps {
  private readonly ops: string[] = ['q', `1 0 0 -1 0 ${HEIGHT} cm`, 'BT'];
  private font: string | null = null;

  color(rgb: string): this {
    this.ops.push(`${rgb} rg`);
    return this;
  }

  /** `value` from `x`, its top at `top`, cut to `width`; `align: 'center'` centres it in `width`. */
  add(glyphs: GlyphText, value: string, size: number, x: number, top: number, width: number, align: 'left' | 'center' = 'left'): this {
    return this.run(glyphs, glyphs.fit(value, size, width), size, x, top, width, align);
  }

  /** A line already fitted (by `glyphs`, at `size`). */
  run(glyphs: GlyphText, run: Run, size: number, x: number, top: number, width: number, align: 'left' | 'center' = 'left'): this {
    const font = `/${glyphs.font.id} ${num(size)} Tf`;
    if (font !== this.font) this.ops.push((this.font = font));
    const left = align === 'center' ? x + (width - run.width) / 2 : x;
    this.ops.push(`1 0 0 1 ${num(left)} ${num(HEIGHT - top - glyphs.ascent(size))} Tm <${run.hex}> Tj`);
    return this;
  }

  /** The operators, ended; `after` (PDF operators in PDFKit's y-down space) is drawn after the text. */
  done(after = ''): string {
    return `${this.ops.join('\n')}\nET\nQ${after ? `\n${after}` : ''}`;
  }
}

/**
 * PDFKit writes an object a line at a time; this packs its output into 64 KB
 * blocks before writing them, and remembers when `output` asked to wait
 * (write returned false) so that the writer can wait for 'drain'.
 */
class BlockWriter {
  private static readonly BLOCK = 64 * 1024;
  private block = Buffer.allocUnsafe(BlockWriter.BLOCK);
  private used = 0;
  private drained: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(private readonly output: NodeJS.WritableStream) {
    output.on('error', (error: unknown) => {
      this.failure ??= error;
    });
  }

  add(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === this.block.length) this.flush();
      const take = Math.min(chunk.length - offset, this.block.length - this.used);
      this.block.set(chunk.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
    }
  }

  /** Writes what is packed so far; the block is handed over, never reused. */
  flush(): void {
    if (this.used === 0) return;
    const bytes = this.block.subarray(0, this.used);
    this.block = Buffer.allocUnsafe(BlockWriter.BLOCK);
    this.used = 0;
    if (!this.output.write(bytes) && !this.drained) {
      const drained = once(this.output, 'drain').then(() => {
        this.drained = null;
      });
      // Awaited by settle(); an error meanwhile is kept in `failure`, not left unhandled.
      drained.catch(() => undefined);
      this.drained = drained;
    }
  }

  /** Resolves once `output` can take more; rejects if it failed. */
  async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.drained) await this.drained;
    if (this.failure) throw this.failure;
  }

  /** Ends `output` and resolves when it has finished. */
  async end(): Promise<void> {
    await this.settle();
    await new Promise<void>((resolve, reject) => {
      this.output.once('error', reject);
      this.output.end((error?: unknown) => (error ? reject(error) : resolve()));
    });
  }
}

/**
 * PDFKit keeps every page's dictionary (for the page tree's /Kids) with its
 * resources and content references; once the page is written only its
 * reference is needed, so the rest is dropped: a 40,000-page export keeps
 * 40,000 small objects instead of 40,000 page trees.
 */
function forgetWrittenPage(page: Page): void {
  const data = page.dictionary.data as Record<string, unknown>;
  for (const key of Object.keys(data)) delete data[key];
}

/**
 * Streams the audit-log export to `output`: a cover page first, then every
 * event in a table, header repeated on every page, "Page N" footer.
 * bufferPages is false and nothing is retained per row (no structure tree,
 * no per-word layout cache), so a million events export with flat memory.
 * Await each write() before the next; end() finishes the PDF and ends `output`.
 */
export class AuditLogPdfWriter {
  /** Events on each table page. */
  static readonly rowsPerPage = ROWS_PER_PAGE;

  private readonly doc: Doc;
  private readonly bytes: BlockWriter;
  private readonly flowing: Promise<void>;
  private readonly regular: GlyphText;
  private readonly bold: GlyphText;
  private pageCount = 0;
  private rowCount = 0;
  // Slot of the next row on the current table page; "full" until the first table page starts.
  private slot = ROWS_PER_PAGE;
  private tableStarted = false;
  private ended = false;

  constructor(
    output: NodeJS.WritableStream,
    private readonly cover: AuditExportCover,
  ) {
    const generatedAt = new Date(cover.generatedAt);
    if (Number.isNaN(generatedAt.getTime())) throw new TypeError(`generatedAt is not an ISO instant: ${cover.generatedAt}`);
    this.doc = new PDFDocument({
      size: 'LETTER',
      layout: 'landscape',
      margins: { top: 30, bottom: 30, left: LEFT, right: WIDTH - RIGHT },
      autoFirstPage: false,
      bufferPages: false,
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      lang: 'en-US',
      displayTitle: true,
      info: {
        Title: `Audit log export, ${cover.organisationName}`,
        Author: cover.organisationName,
        Subject: `Audit events from ${cover.filter.from} to ${cover.filter.to}`,
        Creator: 'Patient Rights Desk',
        Producer: 'Patient Rights Desk',
        CreationDate: generatedAt,
        ModDate: generatedAt,
      },
    });
    this.bytes = new BlockWriter(output);
    this.doc.on('data', (chunk: Uint8Array) => this.bytes.add(chunk));
    // Rows are drawn once the document flows: from then on its output reaches `output` as
    // it is made, rather than piling up in the document's own stream buffer.
    this.flowing = new Promise<void>((resolve) => setImmediate(resolve));

    this.doc.registerFont('regular', FONTS.regular);
    this.doc.registerFont('bold', FONTS.bold);
    this.regular = new GlyphText(currentFont(this.doc.font('regular')));
    this.bold = new GlyphText(currentFont(this.doc.font('bold')));
    this.drawCover();
  }

  /** Pages made so far, the cover included; the total once end() has resolved. */
  get pages(): number {
    return this.pageCount;
  }

  /** Events written so far. */
  get rows(): number {
    return this.rowCount;
  }

  /** Adds events to the table, in order; resolves when `output` has room for more. */
  async write(rows: readonly AuditExportRow[]): Promise<void> {
    if (this.ended) throw new Error('the audit-log export has already ended');
    await this.flowing;
    for (const row of rows) {
      if (this.slot === ROWS_PER_PAGE) this.startTablePage();
      this.drawRow(row, TABLE_TOP + this.slot * ROW_HEIGHT);
      this.slot += 1;
      this.rowCount += 1;
    }
    this.bytes.flush();
    await this.bytes.settle();
  }

  /** Closes the table with the number of events listed, finishes the PDF and ends `output`. */
  async end(): Promise<void> {
    if (this.ended) throw new Error('the audit-log export has already ended');
    this.ended = true;
    await this.flowing;
    if (!this.tableStarted || this.slot === ROWS_PER_PAGE) this.startTablePage();
    this.drawClosingLine(TABLE_TOP + this.slot * ROW_HEIGHT + 4);
    const finished = once(this.doc, 'end');
    this.doc.end();
    await finished;
    this.bytes.flush();
    await this.bytes.end();
  }

  private startPage(): void {
    const previous = this.pageCount > 0 ? this.doc.page : null;
    this.doc.addPage();
    if (previous) forgetWrittenPage(previous);
    this.pageCount += 1;
    // The glyph text below bypasses PDFKit's text(), which would otherwise list the fonts in the page's resources.
    const fonts = this.doc.page.fonts as Record<string, object>;
    for (const text of [this.regular, this.bold]) fonts[text.font.id] = text.font.ref();
    const footer = new TextOps()
      .color('0.27 0.27 0.27')
      .add(this.regular, `Page ${this.pageCount}`, 8, LEFT, HEIGHT - 22, RIGHT - LEFT, 'center');
    this.doc.addContent(footer.done());
  }

  private startTablePage(): void {
    this.startPage();
    this.tableStarted = true;
    this.slot = 0;
    const { cover } = this;
    const scope = [
      `${cover.filter.from} to ${cover.filter.to}`,
      cover.filter.patientId ? `patient ${cover.filter.patientId}` : null,
      cover.filter.actor ? `actor ${cover.filter.actor}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const ops = new TextOps()
      .color('0.27 0.27 0.27')
      .add(this.regular, `Audit log export, ${cover.organisationName}: ${scope}`, 7.5, LEFT, 30, RIGHT - LEFT);
    ops.color('0 0 0');
    for (const column of FIRST_LINE) ops.add(this.bold, column.label, CELL_SIZE, column.x + PADDING, 46, column.width - 2 * PADDING);
    ops.color('0.35 0.35 0.35');
    for (const column of SECOND_LINE)
      ops.add(this.bold, column.label, SECOND_LINE_SIZE, column.x + PADDING, 55, column.width - 2 * PADDING);
    this.doc.addContent(ops.done(`q\n0.6 w\n${LEFT} ${TABLE_TOP - 2} m\n${RIGHT} ${TABLE_TOP - 2} l\nS\nQ`));
  }

  private drawRow(row: AuditExportRow, top: number): void {
    const first = [
      row.id,
      timeCell(row.occurredAt),
      row.actor,
      row.action,
      null,
      row.outcome,
      row.hash ? row.hash.slice(0, 12) : 'unsealed',
    ];
    const second = [row.requestId ?? '', row.patientId ?? '', row.clientAddress ?? '', row.details];
    const ops = new TextOps().color('0 0 0');
    FIRST_LINE.forEach((column, index) => {
      const [x, width] = [column.x + PADDING, column.width - 2 * PADDING];
      const value = first[index];
      if (value !== null) ops.add(this.regular, value, CELL_SIZE, x, top + 2, width);
      else if (row.targetId)
        ops.run(this.regular, this.regular.fitKeepingTail(row.targetType, row.targetId, CELL_SIZE, width), CELL_SIZE, x, top + 2, width);
      else ops.add(this.regular, row.targetType, CELL_SIZE, x, top + 2, width);
    });
    ops.color('0.35 0.35 0.35');
    SECOND_LINE.forEach((column, index) => {
      if (second[index]) ops.add(this.regular, second[index], SECOND_LINE_SIZE, column.x + PADDING, top + 10, column.width - 2 * PADDING);
    });
    const rule = num(top + ROW_HEIGHT - 0.5);
    this.doc.addContent(ops.done(`q\n0.8 0.8 0.8 RG\n0.25 w\n${LEFT} ${rule} m\n${RIGHT} ${rule} l\nS\nQ`));
  }

  private drawClosingLine(top: number): void {
    const listed =
      this.rowCount === 0 ? 'no events listed' : `${COUNT.format(this.rowCount)} event${this.rowCount === 1 ? '' : 's'} listed`;
    // The cover was made before the rows were read: if their number differs, say so rather than let the two disagree silently.
    const differs =
      this.rowCount === this.cover.count ? '' : ` (the cover counts ${COUNT.format(this.cover.count)}, counted when the export began)`;
    const ops = new TextOps()
      .color('0 0 0')
      .add(this.bold, `End of export: ${listed}${differs}.`, CELL_SIZE + 1, LEFT + PADDING, top, RIGHT - LEFT);
    this.doc.addContent(ops.done());
  }

  /** The cover: the verification result first and prominently, then the filter, the count and the chain's ends. */
  private drawCover(): void {
    this.startPage();
    const doc = this.doc;
    const { cover } = this;
    const { verification } = cover;
    const width = RIGHT - LEFT;
    doc.x = LEFT;
    doc.y = 40;
    doc.font('bold').fontSize(20).fillColor('black').text('Audit log export', { width });
    doc.font('regular').fontSize(12).text(cover.organisationName, { width });
    doc.moveDown(1);

    const panelTop = doc.y;
    const panelText = (write: () => void) => {
      doc.x = LEFT + 12;
      doc.y = panelTop + 10;
      write();
      const bottom = doc.y + 8;
      return bottom;
    };
    if (verification.ok) {
      const bottom = panelText(() => {
        doc
          .font('bold')
          .fontSize(14)
          .fillColor('#1b5e20')
          .text('Hash chain verified: it holds.', { width: width - 24 });
        doc
          .font('regular')
          .fontSize(10)
          .fillColor('black')
          .text(
            `${COUNT.format(verification.checked)} sealed events of the period were re-computed; none was changed, deleted or unlinked.`,
            {
              width: width - 24,
            },
          );
        this.pendingNote(width - 24);
      });
      doc
        .save()
        .lineWidth(1.5)
        .strokeColor('#1b5e20')
        .rect(LEFT, panelTop, width, bottom - panelTop)
        .stroke()
        .restore();
      doc.y = bottom;
    } else {
      const where = verification.firstBadId ? `at event ${verification.firstBadId}` : 'at an event it could not name';
      const why = verification.reason ? REASONS[verification.reason] : 'the chain does not verify';
      const bottom = panelText(() => {
        doc
          .font('bold')
          .fontSize(18)
          .fillColor('#b71c1c')
          .text('THE HASH CHAIN IS BROKEN', { width: width - 24 });
        doc
          .font('bold')
          .fontSize(12)
          .text(`It breaks ${where}: ${why}.`, { width: width - 24 });
        doc
          .font('regular')
          .fontSize(10)
          .fillColor('black')
          .text(
            `${COUNT.format(verification.checked)} sealed events before that point were re-computed and hold. Verification stopped there: ` +
              'from that event on, the events below cannot be shown to be unaltered. Investigate before relying on this log.',
            { width: width - 24 },
          );
        this.pendingNote(width - 24);
      });
      doc
        .save()
        .lineWidth(3)
        .strokeColor('#b71c1c')
        .rect(LEFT, panelTop, width, bottom - panelTop)
        .stroke()
        .restore();
      doc.y = bottom;
    }

    doc.moveDown(1.2);
    const facts: [string, string][] = [
      ['Period', `from ${cover.filter.from} to ${cover.filter.to} (UTC; the end is not included)`],
      ['Patient', cover.filter.patientId ? cover.filter.patientId : 'all patients'],
      ['Actor', cover.filter.actor ? cover.filter.actor : 'all actors'],
      ['Events', COUNT.format(cover.count)],
      ['First hash', cover.firstHash ?? (cover.count ? 'none (the first event is not sealed)' : 'none (no events)')],
      ['Last hash', cover.lastHash ?? (cover.count ? 'none (the last event is not sealed)' : 'none (no events)')],
      ['Generated', `${cover.generatedAt} by ${cover.generatedBy}`],
    ];
    for (const [label, value] of facts) {
      const top = doc.y;
      doc.font('bold').fontSize(10).fillColor('black').text(label, LEFT, top, { width: 110 });
      doc.font('regular').text(value, LEFT + 120, top, { width: width - 120 });
      doc.x = LEFT;
      doc.moveDown(0.3);
    }
    doc.moveDown(1);
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#444444')
      .text(
        'The table lists every event of the export, oldest first, one per row: its time, who acted, what they did to which target, with ' +
          'what outcome, and under it the request id, patient id, client address and details (ids only). "Hash" is the start of the ' +
          'event\'s link in the hash chain (the CSV export carries it in full); "unsealed" marks an event without a link. ' +
          'The chain is verified over every event of the period, whatever the patient or actor filter.',
        LEFT,
        doc.y,
        { width },
      );
    doc.fillColor('black');
  }

  private pendingNote(width: number): void {
    const pending = this.cover.verification.pending;
    if (pending === 0) return;
    this.doc
      .moveDown(0.4)
      .font('bold')
      .fontSize(10)
      .fillColor('#8a4b00')
      .text(
        `${COUNT.format(pending)} event${pending === 1 ? ' was' : 's were'} recorded but not yet sealed when the chain was verified: ` +
          `${pending === 1 ? 'it is' : 'they are'} not covered by the verification, and show "unsealed" in the Hash column if listed here.`,
        { width },
      );
    this.doc.fillColor('black');
  }
}
