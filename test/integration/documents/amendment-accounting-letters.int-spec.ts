import { renderLetter } from '#documents';
import {
  accountingFeeNoticeLetter,
  type AccountingFeeNoticeModel,
} from '../../../libs/documents/src/letters/accounting-fee-notice.letter.js';
import {
  accountingUnverifiedLetter,
  type AccountingUnverifiedModel,
} from '../../../libs/documents/src/letters/accounting-unverified.letter.js';
import { accountingLetter, type AccountingEntry, type AccountingModel } from '../../../libs/documents/src/letters/accounting.letter.js';
import {
  amendmentAcceptanceLetter,
  type AmendmentAcceptanceModel,
} from '../../../libs/documents/src/letters/amendment-acceptance.letter.js';
import { amendmentDenialLetter, type AmendmentDenialModel } from '../../../libs/documents/src/letters/amendment-denial.letter.js';
import { rebuttalLetter, type RebuttalModel } from '../../../libs/documents/src/letters/rebuttal.letter.js';
import {
  expectRefusedWithout,
  expectSoundLetter,
  expectSpanishLetter,
  withoutContactPhone,
  withoutHhs,
} from '../../support/letter-assertions.js';
import { letterBase } from '../../support/letter-fixtures.js';
import { pdfInfo, pdfText, qpdfCheck, renderFirstPage } from '../../support/pdf.js';

describe('amendment acceptance letter (45 CFR 164.526(c))', () => {
  const acceptance = (overrides: Partial<AmendmentAcceptanceModel> = {}): AmendmentAcceptanceModel => ({
    ...letterBase(),
    recordsAffected: 'Your allergy list and the visit note of January 12, 2026.',
    personsToNotify: [{ name: 'Springfield Family Pharmacy' }, { name: 'Dr. Lee Morgan, Springfield Cardiology' }],
    ...overrides,
  });

  it('says the amendment was accepted and made, appended or linked to the records named (45 CFR 164.526(c)(1)-(2))', async () => {
    const pdf = await renderLetter(amendmentAcceptanceLetter, acceptance());
    const text = pdfText(pdf);
    expect(text).toContain('We have accepted your request to change (amend) your health records, and we have made the change');
    expect(text).toContain('We added your amendment to the records listed below, or linked it to them');
    expect(text).toContain('Your allergy list and the visit note of January 12, 2026.');
    expect(text).toContain('PR-2026-000123');
    renderFirstPage(pdf, 'amendment-acceptance-en');
  });

  it('lists the persons we will inform and asks for anyone else who needs the amendment, with their agreement (45 CFR 164.526(c)(2)-(3))', async () => {
    const text = pdfText(await renderLetter(amendmentAcceptanceLetter, acceptance()));
    expect(text).toContain('We will make reasonable efforts to send the change, soon, to these people and organizations');
    expect(text).toContain('Springfield Family Pharmacy');
    expect(text).toContain('Dr. Lee Morgan, Springfield Cardiology');
    expect(text).toContain(
      'We will also send the change to others we know have this information and may have relied on it, or could rely on it',
    );
    expect(text).toContain('(our business associates)');
    expect(text).toContain('If you know of another person or organization that received this information and needs the change');
    expect(text).toContain('When you name someone, you agree that we may send them the change');
    expect(text).toContain('(555) 010-0100');
  });

  it('still asks for other recipients when there is no one to inform yet (45 CFR 164.526(c)(2))', async () => {
    const text = pdfText(await renderLetter(amendmentAcceptanceLetter, acceptance({ personsToNotify: [] })));
    expect(text).toContain('Right now we do not know of anyone else who needs to receive the change');
    expect(text).toContain('If you know of another person or organization');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      amendmentAcceptanceLetter,
      { ...acceptance(), language: 'es' },
      [
        'Aceptamos su solicitud para corregir (enmendar) sus registros de salud y ya hicimos el cambio',
        '¿Alguien más recibió esta información?',
      ],
      'amendment-acceptance-es',
    );
  });

  it('is a sound PDF: qpdf clean, fonts embedded, tagged, PDF/A-2b metadata, reproducible', async () => {
    await expectSoundLetter(amendmentAcceptanceLetter, acceptance());
  });

  it('refuses a model without the records affected, or with an unnamed person to inform (45 CFR 164.526(c)(1), (c)(3))', async () => {
    await expectRefusedWithout(amendmentAcceptanceLetter, acceptance({ recordsAffected: ' ' }), ['recordsAffected']);
    await expectRefusedWithout(amendmentAcceptanceLetter, acceptance({ personsToNotify: [{ name: 'A' }, { name: '' }] }), [
      'personsToNotify[1].name',
    ]);
  });
});

