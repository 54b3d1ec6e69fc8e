import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { CsvError, parse, type InfoRecord } from 'csv-parse';

export type ImportFormat = 'ndjson' | 'csv';

/** One logical record of the upload, or why that line could not be read. `line` is the 1-based physical line where the record starts in the file (for CSV the header is line 1). */
export type ImportLine = { line: number; record: Record<string, unknown> } | { line: number; error: string };

/** Thrown when the whole file cannot be read (e.g. a CSV with no header, or a duplicate/empty header name); the caller answers 422. */
export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}

const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

const FORMATS: Readonly<Record<string, ImportFormat>> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'text/csv': 'csv',
};

/** Picks the format from a Content-Type header value: application/x-ndjson, application/ndjson, application/jsonl -> 'ndjson'; text/csv -> 'csv' (parameters such as ;charset=utf-8 ignored, case-insensitive); anything else -> null. */
export function importFormatOf(contentType: string | undefined): ImportFormat | null {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return Object.hasOwn(FORMATS, mediaType) ? FORMATS[mediaType] : null;
}

/**
 * Reads records lazily (pull-based, honours backpressure: the consumer awaits between records and the stream must not be read far ahead).
 * Stopping early (break, return, or an ImportFormatError) leaves `body` paused but not destroyed: for an
 * HTTP request, destroying it would close the socket before the answer is sent, so the caller decides
 * whether to drain it (`resume()`) or drop it.
 */
export function readImportLines(body: Readable, format: ImportFormat, options: { maxLineBytes?: number } = {}): AsyncGenerator<ImportLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
    throw new RangeError(`maxLineBytes must be a positive integer, got ${maxLineBytes}`);
  }
  return format === 'csv' ? readCsv(body, maxLineBytes) : readNdjson(body, maxLineBytes);
}

// ---------------------------------------------------------------- NDJSON

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = '\uFEFF';

/** A physical line without its terminator, or the fact that it was too long to keep. */
type PhysicalLine = Buffer | 'too long';

// Fatal so that broken bytes become a line error instead of silently turning into U+FFFD;
// ignoreBOM keeps a BOM in the text, so only the one at the very start of the file is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

async function* readNdjson(body: Readable, maxLineBytes: number): AsyncGenerator<ImportLine> {
  let line = 0;
  for await (const bytes of physicalLines(body, maxLineBytes)) {
    line += 1;
    const outcome = ndjsonLine(bytes, line === 1, maxLineBytes);
    if (outcome !== 'blank') yield { line, ...outcome };
  }
}

function ndjsonLine(
  bytes: PhysicalLine,
  isFirst: boolean,
  maxLineBytes: number,
): { record: Record<string, unknown> } | { error: string } | 'blank' {
  if (bytes === 'too long') return { error: `line longer than ${maxLineBytes} bytes` };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { error: 'not valid UTF-8' };
  }
  if (isFirst && text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === '') return 'blank';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the input, which may be patient data: keep it out of the report.
    return { error: 'not valid JSON' };
  }
  return isPlainObject(value) ? { record: value } : { error: 'each line must be a JSON object' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Splits the body on \n, dropping a \r before it. Newline bytes never occur inside a multi-byte
 * UTF-8 sequence, so splitting bytes first and decoding whole lines is safe across chunk boundaries.
 */
async function* physicalLines(body: Readable, maxLineBytes: number): AsyncGenerator<PhysicalLine> {
  const line = new LineBuffer(maxLineBytes);
  for await (const chunk of byteChunks(body)) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      line.append(chunk.subarray(start, end));
      yield line.take();
      start = end + 1;
    }
    line.append(chunk.subarray(start));
  }
  if (line.started) yield line.take();
}

async function* byteChunks(body: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  }
}

/** Collects the bytes of one line, but never more than the limit: past it the line is only counted, not kept. */
class LineBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  private overflowed = false;
  /** Whether any byte arrived since the last newline (an unterminated last line still counts). */
  started = false;

  constructor(private readonly maxLineBytes: number) {}

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.started = true;
    if (this.overflowed) return;
    this.size += bytes.length;
    // One byte of slack for the \r of a CRLF, which is not part of the line.
    if (this.size > this.maxLineBytes + 1) {
      this.overflowed = true;
      this.parts = [];
    } else {
      this.parts.push(bytes);
    }
  }

  take(): PhysicalLine {
    const line = this.overflowed ? 'too long' : withoutTrailingCr(Buffer.concat(this.parts, this.size));
    this.parts = [];
    this.size = 0;
    this.overflowed = false;
    this.started = false;
    return line !== 'too long' && line.length > this.maxLineBytes ? 'too long' : line;
  }
}

