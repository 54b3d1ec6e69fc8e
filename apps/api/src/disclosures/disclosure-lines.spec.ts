import { Readable } from 'node:stream';
import { ImportFormatError, importFormatOf, readImportLines, type ImportFormat, type ImportLine } from './disclosure-lines.js';

/** The text as UTF-8 bytes, cut at the given byte offsets (to land inside characters and CRLFs). */
function chunks(text: string, ...cuts: number[]): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const bounds = [0, ...cuts, bytes.length];
  return bounds.slice(1).map((end, index) => bytes.subarray(bounds[index], end));
}

/** The text as UTF-8 bytes in pieces of `size` bytes. */
function pieces(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const result: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) result.push(bytes.subarray(start, start + size));
  return result;
}

async function readAllFrom(body: Readable, format: ImportFormat, options?: { maxLineBytes?: number }): Promise<ImportLine[]> {
  const lines: ImportLine[] = [];
  for await (const line of readImportLines(body, format, options)) lines.push(line);
  return lines;
}

const readAll = (parts: Buffer[], format: ImportFormat, options?: { maxLineBytes?: number }) =>
  readAllFrom(Readable.from(parts), format, options);

/** The message of the ImportFormatError the promise rejects with. */
async function formatErrorOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ImportFormatError);
  return error instanceof Error ? error.message : '';
}

const ndjson = (parts: Buffer[], options?: { maxLineBytes?: number }) => readAll(parts, 'ndjson', options);
const csv = (parts: Buffer[], options?: { maxLineBytes?: number }) => readAll(parts, 'csv', options);

describe('importFormatOf', () => {
  it('recognises the NDJSON media types', () => {
    expect(importFormatOf('application/x-ndjson')).toBe('ndjson');
    expect(importFormatOf('application/ndjson')).toBe('ndjson');
    expect(importFormatOf('application/jsonl')).toBe('ndjson');
  });

  it('recognises CSV, ignoring case and parameters', () => {
    expect(importFormatOf('text/csv')).toBe('csv');
    expect(importFormatOf('Text/CSV; charset=utf-8')).toBe('csv');
    expect(importFormatOf(' application/X-NDJSON ;charset=UTF-8')).toBe('ndjson');
  });

  it('answers null for anything else', () => {
    expect(importFormatOf(undefined)).toBeNull();
    expect(importFormatOf('')).toBeNull();
    expect(importFormatOf('application/json')).toBeNull();
    expect(importFormatOf('text/plain')).toBeNull();
    expect(importFormatOf('toString')).toBeNull();
  });
});

