import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfInfo, qpdfCheck } from '../../../../test/support/pdf.js';
import { renderLetter } from '../render.js';
import { accountingLetter, type AccountingEntry, type AccountingModel } from './accounting.letter.js';

/** The text of pages first..last (1-based; pdftotext ends each page with a form feed), whitespace folded. */
function pageTexts(pdf: Buffer, first: number, last: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'prd-accounting-'));
  try {
    const path = join(dir, 'accounting.pdf');
    writeFileSync(path, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(first), '-l', String(last), path, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return text
      .split('\f')
      .slice(0, last - first + 1)
      .map((page) => page.replace(/\s+/g, ' ').trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const AGENCIES = ['State Department of Health', 'Springfield County Court', 'University Research Registry', 'Regional Cancer Registry'];
const PURPOSES = [
  'Public health reporting required by state law',
  'Response to a court order in a case you are a party to',
  'Research approved by an ethics board that waived authorization',
];

const day = (n: number) => new Date(Date.UTC(2020, 1, 9) + n * 86_400_000).toISOString().slice(0, 10);

/** Synthetic, deterministic entries; every tenth is a summary entry (45 CFR 164.528(b)(3)). */
function entries(count: number): AccountingEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    disclosedOn: day(Math.floor((index * 2000) / count)),
    recipientName: `${AGENCIES[index % AGENCIES.length]} no. ${index + 1}`,
    recipientAddress: index % 3 === 1 ? null : `${(index % 900) + 100} Example Road, Springfield, NY 10001`,
    description: `Test results, record set ${index + 1}`,
    purpose: PURPOSES[index % PURPOSES.length],
    summary:
      index % 10 === 9
        ? {
            count: 12,
            firstOn: day(Math.floor((index * 2000) / count)),
            lastOn: day(Math.floor((index * 2000) / count) + 150),
            frequency: 'monthly',
          }
        : null,
  }));
}

describe('a large accounting of disclosures (45 CFR 164.528(b))', () => {
  it('renders 10,000 entries, 10% in summary form, to a valid PDF whose last page repeats the table header and shows the last entry', async () => {
    const model: AccountingModel = {
      organisation: {
        legalName: 'Example Community Clinic',
        address: { line1: '100 Example Avenue', city: 'Springfield', state: 'NY', postalCode: '10001' },
        privacyOfficer: { name: 'Pat Privacy', title: 'Privacy Officer', phone: '(555) 010-0100', email: 'privacy@clinic.example' },
        hhs: { address: '200 Independence Avenue, S.W., Washington, D.C. 20201', web: 'https://www.hhs.gov/ocr/complaints' },
      },
      recipient: { name: 'Avery Testwell', address: { line1: '12 Sample Street', city: 'Springfield', state: 'NY', postalCode: '10002' } },
      reference: 'PR-2026-000123',
      date: '2026-02-09',
      language: 'en',
      periodFrom: '2020-02-09',
      periodTo: '2026-02-08',
      entries: entries(10_000),
      feeCents: 0,
    };
    expect(model.entries.filter((entry) => entry.summary)).toHaveLength(1_000);

    const pdf = await renderLetter(accountingLetter, model);

    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    const info = pdfInfo(pdf);
    expect(info).toMatchObject({ Tagged: 'yes', Title: 'Accounting of disclosures of your health information' });
    const count = Number(info.Pages);
    expect(count).toBeGreaterThan(100);

    // With these entries the table ends on the last page, above the closing paragraphs and the signature.
    const page = pageTexts(pdf, count, count)[0];
    for (const header of ['Date', 'Recipient', 'Information shared', 'Purpose']) expect(page).toContain(header);
    for (const cell of [
      'First: July 31, 2025',
      'Last: December 28, 2025',
      '12 times (monthly)',
      'Regional Cancer Registry no. 10000',
      '199 Example Road, Springfield, NY 10001',
      'Test results, record set 10000',
      'Public health reporting required by state law',
    ])
      expect(page).toContain(cell);
    expect(page).toContain('Sincerely,');
    expect(page).toContain(`Page ${count}/${count}`);

    // The header is repeated on the pages the table runs over (the first ones checked here; it starts on page 1).
    const opening = pageTexts(pdf, 1, 12);
    for (const [index, text] of opening.entries()) {
      expect(text).toContain('Information shared');
      expect(text).toContain(`Page ${index + 1}/${count}`);
    }
  }, 60_000);
});