function withoutTrailingCr(line: Buffer): Buffer {
  return line.at(-1) === CARRIAGE_RETURN ? line.subarray(0, -1) : line;
}

// ---------------------------------------------------------------- CSV

/** A header cell: `recipient.name` is stored as { key: 'recipient', sub: 'name' }. */
type Column = { key: string; sub?: string };

/** What the csv-parse hooks saw, in parser order: a record that will come out of the stream, a skipped one, or the end of reading. */
type CsvEvent = { line: number } | { line: number; error: string } | { fatal: ImportFormatError };

async function* readCsv(body: Readable, maxLineBytes: number): AsyncGenerator<ImportLine> {
  // On a fatal error: stop feeding the parser and end its output, so that the records parsed
  // before the error are still read (in order) and the error comes after them.
  const stopReading = () => {
    body.unpipe(parser);
    parser.push(null);
  };
  const tracker = new CsvLineTracker(maxLineBytes, stopReading);
  const parser = parse({
    bom: true,
    // Explicit rather than auto-discovered: auto-discovery fixes the delimiter from the first
    // line, so a later CRLF in an LF file would leave a \r at the end of the last cell.
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: true,
    // We compare each record with the header ourselves, to report "expected N, found M" per line.
    relax_column_count: true,
    skip_records_with_error: true,
    // Bounds memory: without it an unclosed quote would buffer the rest of the file.
    max_record_size: maxLineBytes,
    on_record: (cells, info) => tracker.onRecord(cells, info),
    on_skip: (error) => tracker.onSkip(error),
  });
  // Not pipeline(): it would destroy `body` when we stop early. pipe() does not forward errors, so do that here.
  const forwardError = (error: Error) => parser.destroy(error);
  body.on('error', forwardError);
  body.pipe(parser);
  try {
    let columns: Column[] | undefined;
    for await (const cells of parser as AsyncIterable<string[]>) {
      const { errors, line } = tracker.next();
      yield* errors;
      if (columns === undefined) {
        columns = readHeader(cells);
      } else {
        yield csvLine(line, columns, cells);
      }
    }
    yield* tracker.rest();
    if (columns === undefined) throw new ImportFormatError('the CSV file has no header row');
  } catch (error) {
    throw error instanceof CsvError ? new ImportFormatError(`the CSV file cannot be read: ${error.code}`) : error;
  } finally {
    body.unpipe(parser);
    body.off('error', forwardError);
    parser.destroy();
  }
}

function csvLine(line: number, columns: Column[], cells: string[]): ImportLine {
  if (cells.length !== columns.length) {
    return { line, error: `expected ${columns.length} fields, found ${cells.length}` };
  }
  return { line, record: toRecord(columns, cells) };
}

function readHeader(cells: string[]): Column[] {
  const names = cells.map((cell) => cell.trim());
  const seen = new Set<string>();
  for (const [index, name] of names.entries()) {
    if (name === '') throw new ImportFormatError(`the CSV header has an empty name in column ${index + 1}`);
    if (seen.has(name)) throw new ImportFormatError(`the CSV header names "${name}" twice`);
    seen.add(name);
  }
  const columns = names.map(toColumn);
  for (const column of columns) {
    if (column.sub !== undefined && seen.has(column.key)) {
      throw new ImportFormatError(`the CSV header has both "${column.key}" and "${column.key}.${column.sub}"`);
    }
  }
  return columns;
}

function toColumn(name: string): Column {
  const parts = name.split('.');
  if (parts.length === 1) return { key: name };
  if (parts.length > 2 || parts.some((part) => part.trim() === '')) {
    throw new ImportFormatError(`the CSV header name "${name}" must be a name or one "group.name"`);
  }
  return { key: parts[0].trim(), sub: parts[1].trim() };
}

function toRecord(columns: Column[], cells: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const value = cells[index];
    if (value === '') return;
    if (column.sub === undefined) {
      defineOwn(record, column.key, value);
    } else {
      if (!Object.hasOwn(record, column.key)) defineOwn(record, column.key, {});
      defineOwn(record[column.key] as Record<string, unknown>, column.sub, value);
    }
  });
  return record;
}

/** Like JSON.parse, a header such as `__proto__` becomes an own property instead of replacing the prototype. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Runs inside csv-parse's synchronous hooks, so it sees records and skipped records in file order,
 * while the records themselves are consumed later from the stream. It keeps:
 * - physical line numbers: csv-parse's `info.lines` counts a CRLF inside a quoted field twice
 *   (its \r and its \n each end a "line"), and gives the line where a record ends, not starts;
 * - the order of line errors: a skipped record is announced through `on_skip`, not the stream,
 *   so its error waits here until the records before it have been consumed. A fatal error waits
 *   likewise, after which nothing more is let through.
 */
