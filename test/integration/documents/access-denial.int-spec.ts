import { LetterIncompleteError, accessDenialLetter, renderLetter, type AccessDenialModel } from '#documents';
import { letterBase } from '../../support/letter-fixtures.js';
import { pdfFonts, pdfInfo, pdfText, qpdfCheck, renderFirstPage } from '../../support/pdf.js';

const denial = (overrides: Partial<AccessDenialModel> = {}): AccessDenialModel => ({
  ...letterBase(),
  grounds: ['endangers_life_or_safety'],
  basis: 'Dr. Rivera judged that reading these notes now is likely to put your safety at risk.',
  partial: false,
  ...overrides,
});

describe('access denial letter (45 CFR 164.524(d)(2))', () => {
  it('states the basis, the review right and how to ask for it, and how to complain to the clinic and to HHS with the contact and phone', async () => {
    const pdf = await renderLetter(accessDenialLetter, denial());
    const text = pdfText(pdf);
    expect(text).toContain('likely to endanger the life or physical safety');
    expect(text).toContain('Dr. Rivera judged');
    expect(text).toContain(
      'You have the right to have this decision reviewed by a licensed health care professional who was not involved in it',
    );
    expect(text).toContain('To ask for a review, write to or call Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
    expect(text).toContain('PR-2026-000123');
    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    renderFirstPage(pdf, 'access-denial-en');
  });

  it('offers no review when only unreviewable grounds were used (45 CFR 164.524(a)(2))', async () => {
    const text = pdfText(await renderLetter(accessDenialLetter, denial({ grounds: ['psychotherapy_notes'] })));
    expect(text).toContain('psychotherapy notes');
    expect(text).not.toContain('right to have this decision reviewed');
    expect(text).toContain('How to complain');
  });

  it('says what is withheld in a partial denial and that the rest will be provided (45 CFR 164.524(d)(1))', async () => {
    const text = pdfText(
      await renderLetter(accessDenialLetter, denial({ partial: true, withheld: 'Notes of two counseling sessions in March.' })),
    );
    expect(text).toContain('Notes of two counseling sessions in March.');
    expect(text).toContain('You will get everything else you asked for');
  });

  it('is written in Spanish when the request is', async () => {
    const pdf = await renderLetter(accessDenialLetter, denial({ language: 'es' }));
    const text = pdfText(pdf);
    expect(text).toContain('Su derecho a una revisión');
    expect(text).toContain('Cómo presentar una queja');
    expect(pdfInfo(pdf)).toMatchObject({ Tagged: 'yes' });
    renderFirstPage(pdf, 'access-denial-es');
  });

  it('embeds its fonts, is tagged, titled, and PDF/A-2b in its metadata', async () => {
    const pdf = await renderLetter(accessDenialLetter, denial());
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    const info = pdfInfo(pdf);
    expect(info).toMatchObject({
      Tagged: 'yes',
      Title: 'Your request to see or copy your records: denied',
      'Page size': expect.stringContaining('612 x 792'),
    });
    expect(pdf.toString('latin1')).toContain('pdfaid:part');
  });

  it('gives byte-identical PDFs for the same model', async () => {
    const [first, second] = await Promise.all([renderLetter(accessDenialLetter, denial()), renderLetter(accessDenialLetter, denial())]);
    expect(first.equals(second)).toBe(true);
  });

  it('refuses a model without the contact phone, naming it (45 CFR 164.524(d)(2)(iii), 164.530(a)(1)(ii))', async () => {
    const model = denial();
    const incomplete = {
      ...model,
      organisation: { ...model.organisation, privacyOfficer: { ...model.organisation.privacyOfficer, phone: '' } },
    };
    await expect(renderLetter(accessDenialLetter, incomplete)).rejects.toThrow(LetterIncompleteError);
    expect(accessDenialLetter.missing(incomplete).map((item) => item.element)).toEqual(['organisation.privacyOfficer.phone']);
  });
});