describe('amendment denial letter (45 CFR 164.526(d)(1))', () => {
  const denial = (overrides: Partial<AmendmentDenialModel> = {}): AmendmentDenialModel => ({
    ...letterBase(),
    grounds: ['accurate_and_complete'],
    basis: 'Dr. Rivera checked the lab report from March 3 against the lab’s original; the result in your record matches it.',
    partial: false,
    disagreementMaxLength: 2000,
    ...overrides,
  });

  it('states the basis for the denial (45 CFR 164.526(d)(1)(i))', async () => {
    const pdf = await renderLetter(amendmentDenialLetter, denial());
    const text = pdfText(pdf);
    expect(text).toContain('We have decided that we cannot make the change (amendment) you asked for');
    expect(text).toContain('We reviewed the information and found that it is accurate and complete.');
    expect(text).toContain('Dr. Rivera checked the lab report');
    renderFirstPage(pdf, 'amendment-denial-en');
  });

  it('explains every ground in plain words, including the originator exception (45 CFR 164.526(a)(2))', async () => {
    const text = pdfText(
      await renderLetter(
        amendmentDenialLetter,
        denial({ grounds: ['not_created_here', 'not_in_designated_record_set', 'not_available_for_inspection'] }),
      ),
    );
    expect(text).toContain('We did not create this information');
    expect(text).toContain('whoever created it can no longer make the change');
    expect(text).toContain('designated record set');
    expect(text).toContain('not something the law gives you the right to see or copy');
  });

  it('gives the right to file a statement of disagreement and how: to whom, by mail, in person or portal, the reference and the length limit (45 CFR 164.526(d)(1)(ii), (d)(2))', async () => {
    const text = pdfText(await renderLetter(amendmentDenialLetter, denial({ portal: 'https://portal.clinic.example' })));
    expect(text).toContain('You have the right to send us a written statement saying that you disagree with this decision and why');
    expect(text).toContain('How to file it: write your statement in no more than 2,000 characters');
    expect(text).toContain('include reference PR-2026-000123');
    expect(text).toContain('mail it to Pat Privacy, Privacy Officer, 100 Example Avenue, Springfield, NY 10001');
    expect(text).toContain('bring it in person');
    expect(text).toContain('send it through our patient portal at');
    expect(text).toContain('portal.clinic.example'); // the URL may wrap after "https://"
  });

  it('says that without a statement the individual may ask us to include the request and the denial with future disclosures (45 CFR 164.526(d)(1)(iii))', async () => {
    const text = pdfText(await renderLetter(amendmentDenialLetter, denial()));
    expect(text).toContain(
      'If you do not send a statement of disagreement, you may ask us to include your request for a change and this letter with any future disclosures of the information',
    );
  });

  it('says how to complain to the clinic or to HHS, with the contact name, title and phone (45 CFR 164.526(d)(1)(iv))', async () => {
    const text = pdfText(await renderLetter(amendmentDenialLetter, denial()));
    expect(text).toContain('How to complain');
    expect(text).toContain('You can complain to us: contact Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
    expect(text).toContain('We will not retaliate against you for complaining.');
  });

  it('says what was accepted in a partial denial (45 CFR 164.526(c), (d)(1))', async () => {
    const pdf = await renderLetter(amendmentDenialLetter, denial({ partial: true, acceptedPart: 'We corrected your date of birth.' }));
    const text = pdfText(pdf);
    expect(pdfInfo(pdf).Title).toBe('Your request to change your records: partly denied');
    expect(text).toContain('What we accepted');
    expect(text).toContain('We corrected your date of birth.');
    expect(text).toContain('We have made that part of the change');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      amendmentDenialLetter,
      denial({ language: 'es' }),
      [
        'Usted tiene derecho a enviarnos una declaración por escrito',
        'Si no envía una declaración de desacuerdo, puede pedirnos que incluyamos su solicitud de cambio y esta carta',
        'Cómo presentar una queja',
      ],
      'amendment-denial-es',
    );
  });

  it('is a sound PDF: qpdf clean, fonts embedded, tagged, PDF/A-2b metadata, reproducible', async () => {
    await expectSoundLetter(amendmentDenialLetter, denial());
  });

  it('refuses a model without grounds, a known ground, the basis, the length limit, or complaint routes (45 CFR 164.526(d)(1))', async () => {
    await expectRefusedWithout(amendmentDenialLetter, denial({ grounds: [] }), ['grounds']);
    await expectRefusedWithout(amendmentDenialLetter, denial({ grounds: ['not_relevant' as never] }), ['grounds']);
    await expectRefusedWithout(amendmentDenialLetter, denial({ basis: '' }), ['basis']);
    await expectRefusedWithout(amendmentDenialLetter, denial({ disagreementMaxLength: 0 }), ['disagreementMaxLength']);
    await expectRefusedWithout(amendmentDenialLetter, withoutHhs(denial()), ['organisation.hhs.address', 'organisation.hhs.web']);
    await expectRefusedWithout(amendmentDenialLetter, withoutContactPhone(denial()), ['organisation.privacyOfficer.phone']);
  });

  it('refuses a partial denial without what was accepted (45 CFR 164.526(d)(1))', async () => {
    await expectRefusedWithout(amendmentDenialLetter, denial({ partial: true, acceptedPart: null }), ['acceptedPart']);
  });
});

