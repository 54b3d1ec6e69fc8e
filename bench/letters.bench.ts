import PDFDocument from 'pdfkit';
import { FONTS, accessDenialLetter, renderLetter, type AccessDenialModel } from '#documents';
import { measure, type Measurement } from './measure.js';

/**
 * Letters per second: the product's access-denial letter (tagged, PDF/A
 * metadata, embedded fonts, 2 pages) against raw PDFKit writing the same
 * amount of text in the same fonts onto the same number of pages.
 */
const MODEL: AccessDenialModel = {
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
  grounds: ['endangers_life_or_safety'],
  basis: 'A licensed clinician judged that access is reasonably likely to endanger your physical safety.',
  partial: false,
};

async function rawPdf(paragraphs: string[], pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margins: { top: 64, bottom: 72, left: 72, right: 72 } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const perPage = Math.ceil(paragraphs.length / pages);
  for (let page = 0; page < pages; page += 1) {
    if (page > 0) doc.addPage();
    for (const paragraph of paragraphs.slice(page * perPage, (page + 1) * perPage))
      doc
        .font(page === 0 ? 'bold' : 'regular')
        .fontSize(11)
        .text(paragraph);
  }
  doc.end();
  return done;
}

async function pageCount(): Promise<number> {
  const sample = await renderLetter(accessDenialLetter, MODEL);
  return (sample.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length || 1;
}

const TEXT = [
  MODEL.organisation.legalName,
  'Your request to see or copy your records: denied',
  'We have decided that we cannot give you the records you asked for.',
  MODEL.basis,
  'You have the right to have this decision reviewed by a licensed health care professional who was not involved in it.',
  'You can also complain to the U.S. Department of Health and Human Services, Office for Civil Rights.',
  'We will not retaliate against you for complaining.',
];

/** One side of the letters benchmark. */
export async function lettersBench(side: 'product' | 'raw', count: number): Promise<Measurement> {
  const pages = await pageCount();
  if (side === 'product') {
    return measure(
      'letters: access denial, 2 pages (product)',
      count,
      async () => {
        for (let index = 0; index < count; index += 1)
          await renderLetter(accessDenialLetter, { ...MODEL, reference: `PR-2026-${String(index).padStart(6, '0')}` });
      },
      { pages },
    );
  }
  return measure(
    'letters: raw PDFKit, same fonts and pages',
    count,
    async () => {
      for (let index = 0; index < count; index += 1) await rawPdf(TEXT, pages);
    },
    { pages },
  );
}
