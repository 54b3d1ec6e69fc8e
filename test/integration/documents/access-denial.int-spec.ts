import { accessDenialLetter, renderLetter, type AccessDenialModel } from '#documents';
import {
  expectPdfA,
  expectRefusedWithout,
  expectSameBytes,
  expectSpanishLetter,
  expectWellFormedLetter,
  withoutContactPhone,
} from '../../support/letter-assertions.js';
import { letterBase } from '../../support/letter-fixtures.js';
import { pdfInfo, pdfText } from '../../support/pdf.js';

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
    expectWellFormedLetter(pdf, 'access-denial-en');
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
    await expectSpanishLetter(accessDenialLetter, denial(), ['Su derecho a una revisión', 'Cómo presentar una queja'], 'access-denial-es');
  });

  it('embeds its fonts, is tagged, titled, and PDF/A-2b in its metadata', async () => {
    const pdf = await renderLetter(accessDenialLetter, denial());
    expectWellFormedLetter(pdf);
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Your request to see or copy your records: denied' });
    expectPdfA(pdf);
  });

  it('gives byte-identical PDFs for the same model', async () => {
    await expectSameBytes(accessDenialLetter, denial());
  });

  it('refuses a model without the contact phone, naming it (45 CFR 164.524(d)(2)(iii), 164.530(a)(1)(ii))', async () => {
    await expectRefusedWithout(accessDenialLetter, withoutContactPhone(denial()), ['organisation.privacyOfficer.phone']);
  });
});
