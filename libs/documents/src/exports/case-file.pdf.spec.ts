import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { letterBase } from '../../../../test/support/letter-fixtures.js';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck } from '../../../../test/support/pdf.js';
import { FONTS } from '../fonts.js';
import { acknowledgementLetter } from '../letters/acknowledgement.letter.js';
import { renderLetter } from '../render.js';
import { renderCaseFile, type CaseFileModel } from './case-file.pdf.js';

/** The text of each page (pdftotext ends each with a form feed), whitespace folded. */
function pageTexts(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'prd-case-file-'));
  try {
    const path = join(dir, 'case-file.pdf');
    writeFileSync(path, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
      .split('\f')
      .slice(0, -1)
      .map((page) => page.replace(/\s+/g, ' ').trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The lines of one page (1-based) as laid out, for reading a table row by row. */
function pageLines(pdf: Buffer, page: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'prd-case-file-'));
  try {
    const path = join(dir, 'case-file.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-f', String(page), '-l', String(page), path, '-'], {
      encoding: 'utf8',
    });
    return text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A plain two-page letter made with PDFKit, as an older or outside document might be. */
async function plainLetter(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', info: { CreationDate: new Date('2026-02-20T12:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('regular', FONTS.regular);
  doc.font('regular').fontSize(12).text('Synthetic extension notice, first page.');
  doc.addPage().text('Synthetic extension notice, second page.');
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const sha256 = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

async function model(timelineLength = 4): Promise<CaseFileModel> {
  const acknowledgement = await renderLetter(acknowledgementLetter, {
    ...letterBase(),
    requestType: 'access',
    requestTitle: 'a copy of your health records',
    receivedOn: '2026-02-09',
    dueOn: '2026-03-11',
    deadlineKind: 'legal',
  });
  const extension = await plainLetter();
  const actions = ['request.received', 'request.acknowledged', 'request.extended', 'request.fulfilled'];
  const statuses = ['received', 'in_review', 'extended', 'fulfilled'];
  return {
    organisationName: 'Example Community Clinic',
    generatedAt: '2026-03-01T10:00:00.000Z',
    generatedBy: 'user:5f0c7a52-6d0e-4b1e-9d7a-2f0d9a1b3c4d',
    request: {
      reference: 'PR-2026-000123',
      type: 'access',
      status: 'fulfilled',
      receivedOn: '2026-02-09',
      dueOn: '2026-04-10',
      originalDueOn: '2026-03-11',
      extended: true,
      closedOn: '2026-02-27',
      channel: 'portal',
      patientLabel: 'patient 0b7e3c4a-1d2f-4e5a-9b8c-7d6e5f4a3b2c',
    },
    timeline: Array.from({ length: timelineLength }, (_, index) => ({
      version: index + 1,
      occurredAt: new Date(Date.UTC(2026, 1, 9, 9) + index * 3_600_000).toISOString(),
      action: index < actions.length ? actions[index] : `request.note_added.${index + 1}`,
      fromStatus: index === 0 ? null : statuses[Math.min(index, statuses.length) - 1],
      toStatus: statuses[Math.min(index, statuses.length - 1)],
      actor: index === 0 ? 'patient:PR-2026-000123' : 'user:5f0c7a52-6d0e-4b1e-9d7a-2f0d9a1b3c4d',
      note: index === 2 ? 'Records are held off site; the extension letter gives the new date.' : null,
    })),
    letters: [
      {
        title: 'We received your request',
        template: 'acknowledgement',
        createdAt: '2026-02-09T09:05:00.000Z',
        sha256: sha256(acknowledgement),
        pdf: acknowledgement,
      },
      {
        title: 'We need more time',
        template: 'extension-notice',
        createdAt: '2026-02-20T12:00:00.000Z',
        sha256: sha256(extension),
        pdf: extension,
      },
    ],
  };
}

const pageCount = (pdf: Buffer) => Number(pdfInfo(pdf).Pages);

describe('renderCaseFile', () => {
  it('puts the summary, the timeline and the letter index first, then every letter, in order, as one valid PDF', async () => {
    const input = await model();
    const letterPages = input.letters.map((letter) => pageCount(letter.pdf));
    expect(letterPages[1]).toBe(2);

    const pdf = await renderCaseFile(input);

    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(pdfFonts(pdf).every((font) => font.embedded)).toBe(true);
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Case file PR-2026-000123' });
    const pages = pageTexts(pdf);
    const summaryPages = 1;
    expect(pages).toHaveLength(summaryPages + letterPages[0] + letterPages[1]);

    const summary = pages[0];
    for (const text of [
      'Case file',
      'Request PR-2026-000123',
      'patient 0b7e3c4a-1d2f-4e5a-9b8c-7d6e5f4a3b2c',
      '2026-04-10 (extended; originally due 2026-03-11)',
      'Closed on',
      '2026-02-27',
      'By patient:PR-2026-000123',
      'By user:5f0c7a52-6d0e-4b1e-9d7a-2f0d9a1b3c4d',
      ...input.timeline.map((event) => event.action),
      'received → in_review',
      'Note: Records are held off site',
      'We received your request',
      'We need more time',
      `SHA-256 ${input.letters[1].sha256}`,
      `page 1 of ${pages.length}`,
    ])
      expect(summary).toContain(text);
    // The index gives the pages each letter takes in this file.
    const second = summaryPages + letterPages[0] + 1;
    const lines = pageLines(pdf, 1);
    expect(lines).toContain(`1 We received your request acknowledgement 2026-02-09 09:05:00 ${summaryPages + 1}`);
    expect(lines).toContain(`2 We need more time extension-notice 2026-02-20 12:00:00 ${second}–${second + 1}`);

    // The letters follow, whole and in order.
    expect(pages[summaryPages]).toContain('We received your request');
    expect(pages[summaryPages]).toContain('PR-2026-000123');
    expect(pages[pages.length - 2]).toContain('Synthetic extension notice, first page.');
    expect(pages[pages.length - 1]).toContain('Synthetic extension notice, second page.');
  });

  it('runs a long timeline over several summary pages, header repeated, and numbers the letters after them', async () => {
    const input = await model(90);
    const pdf = await renderCaseFile(input);

    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    const pages = pageTexts(pdf);
    const letterPages = input.letters.reduce((sum, letter) => sum + pageCount(letter.pdf), 0);
    const summaryPages = pages.length - letterPages;
    expect(summaryPages).toBeGreaterThan(1);
    for (let page = 0; page < summaryPages; page += 1) expect(pages[page]).toContain(`page ${page + 1} of ${pages.length}`);
    expect(pages[1]).toContain('When (UTC)');
    expect(pdfText(pdf)).toContain('request.note_added.90');
    expect(pageLines(pdf, summaryPages)).toContain(
      `2 We need more time extension-notice 2026-02-20 12:00:00 ${summaryPages + 2}–${summaryPages + 3}`,
    );
  });

  it('makes the same bytes from the same model', async () => {
    const input = await model();
    expect(sha256(await renderCaseFile(input))).toBe(sha256(await renderCaseFile(input)));
  });

  it('refuses a letter that does not match its recorded SHA-256', async () => {
    const input = await model();
    input.letters[1] = { ...input.letters[1], sha256: sha256(Buffer.from('something else')) };
    await expect(renderCaseFile(input)).rejects.toThrow('"We need more time" (extension-notice) does not match its recorded SHA-256');
  });

  it('makes a case file with no letters', async () => {
    const input = { ...(await model()), letters: [] };
    const pdf = await renderCaseFile(input);
    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(pageCount(pdf)).toBe(1);
    expect(pdfText(pdf)).toContain('No letters are on file for this request.');
  });
});