describe('readImportLines (NDJSON)', () => {
  it('yields one record per line, decoding a character split between chunks', async () => {
    const text = '{"name":"Zoë"}\n{"name":"Ada","n":2}\n';
    const insideE = Buffer.from('{"name":"Zo').length + 1;
    expect(await ndjson(chunks(text, 3, insideE))).toEqual([
      { line: 1, record: { name: 'Zoë' } },
      { line: 2, record: { name: 'Ada', n: 2 } },
    ]);
  });

  it('skips blank lines but still counts them', async () => {
    expect(await ndjson(chunks('\n{"a":1}\n   \n\t\n{"a":2}\n\n'))).toEqual([
      { line: 2, record: { a: 1 } },
      { line: 5, record: { a: 2 } },
    ]);
  });

  it('reports a line that is not JSON with its line number and reads on', async () => {
    expect(await ndjson(chunks('{"a":1}\n{"a":\n{"a":3}\n'))).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 2, error: 'not valid JSON' },
      { line: 3, record: { a: 3 } },
    ]);
  });

  it('reports JSON that is not an object', async () => {
    expect(await ndjson(chunks('[1,2]\nnull\n42\n"text"\n{"ok":true}\n'))).toEqual([
      { line: 1, error: 'each line must be a JSON object' },
      { line: 2, error: 'each line must be a JSON object' },
      { line: 3, error: 'each line must be a JSON object' },
      { line: 4, error: 'each line must be a JSON object' },
      { line: 5, record: { ok: true } },
    ]);
  });

  it('keeps patient data out of the error message', async () => {
    const [line] = await ndjson(chunks('{"name":"Ada Lovelace"\n'));
    expect(JSON.stringify(line)).not.toContain('Ada');
  });

  it('reads a final line without a trailing newline', async () => {
    expect(await ndjson(chunks('{"a":1}\n{"a":2}', 10))).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 2, record: { a: 2 } },
    ]);
  });

  it('tolerates CRLF, even when a chunk ends between the \\r and the \\n', async () => {
    const text = '{"a":1}\r\n\r\n{"a":2}\r\n';
    expect(await ndjson(chunks(text, text.indexOf('\n')))).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 3, record: { a: 2 } },
    ]);
  });

  it('ignores a leading BOM, even one split between chunks', async () => {
    expect(await ndjson(chunks('\uFEFF{"a":1}\n', 1, 2))).toEqual([{ line: 1, record: { a: 1 } }]);
  });

  it('reports bytes that are not UTF-8', async () => {
    const bad = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n{"a":2}\n')]);
    expect(await ndjson([bad])).toEqual([
      { line: 1, error: 'not valid UTF-8' },
      { line: 2, record: { a: 2 } },
    ]);
  });

  it('reports an overlong line, does not keep it, and reads the next line', async () => {
    const long = `{"a":"${'x'.repeat(200)}"}`;
    const text = `{"a":1}\n${long}\n{"a":3}\n`;
    expect(await ndjson(pieces(text, 7), { maxLineBytes: 64 })).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 2, error: 'line longer than 64 bytes' },
      { line: 3, record: { a: 3 } },
    ]);
  });

  it('allows a line of exactly the limit, with or without CRLF', async () => {
    const line = `{"a":"${'x'.repeat(56)}"}`; // 64 bytes
    expect(await ndjson(chunks(`${line}\r\n${line}\n${line}x\n`), { maxLineBytes: 64 })).toEqual([
      { line: 1, record: { a: 'x'.repeat(56) } },
      { line: 2, record: { a: 'x'.repeat(56) } },
      { line: 3, error: 'line longer than 64 bytes' },
    ]);
  });

  it('defaults the limit to 64 KiB', async () => {
    const [line] = await ndjson(pieces(`{"a":"${'x'.repeat(70_000)}"}\n`, 4096));
    expect(line).toEqual({ line: 1, error: 'line longer than 65536 bytes' });
  });

  it('finds 3 bad lines among 1,000 at their line numbers', async () => {
    const bad = new Set([7, 500, 1000]);
    const text = Array.from({ length: 1000 }, (_, i) => (bad.has(i + 1) ? '{oops' : JSON.stringify({ n: i + 1 }))).join('\n');
    const lines = await ndjson(pieces(text, 77));
    const records = lines.filter((line) => 'record' in line);
    expect(records).toHaveLength(997);
    expect(records.every((line) => 'record' in line && line.record.n === line.line)).toBe(true);
    expect(lines.filter((line) => 'error' in line).map((line) => line.line)).toEqual([7, 500, 1000]);
  });

  it('reads lazily: stopping after 10 records leaves the source far from drained', async () => {
    let produced = 0;
    function* source(): Generator<Buffer> {
      for (let n = 1; n <= 100_000; n++) {
        produced += 1;
        yield Buffer.from(`{"n":${n}}\n`);
      }
    }
    const body = Readable.from(source());
    const seen: ImportLine[] = [];
    for await (const line of readImportLines(body, 'ndjson')) {
      seen.push(line);
      if (seen.length === 10) break;
    }
    expect(seen.map((line) => line.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(produced).toBeLessThan(100);
    // Left to the caller: destroying an HTTP request would close the socket before the answer.
    expect(body.destroyed).toBe(false);
    body.destroy();
  });

  it('passes on an error of the body stream', async () => {
    const body = new Readable({
      read() {
        this.destroy(new Error('client went away'));
      },
    });
    await expect(readImportLines(body, 'ndjson').next()).rejects.toThrow('client went away');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => readImportLines(Readable.from([]), 'ndjson', { maxLineBytes: 0 })).toThrow(RangeError);
  });
});

