import { LetterIncompleteError, renderLetter, type LetterBase, type LetterTemplate } from '#documents';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck, renderFirstPage } from './pdf.js';

/**
 * What every letter must be: qpdf-clean, every font embedded, tagged, US Letter.
 * With an artifact name, page 1 is also rendered to test/artifacts/<name>.png for a person to look at.
 */
export function expectWellFormedLetter(pdf: Buffer, artifactName?: string): void {
  expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
  const fonts = pdfFonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.every((font) => font.embedded)).toBe(true);
  expect(pdfInfo(pdf)).toMatchObject({ Tagged: 'yes', 'Page size': expect.stringContaining('612 x 792') });
  if (artifactName) renderFirstPage(pdf, artifactName);
}

/** PDF/A-2b identification in the XMP metadata. */
export function expectPdfA(pdf: Buffer): void {
  expect(pdf.toString('latin1')).toContain('pdfaid:part');
}

/** Two renderings of the same model, at once, are byte-identical. */
export async function expectSameBytes<M extends LetterBase>(template: LetterTemplate<M>, model: M): Promise<void> {
  const [first, second] = await Promise.all([renderLetter(template, model), renderLetter(template, model)]);
  expect(first.equals(second)).toBe(true);
}

/** Well formed, titled as the template says, PDF/A-2b in its metadata, and the same bytes when rendered again. */
export async function expectSoundLetter<M extends LetterBase>(template: LetterTemplate<M>, model: M): Promise<void> {
  const pdf = await renderLetter(template, model);
  expectWellFormedLetter(pdf);
  expect(pdfInfo(pdf)).toMatchObject({ Title: template.title(model) });
  expectPdfA(pdf);
  expect((await renderLetter(template, model)).equals(pdf)).toBe(true);
}

/**
 * The model in Spanish: the letter is well formed and its text has every phrase.
 * Page 1 goes to test/artifacts/<artifactName>.png. Returns the text for further checks.
 */
export async function expectSpanishLetter<M extends LetterBase>(
  template: LetterTemplate<M>,
  model: M,
  phrases: readonly string[],
  artifactName: string,
): Promise<string> {
  const pdf = await renderLetter(template, { ...model, language: 'es' });
  const text = pdfText(pdf);
  for (const phrase of phrases) expect(text).toContain(phrase);
  expectWellFormedLetter(pdf, artifactName);
  return text;
}

/** `missing()` names exactly these elements, and renderLetter refuses the model. */
export async function expectRefusedWithout<M extends LetterBase>(template: LetterTemplate<M>, model: M, elements: string[]): Promise<void> {
  expect(template.missing(model).map((item) => item.element)).toEqual(elements);
  await expect(renderLetter(template, model)).rejects.toThrow(LetterIncompleteError);
}

/** The model with no HHS complaint route (address and web). */
export function withoutHhs<M extends LetterBase>(model: M): M {
  return { ...model, organisation: { ...model.organisation, hhs: { address: '', web: '' } } };
}

/** The model with no contact phone for the privacy officer (45 CFR 164.530(a)(1)(ii)). */
export function withoutContactPhone<M extends LetterBase>(model: M): M {
  const { organisation } = model;
  return { ...model, organisation: { ...organisation, privacyOfficer: { ...organisation.privacyOfficer, phone: '' } } };
}