class CsvLineTracker {
  private readonly events: CsvEvent[] = [];
  /** Lines csv-parse counted beyond the physical ones (one per CRLF inside a quoted field so far). */
  private drift = 0;
  /** Physical line the previous record ended on, and csv-parse's count of skipped empty lines then. */
  private lastEnd = 0;
  private lastEmptyLines = 0;
  private headerSeen = false;
  /** csv-parse line of the last skip since the last record: a second stray quote in the same record is not a new error. */
  private lastSkipLines: number | undefined;
  private failed = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly stopReading: () => void,
  ) {}

  onRecord(cells: string[], info: InfoRecord): string[] | null {
    // After a fatal error csv-parse may still be mid-chunk, in a state that yields garbage.
    if (this.failed) return null;
    this.drift += cells.reduce((sum, cell) => sum + count(cell, /\r\n/g), 0);
    const end = info.lines - this.drift;
    const start = end - cells.reduce((sum, cell) => sum + count(cell, /\r\n|\r|\n/g), 0);
    this.lastEnd = end;
    this.lastEmptyLines = info.empty_lines;
    this.lastSkipLines = undefined;
    // A row of nothing but blanks (say `,,,` from a spreadsheet) is a blank line, not a record.
    if (cells.every((cell) => cell.trim() === '')) return null;
    this.headerSeen = true;
    this.events.push({ line: start });
    return cells;
  }

  onSkip(error: CsvError | undefined): undefined {
    if (this.failed) return;
    const lines = numberIn(error, 'lines') ?? this.lastEnd + this.drift + 1;
    const emptyLines = numberIn(error, 'empty_lines') ?? this.lastEmptyLines;
    const at = { start: this.lastEnd + 1 + (emptyLines - this.lastEmptyLines), found: lines - this.drift };
    if (error?.code !== 'INVALID_OPENING_QUOTE' || !this.headerSeen) {
      this.failed = true;
      this.events.push({ fatal: fatalCsvError(error?.code, at, this.maxLineBytes) });
      this.stopReading();
      return;
    }
    if (lines === this.lastSkipLines) return;
    this.lastSkipLines = lines;
    // csv-parse stays out of quoting mode after a stray quote, so the next record starts cleanly.
    this.events.push({ line: at.start, error: 'a quote inside an unquoted field (quote the whole field and double the inner quotes)' });
    this.lastEnd = at.found;
    this.lastEmptyLines = emptyLines;
  }

  /** The line of the next record out of the stream, and the skipped records before it. */
  next(): { errors: ImportLine[]; line: number } {
    const errors: ImportLine[] = [];
    for (let event = this.events.shift(); event !== undefined; event = this.events.shift()) {
      if ('fatal' in event) break;
      if (!('error' in event)) return { errors, line: event.line };
      errors.push(event);
    }
    throw new Error('csv-parse emitted a record its on_record hook did not see');
  }

  /** Skipped records after the last record, then the fatal error if there was one. */
  *rest(): Generator<ImportLine> {
    for (const event of this.events.splice(0)) {
      if ('fatal' in event) throw event.fatal;
      if ('error' in event) yield event;
    }
  }
}

/**
 * The skips csv-parse cannot recover from. After a bad closing quote it stays inside the quoted
 * field and swallows the lines that follow; after an overlong record it drops the rest of the
 * chunk it was parsing (csv-parse 7.0.3). Either way later lines would be lost without a trace.
 * `start` is where the failing record starts, `found` the line where csv-parse noticed.
 */
function fatalCsvError(
  code: string | undefined,
  { start, found }: { start: number; found: number },
  maxLineBytes: number,
): ImportFormatError {
  const reasons: Record<string, string> = {
    CSV_INVALID_CLOSING_QUOTE: `on line ${found} a closing quote is followed by something other than a comma or a line end`,
    CSV_QUOTE_NOT_CLOSED: `the record starting on line ${start} opens a quoted field that is never closed`,
    CSV_MAX_RECORD_SIZE: `the record starting on line ${start} is longer than ${maxLineBytes} bytes`,
    INVALID_OPENING_QUOTE: `the header on line ${found} has a quote inside an unquoted field`,
  };
  const reason = code !== undefined && Object.hasOwn(reasons, code) ? reasons[code] : `malformed CSV on line ${found} (${code})`;
  return new ImportFormatError(`the CSV file cannot be read: ${reason}`);
}

function numberIn(error: CsvError | undefined, key: string): number | undefined {
  const value = error?.[key];
  return typeof value === 'number' ? value : undefined;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