describe('rebuttal letter (45 CFR 164.526(d)(3))', () => {
  const rebuttal = (overrides: Partial<RebuttalModel> = {}): RebuttalModel => ({
    ...letterBase(),
    rebuttal: 'The blood pressure readings in the record were taken with a calibrated device and were confirmed by a second reading.',
    disagreementFiledOn: '2026-01-20',
    ...overrides,
  });

  it('gives the individual a copy of the rebuttal (45 CFR 164.526(d)(3))', async () => {
    const pdf = await renderLetter(rebuttalLetter, rebuttal());
    const text = pdfText(pdf);
    expect(text).toContain('On January 20, 2026, you sent us a statement saying that you disagree');
    expect(text).toContain('The law requires us to send you a copy. Here it is.');
    expect(text).toContain('were taken with a calibrated device');
    renderFirstPage(pdf, 'rebuttal-en');
  });

  it('says it is kept with the records and sent with future disclosures (45 CFR 164.526(d)(4)-(5))', async () => {
    const text = pdfText(await renderLetter(rebuttalLetter, rebuttal()));
    expect(text).toContain(
      'We will keep this response with your records, together with your request for a change, our letter denying it, and your statement of disagreement',
    );
    expect(text).toContain(
      'Each time we share this information in the future, we will send your statement of disagreement and this response with it',
    );
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      rebuttalLetter,
      rebuttal({ language: 'es' }),
      ['El 20 de enero de 2026, usted nos envió una declaración', 'La ley nos exige enviarle una copia'],
      'rebuttal-es',
    );
  });

  it('is a sound PDF: qpdf clean, fonts embedded, tagged, PDF/A-2b metadata, reproducible', async () => {
    await expectSoundLetter(rebuttalLetter, rebuttal());
  });

  it('refuses a model without the rebuttal (45 CFR 164.526(d)(3))', async () => {
    await expectRefusedWithout(rebuttalLetter, rebuttal({ rebuttal: '' }), ['rebuttal']);
  });
});

