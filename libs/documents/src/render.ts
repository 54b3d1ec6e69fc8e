import PDFDocument from 'pdfkit';
import { FONTS } from './fonts.js';
import { PdfLetterWriter } from './layout/pdf-letter-writer.js';
import { say } from './layout/letter-writer.js';
import type { LetterBase, LetterTemplate, MailingAddress, MissingElement } from './letter-template.js';

/** Thrown when a letter's model lacks a required element; names every missing one. */
export class LetterIncompleteError extends Error {
  override name = 'LetterIncompleteError';
  constructor(
    readonly template: string,
    readonly missing: MissingElement[],
  ) {
    super(`the ${template} letter cannot be made without: ${missing.map((item) => item.message).join('; ')}`);
  }
}

// One formatter per language, made once: each Intl.DateTimeFormat holds native (ICU) memory
// until it is garbage-collected, and one made per call (one to two per row of an accounting)
// took a 10,000-row accounting to hundreds of MB before its first page was drawn.
const LONG_DATE = {
  en: new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** The letter's date in words, in its language ("February 9, 2026" / "9 de febrero de 2026"). */
export function longDate(isoDate: string, language: 'en' | 'es'): string {
  return LONG_DATE[language].format(new Date(`${isoDate}T12:00:00Z`));
}

export function addressLines(address: MailingAddress | null | undefined): string[] {
  if (!address) return [];
  // A free-text address (one line, no city) prints as given, with no stray ", ".
  const cityLine = [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')].filter((part) => part?.trim()).join(', ');
  return [address.line1, address.line2 ?? '', cityLine].filter((line) => line.trim() !== '');
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * Pages stay buffered until the end for their "Page X of Y" footers, but only
 * the footer is written late: when a page is finished (the next one starts),
 * its content stream is written out now (compressed, then freed) and the page
 * gets a second, empty content stream that the footer goes into. Readers
 * concatenate a page's content streams in order (ISO 32000-1, 7.8.2), so the
 * page reads and looks the same as with one stream; a long letter then holds
 * a few small objects per page instead of every page's drawing operators.
 */
function streamFinishedPages(doc: Doc): void {
  let current = doc.page;
  doc.on('pageAdded', () => {
    const page = current;
    current = doc.page;
    const body = page.content;
    if (body.uncompressedLength === 0) return;
    const rest = doc.ref({});
    (page.dictionary.data as { Contents?: unknown }).Contents = [body, rest];
    page.content = rest;
    body.end(undefined);
  });
}

/** The PDF's bytes, copied into large blocks as they come (PDFKit writes an object line by line). */
class OutputCollector {
  private static readonly BLOCK = 64 * 1024;
  private readonly blocks: Buffer[] = [];
  private block = Buffer.allocUnsafe(OutputCollector.BLOCK);
  private used = 0;

  add(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === this.block.length) {
        this.blocks.push(this.block);
        this.block = Buffer.allocUnsafe(OutputCollector.BLOCK);
        this.used = 0;
      }
      const take = Math.min(chunk.length - offset, this.block.length - this.used);
      this.block.set(chunk.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
    }
  }

  bytes(): Buffer {
    return Buffer.concat([...this.blocks, this.block.subarray(0, this.used)]);
  }
}

/**
 * Renders a letter to PDF bytes: US Letter, embedded DejaVu fonts, PDF/A-2b
 * metadata, a tagged structure tree with the document language and title,
 * page numbers as artifacts. Pure: the same model gives the same bytes (the
 * creation date is the letter's date). Refuses a model that lacks a required element.
 */
export async function renderLetter<M extends LetterBase>(template: LetterTemplate<M>, model: M): Promise<Buffer> {
  const missing = template.missing(model);
  if (missing.length) throw new LetterIncompleteError(template.name, missing);
  const title = template.title(model);
  const date = new Date(`${model.date}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 64, bottom: 72, left: 72, right: 72 },
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: model.language === 'es' ? 'es-US' : 'en-US',
    displayTitle: true,
    bufferPages: true,
    info: {
      Title: title,
      Author: model.organisation.legalName,
      Subject: `${template.name} v${template.version}, ${model.reference}`,
      Creator: 'Patient Rights Desk',
      Producer: 'Patient Rights Desk',
      CreationDate: date,
      ModDate: date,
    },
  });
  streamFinishedPages(doc);
  const output = new OutputCollector();
  doc.on('data', (chunk: Uint8Array) => output.add(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(output.bytes()));
    doc.on('error', reject);
  });
  // Let the stream start flowing before drawing: from then on each of PDFKit's many small
  // writes reaches the collector as it is made and is packed into a large block, instead of
  // waiting in the stream's buffer, as a Buffer of its own, until the letter is finished.
  await new Promise<void>((resolve) => setImmediate(resolve));

  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  doc.font('regular').fontSize(11);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const { language } = model;
  const organisation = model.organisation;

  // Letterhead, date, recipient, reference.
  doc.font('bold').fontSize(14).text(organisation.legalName, { structParent: root, structType: 'P' });
  doc.font('regular').fontSize(9.5).text(addressLines(organisation.address).join(' · '), { structParent: root, structType: 'P' });
  doc.text(`${say(language, { en: 'Phone', es: 'Teléfono' })}: ${organisation.privacyOfficer.phone}`, {
    structParent: root,
    structType: 'P',
  });
  doc.moveDown(1.2).fontSize(11).text(longDate(model.date, language), { structParent: root, structType: 'P' });
  doc.moveDown(0.8);
  for (const line of [model.recipient.name, ...addressLines(model.recipient.address)])
    doc.text(line, { structParent: root, structType: 'P' });
  doc.moveDown(0.8);
  doc
    .font('bold')
    .text(`${say(language, { en: 'Reference', es: 'Referencia' })}: ${model.reference}`, { structParent: root, structType: 'P' });
  doc.moveDown(0.6).fontSize(16).text(title, { structParent: root, structType: 'H1' });
  doc.font('regular').fontSize(11).moveDown(0.4);

  template.render(new PdfLetterWriter(doc, root, language), model);

  // Signature: the contact person or office the rule requires letters to name (164.530(a)(1)(ii)),
  // kept together on one page.
  if (doc.y + 110 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc
    .moveDown(1)
    .font('regular')
    .text(say(language, { en: 'Sincerely,', es: 'Atentamente,' }), { structParent: root, structType: 'P' });
  doc.moveDown(0.6);
  doc.font('bold').text(organisation.privacyOfficer.name, { structParent: root, structType: 'P' });
  doc.font('regular').text(`${organisation.privacyOfficer.title}, ${organisation.legalName}`, { structParent: root, structType: 'P' });
  const contact = [organisation.privacyOfficer.phone, organisation.privacyOfficer.email].filter(Boolean).join(' · ');
  doc.text(contact, { structParent: root, structType: 'P' });
  root.end();

  // Page footers are artifacts: screen readers skip them.
  const pages = doc.bufferedPageRange();
  for (let index = 0; index < pages.count; index += 1) {
    doc.switchToPage(pages.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor('#444444')
      .text(
        `${model.reference} · ${template.name} v${template.version}${template.citation ? ` · ${template.citation}` : ''} · ${say(language, { en: 'Page', es: 'Página' })} ${index + 1}/${pages.count}`,
        72,
        doc.page.height - 44,
        { width: doc.page.width - 144, align: 'center', lineBreak: false },
      );
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
