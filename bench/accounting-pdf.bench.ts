import PDFDocument from 'pdfkit';
import { FONTS, longDate, renderLetter } from '#documents';
import { accountingLetter, type AccountingEntry, type AccountingModel } from '../libs/documents/src/letters/accounting.letter.js';
import { measure, round, type Measurement } from './measure.js';

/**
 * One large accounting of disclosures (45 CFR 164.528) as one PDF: the
 * product's accounting letter (tagged, PDF/A metadata, embedded fonts, table
 * header repeated on each page, "Page X of Y" footers) against raw PDFKit
 * writing the same rows as a 4-column table in the same fonts, page size and
 * margins, header repeated on each page, untagged. Both produce the whole PDF
 * in one Buffer. Operations are rows, so perSecond is rows per second.
 * Synthetic data only: made-up agencies, addresses and purposes.
 */
const AGENCIES = [
  'State Department of Health',
  'County Public Health Office',
  'Springfield County Court',
  'University Research Registry',
  'Regional Cancer Registry',
  'State Medical Examiner',
  'Workers’ Compensation Board',
  'Food and Drug Safety Reporting Program',
  'Springfield Police Department',
  'Health Oversight Audit Unit',
];
const STREETS = ['Capitol Plaza', 'Main Street', 'Court Square', 'Research Drive', 'Harbor Road', 'Elm Avenue', 'Civic Center'];
const DESCRIPTIONS = [
  'Test result for a reportable disease',
  'Visit notes from the emergency department',
  'Diagnosis codes and visit dates',
  'Immunization record',
  'Discharge summary and medication list',
  'Laboratory results and the ordering clinician’s name',
];
const PURPOSES = [
  'Public health reporting required by state law',
  'Response to a court order in a case you are a party to',
  'Research approved by an ethics board that waived authorization',
  'Report of an adverse event with a medical device',
  'Health oversight audit of the clinic’s billing',
  'Response to a subpoena accompanied by the required assurances',
];

const isoDay = (dayNumber: number): string => new Date(Date.UTC(2020, 1, 9) + dayNumber * 86_400_000).toISOString().slice(0, 10);

/** `count` deterministic synthetic entries in date order; every tenth is a summary entry. */
export function syntheticAccountingEntries(count: number): AccountingEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const day = Math.floor((index * 2190) / Math.max(count, 1));
    const agency = AGENCIES[(index * 7) % AGENCIES.length];
    const entry: AccountingEntry = {
      disclosedOn: isoDay(day),
      recipientName: `${agency} (${index + 1})`,
      recipientAddress:
        index % 5 === 3 ? null : `${(index % 900) + 100} ${STREETS[index % STREETS.length]}, Springfield, NY ${10001 + (index % 97)}`,
      description: DESCRIPTIONS[(index * 5) % DESCRIPTIONS.length],
      purpose: PURPOSES[(index * 3) % PURPOSES.length],
    };
    if (index % 10 === 9)
      entry.summary = {
        count: (index % 24) + 2,
        firstOn: isoDay(day),
        lastOn: isoDay(Math.min(day + 180, 2190)),
        frequency: index % 20 === 9 ? 'monthly' : null,
      };
    return entry;
  });
}

export function syntheticAccountingModel(entries: number): AccountingModel {
  return {
    organisation: {
      legalName: 'Example Community Clinic',
      address: { line1: '100 Example Avenue', city: 'Springfield', state: 'NY', postalCode: '10001' },
      privacyOfficer: { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100', email: 'privacy@clinic.example' },
      hhs: {
        address: 'U.S. Department of Health and Human Services, 200 Independence Avenue, S.W., Washington, D.C. 20201',
        web: 'https://www.hhs.gov/ocr/complaints',
      },
    },
    recipient: { name: 'Avery Testwell', address: { line1: '12 Sample Street', city: 'Springfield', state: 'NY', postalCode: '10002' } },
    reference: 'PR-2026-000123',
    date: '2026-02-09',
    language: 'en',
    periodFrom: '2020-02-09',
    periodTo: '2026-02-08',
    entries: syntheticAccountingEntries(entries),
    feeCents: 0,
  };
}

const HEADERS = ['Date', 'Recipient', 'Information shared', 'Purpose'];
const WIDTHS = [112, 122, 117, 117];
const BOTTOM = 72;

/** The same cell texts the letter prints (dates in words, summary as first/last/count). */
function cells(entry: AccountingEntry): string[] {
  const summary = entry.summary;
  const date = summary
    ? `First: ${longDate(summary.firstOn || entry.disclosedOn, 'en')}\nLast: ${longDate(summary.lastOn, 'en')}\n${summary.count} times${summary.frequency ? ` (${summary.frequency})` : ''}`
    : longDate(entry.disclosedOn, 'en');
  const recipient = entry.recipientAddress ? `${entry.recipientName}\n${entry.recipientAddress}` : entry.recipientName;
  return [date, recipient, entry.description, entry.purpose];
}

/** Raw PDFKit: the same rows, same fonts, page size and margins, header on each page; no tagging, no PDF/A. */
async function rawPdf(entries: AccountingEntry[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margins: { top: 64, bottom: BOTTOM, left: 72, right: 72 } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const left = doc.page.margins.left;
  const drawRow = (row: string[], header: boolean) => {
    const font = header ? 'bold' : 'regular';
    const height =
      Math.max(
        14,
        ...row.map((cell, index) =>
          doc
            .font(font)
            .fontSize(10)
            .heightOfString(cell, { width: WIDTHS[index] - 6 }),
        ),
      ) + 4;
    if (doc.y + height > doc.page.height - BOTTOM) {
      doc.addPage();
      if (!header) drawRow(HEADERS, true);
    }
    const y = doc.y;
    let x = left;
    row.forEach((cell, index) => {
      doc
        .font(font)
        .fontSize(10)
        .text(cell, x + 3, y + 2, { width: WIDTHS[index] - 6 });
      x += WIDTHS[index];
    });
    doc.x = left;
    doc.y = y + height;
  };
  drawRow(HEADERS, true);
  for (const entry of entries) drawRow(cells(entry), false);
  doc.end();
  return done;
}

const pageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

/** One side of the accounting PDF benchmark. */
export async function accountingPdfBench(side: 'product' | 'raw', entries: number): Promise<Measurement> {
  const model = syntheticAccountingModel(entries);
  let pdf: Buffer = Buffer.alloc(0);
  const result = await measure(
    side === 'product'
      ? `accounting PDF: ${entries} disclosures, rows/s (product)`
      : 'accounting PDF: raw PDFKit table, same rows, fonts and pages',
    entries,
    async () => {
      pdf = side === 'product' ? await renderLetter(accountingLetter, model) : await rawPdf(model.entries);
    },
  );
  return { ...result, extra: { pages: pageCount(pdf), outputMb: round(pdf.length / 1024 / 1024, 2) } };
}