describe('accounting fee notice (45 CFR 164.528(c)(2))', () => {
  const notice = (overrides: Partial<AccountingFeeNoticeModel> = {}): AccountingFeeNoticeModel => ({
    ...letterBase(),
    feeCents: 1250,
    explanation: 'Staff time to search the disclosure log and prepare the list: 30 minutes at $25.00 per hour.',
    previousAccountingOn: '2025-09-15',
    respondBy: '2026-03-02',
    ...overrides,
  });

  it('says the first accounting in 12 months is free, this one costs the fee, and why (45 CFR 164.528(c)(2))', async () => {
    const pdf = await renderLetter(accountingFeeNoticeLetter, notice());
    const text = pdfText(pdf);
    expect(text).toContain('The first accounting you ask for in any 12-month period is free.');
    expect(text).toContain('We already gave you a free accounting on September 15, 2025');
    expect(text).toContain('So this request has a fee of $12.50.');
    expect(text).toContain('30 minutes at $25.00 per hour');
    renderFirstPage(pdf, 'accounting-fee-notice-en');
  });

  it('offers to withdraw or modify the request to avoid or reduce the fee, and says how to answer (45 CFR 164.528(c)(2))', async () => {
    const text = pdfText(await renderLetter(accountingFeeNoticeLetter, notice()));
    expect(text).toContain('You may withdraw or change your request to avoid the fee or lower it.');
    expect(text).toContain('asking for a shorter period of time');
    expect(text).toContain('Withdraw your request and pay nothing.');
    expect(text).toContain('We will not charge you anything until you tell us what you want to do.');
    expect(text).toContain('Please tell us your choice by March 2, 2026. Call Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('Mention reference PR-2026-000123');
  });

  it('reads well without the optional dates', async () => {
    const text = pdfText(await renderLetter(accountingFeeNoticeLetter, notice({ previousAccountingOn: null, respondBy: null })));
    expect(text).toContain('We already gave you a free accounting less than 12 months before this request');
    expect(text).toContain('Please tell us your choice. Call');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      accountingFeeNoticeLetter,
      notice({ language: 'es' }),
      [
        'El primer informe que pida en cualquier período de 12 meses es gratis.',
        'Puede retirar o cambiar su solicitud para no pagar el costo o para que sea menor.',
        '$12.50',
      ],
      'accounting-fee-notice-es',
    );
  });

  it('is a sound PDF: qpdf clean, fonts embedded, tagged, PDF/A-2b metadata, reproducible', async () => {
    await expectSoundLetter(accountingFeeNoticeLetter, notice());
  });

  it('refuses a model without a positive fee in cents or the explanation (45 CFR 164.528(c)(2))', async () => {
    await expectRefusedWithout(accountingFeeNoticeLetter, notice({ feeCents: 0 }), ['feeCents']);
    await expectRefusedWithout(accountingFeeNoticeLetter, notice({ feeCents: 12.5 }), ['feeCents']);
    await expectRefusedWithout(accountingFeeNoticeLetter, notice({ explanation: '  ' }), ['explanation']);
  });
});