describe('readImportLines (CSV)', () => {
  it('maps each record onto the trimmed header names', async () => {
    expect(await csv(chunks(' id , name \n1,Zoë\n2,Ada\n', 5, 17))).toEqual([
      { line: 2, record: { id: '1', name: 'Zoë' } },
      { line: 3, record: { id: '2', name: 'Ada' } },
    ]);
  });

  it('nests dotted header names one level', async () => {
    expect(await csv(chunks('id,recipient.name,recipient.address\n1,Dr Who,1 Police Box\n'))).toEqual([
      { line: 2, record: { id: '1', recipient: { name: 'Dr Who', address: '1 Police Box' } } },
    ]);
  });

  it('omits empty cells, and a group whose cells are all empty', async () => {
    expect(await csv(chunks('id,note,recipient.name,recipient.address\n1,,,\n2,,Ada,\n'))).toEqual([
      { line: 2, record: { id: '1' } },
      { line: 3, record: { id: '2', recipient: { name: 'Ada' } } },
    ]);
  });

  it('reads quoted commas, quotes and newlines, numbering a record by its first line', async () => {
    const text = 'id,note\r\n1,"a, b"\r\n2,"she said ""no"""\r\n3,"two\r\nlines"\r\n4,"three\nmore\nlines"\r\n5,last\r\n';
    expect(await csv(chunks(text, text.indexOf('two') + 4, text.indexOf('two') + 5))).toEqual([
      { line: 2, record: { id: '1', note: 'a, b' } },
      { line: 3, record: { id: '2', note: 'she said "no"' } },
      { line: 4, record: { id: '3', note: 'two\r\nlines' } },
      { line: 6, record: { id: '4', note: 'three\nmore\nlines' } },
      { line: 9, record: { id: '5', note: 'last' } },
    ]);
  });

  it('skips blank lines, counting them, and reads a last line without newline', async () => {
    expect(await csv(chunks('id,name\n\n1,Ada\n\n\n2,Zoë'))).toEqual([
      { line: 3, record: { id: '1', name: 'Ada' } },
      { line: 6, record: { id: '2', name: 'Zoë' } },
    ]);
  });

  it('ignores a BOM and LF/CRLF mixed in one file', async () => {
    expect(await csv(chunks('\uFEFFid,name\n1,Ada\r\n2,Zoë\n', 2))).toEqual([
      { line: 2, record: { id: '1', name: 'Ada' } },
      { line: 3, record: { id: '2', name: 'Zoë' } },
    ]);
  });

  it('reports a record with the wrong number of fields and reads on', async () => {
    expect(await csv(chunks('id,name\n1,Ada,extra\n2\n3,Zoë\n'))).toEqual([
      { line: 2, error: 'expected 2 fields, found 3' },
      { line: 3, error: 'expected 2 fields, found 1' },
      { line: 4, record: { id: '3', name: 'Zoë' } },
    ]);
  });

  it('reports a stray quote in an unquoted field as a line error and reads on', async () => {
    expect(await csv(chunks('id,name\n1,"quoted\nname"\n2,Ada "the" Countess\n3,Zoë\n'))).toEqual([
      { line: 2, record: { id: '1', name: 'quoted\nname' } },
      { line: 4, error: expect.stringContaining('quote inside an unquoted field') },
      { line: 5, record: { id: '3', name: 'Zoë' } },
    ]);
  });

  it('rejects the file when a quoted field is never closed, naming the line', async () => {
    expect(await formatErrorOf(csv(chunks('id,name\n1,Ada\n2,"Zoë\n3,Grace\n')))).toBe(
      'the CSV file cannot be read: the record starting on line 3 opens a quoted field that is never closed',
    );
  });

  it('yields every line before a fatal error, then throws', async () => {
    const good = Array.from({ length: 50 }, (_, i) => `${i + 1},ok`).join('\n');
    const seen: ImportLine[] = [];
    const reading = (async () => {
      for await (const line of readImportLines(Readable.from(pieces(`id,note\n${good}\n51,"open\n52,x\n`, 100)), 'csv')) {
        seen.push(line);
      }
    })();
    expect(await formatErrorOf(reading)).toMatch(/record starting on line 52 opens a quoted field/);
    expect(seen.map((line) => line.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
  });

  it('rejects the file when a closing quote is followed by more text', async () => {
    expect(await formatErrorOf(csv(chunks('id,name\n1,"Ada"x\n2,Zoë\n')))).toMatch(/on line 2 a closing quote/);
  });

  it('rejects the file when a record is longer than the limit', async () => {
    const text = `id,note\n1,short\n2,${'x'.repeat(200)}\n3,short\n`;
    expect(await formatErrorOf(csv(pieces(text, 16), { maxLineBytes: 64 }))).toBe(
      'the CSV file cannot be read: the record starting on line 3 is longer than 64 bytes',
    );
  });

  it.each([
    ['a duplicate header name', 'id,name, name\n1,a,b\n', 'the CSV header names "name" twice'],
    ['an empty header name', 'id,,name\n1,a,b\n', 'the CSV header has an empty name in column 2'],
    ['a name and a group of the same name', 'recipient,recipient.name\na,b\n', 'the CSV header has both "recipient" and "recipient.name"'],
    ['a nesting deeper than one level', 'a.b.c\n1\n', 'the CSV header name "a.b.c" must be a name or one "group.name"'],
    ['an empty file', '', 'the CSV file has no header row'],
    ['a file of blank lines', '\n\r\n\n', 'the CSV file has no header row'],
  ])('rejects %s', async (_, text, message) => {
    expect(await formatErrorOf(csv(chunks(text)))).toBe(message);
  });

  it('reads a header with no records as no lines', async () => {
    expect(await csv(chunks('id,name\n'))).toEqual([]);
  });

  it('does not let a header replace the prototype of a record', async () => {
    const [line] = await csv(chunks('__proto__,id\nx,1\n'));
    const record = 'record' in line ? line.record : {};
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.entries(record)).toEqual([
      ['__proto__', 'x'],
      ['id', '1'],
    ]);
  });

  it('reads lazily as well', async () => {
    let produced = 0;
    function* source(): Generator<Buffer> {
      yield Buffer.from('n,name\n');
      for (let n = 1; n <= 100_000; n++) {
        produced += 1;
        yield Buffer.from(`${n},x\n`);
      }
    }
    const body = Readable.from(source());
    let seen = 0;
    for await (const _ of readImportLines(body, 'csv')) {
      if (++seen === 10) break;
    }
    expect(produced).toBeLessThan(10_000);
    expect(body.destroyed).toBe(false);
    body.destroy();
  });

  it('passes on an error of the body stream', async () => {
    const body = Readable.from(
      (function* () {
        yield Buffer.from('id\n1\n');
        throw new Error('client went away');
      })(),
    );
    await expect(readAllFrom(body, 'csv')).rejects.toThrow('client went away');
  });
});