describe('accounting of disclosures (45 CFR 164.528(b))', () => {
  const entry = (overrides: Partial<AccountingEntry> = {}): AccountingEntry => ({
    disclosedOn: '2025-04-03',
    recipientName: 'State Department of Health',
    recipientAddress: '1 Capitol Plaza, Albany, NY 12237',
    description: 'Test result for a reportable disease',
    purpose: 'Public health reporting required by state law',
    ...overrides,
  });
  const accounting = (overrides: Partial<AccountingModel> = {}): AccountingModel => ({
    ...letterBase(),
    periodFrom: '2020-02-09',
    periodTo: '2026-02-08',
    entries: [
      entry(),
      entry({
        disclosedOn: '2025-01-15',
        recipientName: 'Springfield County Court',
        recipientAddress: null,
        description: 'Visit notes from 2024',
        purpose: 'Response to a court order in a case you are a party to',
      }),
      entry({
        disclosedOn: '2024-06-01',
        recipientName: 'University Research Registry',
        description: 'Diagnosis codes and visit dates',
        purpose: 'Research approved by an ethics board that waived authorization',
        summary: { count: 12, firstOn: '2024-06-01', lastOn: '2025-05-01', frequency: 'monthly' },
      }),
    ],
    feeCents: 0,
    ...overrides,
  });

  it('covers the period and gives, for each disclosure, the date, the recipient with address if known, the information and the purpose (45 CFR 164.528(b)(2))', async () => {
    const pdf = await renderLetter(accountingLetter, accounting());
    const text = pdfText(pdf);
    expect(text).toContain('from February 9, 2020 through February 8, 2026');
    for (const header of ['Date', 'Recipient', 'Information shared', 'Purpose']) expect(text).toContain(header);
    expect(text).toContain('April 3, 2025');
    expect(text).toContain('State Department of Health');
    expect(text).toContain('1 Capitol Plaza, Albany, NY 12237');
    expect(text).toContain('Test result for a reportable disease');
    expect(text).toContain('Public health reporting required by state law');
    expect(text).toContain('Springfield County Court');
    expect(text).toContain('There is no fee for this accounting.');
    renderFirstPage(pdf, 'accounting-en');
  });

  it('shows repeated disclosures as a summary: first date, how many and how often, last date (45 CFR 164.528(b)(3))', async () => {
    const text = pdfText(await renderLetter(accountingLetter, accounting()));
    expect(text).toContain('we list it once, with the date of the first and the last time, and how many times or how often');
    expect(text).toContain('First: June 1, 2024');
    expect(text).toContain('Last: May 1, 2025');
    expect(text).toContain('12 times (monthly)');
  });

  it('names, in one plain sentence, the disclosures the law does not list (45 CFR 164.528(a)(1))', async () => {
    const text = pdfText(await renderLetter(accountingLetter, accounting()));
    expect(text).toContain(
      'The law does not ask us to list disclosures for your treatment, for payment or for running our practice, disclosures to you or that you allowed in writing',
    );
  });

  it('is still provided with no entries, saying there were none that must be listed (45 CFR 164.528(a), (b))', async () => {
    const text = pdfText(await renderLetter(accountingLetter, accounting({ entries: [] })));
    expect(text).toContain('There were no disclosures of your health information during this period that the law requires us to list.');
    expect(text).not.toContain('Information shared');
    expect(text).toContain('The law does not ask us to list');
  });

  it('says some disclosures are withheld for now under a suspension, and states a fee agreed in advance (45 CFR 164.528(a)(2), (c)(2))', async () => {
    const text = pdfText(await renderLetter(accountingLetter, accounting({ withheldForSuspension: 1, feeCents: 1250 })));
    expect(text).toContain('Some disclosures are not on this list for now.');
    expect(text).toContain('The fee for this accounting is $12.50, as we told you before we prepared it.');
    expect(pdfText(await renderLetter(accountingLetter, accounting()))).not.toContain('Some disclosures are not on this list');
  });

  it('paginates a long accounting with the table header repeated on each page (45 CFR 164.528(b))', async () => {
    const entries = Array.from({ length: 300 }, (_, index) =>
      entry({
        disclosedOn: `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
        recipientName: `Recipient number ${index + 1}`,
      }),
    );
    const pdf = await renderLetter(accountingLetter, accounting({ entries }));
    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(5);
    const text = pdfText(pdf);
    expect(text).toContain('Recipient number 1 ');
    expect(text).toContain('Recipient number 300');
    expect(text.split('Information shared').length - 1).toBeGreaterThanOrEqual(pages);
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      accountingLetter,
      accounting({ language: 'es' }),
      [
        'Informe de divulgaciones de su información de salud',
        'La ley no nos pide incluir las divulgaciones para su tratamiento',
        'Información compartida',
        '12 veces (monthly)',
      ],
      'accounting-es',
    );
    expect(pdfText(await renderLetter(accountingLetter, accounting({ language: 'es', entries: [] })))).toContain(
      'Durante este período no hubo divulgaciones de su información de salud que la ley nos exija incluir',
    );
  });

  it('is a sound PDF: qpdf clean, fonts embedded, tagged, PDF/A-2b metadata, reproducible', async () => {
    await expectSoundLetter(accountingLetter, accounting());
  });

  it('refuses a model without the period or an entry’s date, recipient, description or purpose, naming the entry (45 CFR 164.528(b)(2))', async () => {
    await expectRefusedWithout(accountingLetter, accounting({ periodFrom: '' }), ['periodFrom']);
    await expectRefusedWithout(accountingLetter, accounting({ periodTo: '' }), ['periodTo']);
    const entries = [entry(), entry(), entry(), entry({ purpose: '' })];
    await expectRefusedWithout(accountingLetter, accounting({ entries }), ['entries[3].purpose']);
    await expectRefusedWithout(
      accountingLetter,
      accounting({ entries: [entry({ disclosedOn: '', recipientName: ' ', description: '' })] }),
      ['entries[0].disclosedOn', 'entries[0].recipientName', 'entries[0].description'],
    );
  });

  it('refuses a summary entry without the count or the last date (45 CFR 164.528(b)(3))', async () => {
    await expectRefusedWithout(
      accountingLetter,
      accounting({ entries: [entry({ summary: { count: 0, firstOn: '2024-06-01', lastOn: '' } })] }),
      ['entries[0].summary.count', 'entries[0].summary.lastOn'],
    );
  });
});

describe('accounting not provided: identity or authority not verified (45 CFR 164.514(h))', () => {
  const unverified = (overrides: Partial<AccountingUnverifiedModel> = {}): AccountingUnverifiedModel => ({
    ...letterBase(),
    reason: 'identity_not_verified',
    howToVerify: 'Send us a copy of a photo ID by mail or through the patient portal, or show it at the front desk.',
    ...overrides,
  });

  it('says we could not verify identity, so we cannot provide the accounting yet, and how to verify (45 CFR 164.514(h)(1))', async () => {
    const pdf = await renderLetter(accountingUnverifiedLetter, unverified());
    const text = pdfText(pdf);
    expect(text).toContain('the law requires us to confirm the identity of the person asking for it');
    expect(text).toContain('We have not yet been able to confirm your identity.');
    expect(text).toContain('we cannot send you the accounting, and we have closed this request. You may ask again at any time');
    expect(text).toContain('Send us a copy of a photo ID');
    expect(text).toContain('Mention reference PR-2026-000123');
    renderFirstPage(pdf, 'accounting-unverified-en');
  });

  it('says we could not verify the authority of a representative (45 CFR 164.514(h)(1), 164.502(g))', async () => {
    const pdf = await renderLetter(
      accountingUnverifiedLetter,
      unverified({ reason: 'authority_not_verified', patientName: 'Jordan Testwell', howToVerify: 'Send us the guardianship order.' }),
    );
    const text = pdfText(pdf);
    expect(pdfInfo(pdf).Title).toBe('Your request for a list of disclosures: we need to confirm your authority');
    expect(text).toContain('We have not yet been able to confirm your authority to act for Jordan Testwell.');
    expect(text).toContain('Send us the guardianship order.');
  });

  it('says how to complain to the clinic or to HHS, with the contact name, title and phone (45 CFR 164.530(d), 160.306)', async () => {
    const text = pdfText(await renderLetter(accountingUnverifiedLetter, unverified()));
    expect(text).toContain('You can complain to us: contact Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      accountingUnverifiedLetter,
      unverified({ language: 'es' }),
      [
        'Todavía no hemos podido confirmar su identidad.',
        'Por eso, no podemos enviarle el informe y cerramos esta solicitud.',
        'Cómo presentar una queja',
      ],
      'accounting-unverified-es',
    );
  });

  it('is a sound PDF: qpdf clean, fonts embedded, tagged, PDF/A-2b metadata, reproducible', async () => {
    await expectSoundLetter(accountingUnverifiedLetter, unverified());
  });

  it('refuses a model without how to verify, a known reason, or complaint routes (45 CFR 164.514(h))', async () => {
    await expectRefusedWithout(accountingUnverifiedLetter, unverified({ howToVerify: '' }), ['howToVerify']);
    await expectRefusedWithout(accountingUnverifiedLetter, unverified({ reason: 'other' as never }), ['reason']);
    await expectRefusedWithout(accountingUnverifiedLetter, withoutHhs(unverified()), ['organisation.hhs.address', 'organisation.hhs.web']);
  });
});
