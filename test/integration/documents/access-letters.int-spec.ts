import { renderLetter } from '#documents';
import { accessFulfilmentLetter, type AccessFulfilmentModel } from '../../../libs/documents/src/letters/access-fulfilment.letter.js';
import { accessReferralLetter, type AccessReferralModel } from '../../../libs/documents/src/letters/access-referral.letter.js';
import { acknowledgementLetter, type AcknowledgementModel } from '../../../libs/documents/src/letters/acknowledgement.letter.js';
import { extensionNoticeLetter, type ExtensionNoticeModel } from '../../../libs/documents/src/letters/extension-notice.letter.js';
import { noticeCopyLetter, type NoticeCopyModel } from '../../../libs/documents/src/letters/notice-copy.letter.js';
import { reviewOutcomeLetter, type ReviewOutcomeModel } from '../../../libs/documents/src/letters/review-outcome.letter.js';
import {
  expectRefusedWithout,
  expectSameBytes,
  expectSpanishLetter,
  expectWellFormedLetter,
  withoutHhs,
} from '../../support/letter-assertions.js';
import { letterBase } from '../../support/letter-fixtures.js';
import { pdfInfo, pdfText, qpdfCheck, renderFirstPage } from '../../support/pdf.js';

describe('acknowledgement letter', () => {
  const acknowledgement = (overrides: Partial<AcknowledgementModel> = {}): AcknowledgementModel => ({
    ...letterBase(),
    requestType: 'access',
    requestTitle: 'a copy of your health records',
    receivedOn: '2026-02-06',
    dueOn: '2026-03-08',
    deadlineKind: 'legal',
    statusUrl: 'https://clinic.example/requests',
    ...overrides,
  });

  it('acknowledgement gives the receipt date, the legal answer date, how to check status and whom to contact (45 CFR 164.524(b)(2), 164.530(a)(1)(ii))', async () => {
    const pdf = await renderLetter(acknowledgementLetter, acknowledgement());
    const text = pdfText(pdf);
    expect(text).toContain('We received your request for a copy of your health records on February 6, 2026.');
    expect(text).toContain('The law gives us until March 8, 2026 to answer your request.');
    expect(text).toContain('If we need more time, we will write to you before that date to tell you why');
    expect(text).toContain(
      'You can check the status of your request online at https://clinic.example/requests. Use reference PR-2026-000123.',
    );
    expect(text).toContain('You can also call Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).not.toContain('We aim to answer');
    expectWellFormedLetter(pdf, 'acknowledgement-en');
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'We received your request' });
  });

  it('acknowledgement of a request with no legal time limit states our own target date, not a legal one (45 CFR 164.522, 164.530(a)(1)(ii))', async () => {
    const text = pdfText(
      await renderLetter(
        acknowledgementLetter,
        acknowledgement({ requestTitle: 'limits on how we share your information', deadlineKind: 'policy', statusUrl: null }),
      ),
    );
    expect(text).toContain('We aim to answer your request by March 8, 2026.');
    expect(text).not.toContain('The law gives us');
    expect(text).not.toContain('If we need more time');
    expect(text).toContain('To check on your request, call Pat Privacy, Privacy Officer, at (555) 010-0100');
  });

  it('acknowledgement is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      acknowledgementLetter,
      acknowledgement({ ...letterBase('es'), requestTitle: 'una copia de sus registros de salud' }),
      [
        'Recibimos su solicitud de una copia de sus registros de salud el 6 de febrero de 2026.',
        'La ley nos da hasta el 8 de marzo de 2026 para responder a su solicitud.',
      ],
      'acknowledgement-es',
    );
  });

  it('acknowledgement is refused without the receipt date or the answer date (45 CFR 164.524(b)(2))', async () => {
    await expectRefusedWithout(acknowledgementLetter, acknowledgement({ receivedOn: '', dueOn: '' }), ['receivedOn', 'dueOn']);
    await expectRefusedWithout(acknowledgementLetter, acknowledgement({ dueOn: 'soon' }), ['dueOn']);
  });
});

describe('extension notice', () => {
  const extension = (overrides: Partial<ExtensionNoticeModel> = {}): ExtensionNoticeModel => ({
    ...letterBase(),
    requestTitle: 'a copy of your health records',
    receivedOn: '2026-01-15',
    originalDueOn: '2026-02-14',
    newDueOn: '2026-03-16',
    reasons: 'Your records from 2015 to 2019 are stored off site, and it will take us a few more weeks to get them back.',
    citation: '45 CFR 164.524(b)(2)(ii)',
    ...overrides,
  });

  it('extension notice gives the reasons and the completion date, and says it is the only extension (45 CFR 164.524(b)(2)(ii))', async () => {
    const pdf = await renderLetter(extensionNoticeLetter, extension());
    const text = pdfText(pdf);
    expect(text).toContain('We received your request for a copy of your health records on January 15, 2026.');
    expect(text).toContain('We had until February 14, 2026 to answer, but we need more time.');
    expect(text).toContain('Why we need more time');
    expect(text).toContain('Your records from 2015 to 2019 are stored off site');
    expect(text).toContain('We will finish acting on your request, and send you our answer, by March 16, 2026.');
    expect(text).toContain('This is the only extension we will take.');
    expect(text).toContain('We send this notice under 45 CFR 164.524(b)(2)(ii).');
    expect(text).toContain('Pat Privacy, Privacy Officer, at (555) 010-0100');
    expectWellFormedLetter(pdf, 'extension-notice-en');
  });

  it('extension notice serves amendment and accounting requests too (45 CFR 164.526(b)(2)(ii), 164.528(c)(1)(ii))', async () => {
    for (const citation of ['45 CFR 164.526(b)(2)(ii)', '45 CFR 164.528(c)(1)(ii)']) {
      const text = pdfText(
        await renderLetter(extensionNoticeLetter, extension({ requestTitle: 'an accounting of disclosures', citation })),
      );
      expect(text).toContain('We received your request for an accounting of disclosures on January 15, 2026.');
      expect(text).toContain(`We send this notice under ${citation}.`);
    }
  });

  it('extension notice is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      extensionNoticeLetter,
      extension({
        ...letterBase('es'),
        requestTitle: 'una copia de sus registros de salud',
        reasons: 'Sus registros de 2015 a 2019 están guardados fuera de la clínica y necesitamos unas semanas más para recuperarlos.',
      }),
      [
        'Por qué necesitamos más tiempo',
        'le enviaremos nuestra respuesta a más tardar el 16 de marzo de 2026',
        'Esta es la única prórroga que tomaremos.',
      ],
      'extension-notice-es',
    );
  });

  it('extension notice is refused without the reasons, the original date or the new date (45 CFR 164.524(b)(2)(ii)(A)-(B))', async () => {
    await expectRefusedWithout(extensionNoticeLetter, extension({ reasons: ' ', originalDueOn: '', newDueOn: '' }), [
      'reasons',
      'originalDueOn',
      'newDueOn',
    ]);
  });

  it('extension notice is refused for more than 30 extra days or when sent after the original due date (45 CFR 164.524(b)(2)(ii))', async () => {
    await expectRefusedWithout(extensionNoticeLetter, extension({ newDueOn: '2026-03-17' }), ['newDueOn']);
    await expectRefusedWithout(extensionNoticeLetter, extension({ newDueOn: '2026-02-14' }), ['newDueOn']);
    await expectRefusedWithout(extensionNoticeLetter, extension({ date: '2026-02-15' }), ['date']);
  });
});

describe('access fulfilment letter', () => {
  const fulfilment = (overrides: Partial<AccessFulfilmentModel> = {}): AccessFulfilmentModel => ({
    ...letterBase(),
    accessType: 'copy',
    deliveredVia: 'By mail to your home address',
    format: 'PDF files on a USB drive',
    feeCents: 650,
    feeLines: [
      { label: 'Labor to make the copy', amountCents: 300 },
      { label: 'USB drive', amountCents: 200 },
      { label: 'Postage', amountCents: 150 },
    ],
    ...overrides,
  });

  it('access fulfilment says what is provided and how, the fee and what it may cover, and that inspection is free (45 CFR 164.524(c)(2)-(4))', async () => {
    const pdf = await renderLetter(accessFulfilmentLetter, fulfilment());
    const text = pdfText(pdf);
    expect(text).toContain('We have approved your request for a copy of your health records.');
    expect(text).toContain('By mail to your home address');
    expect(text).toContain('PDF files on a USB drive');
    expect(text).toContain('The fee for your copy is $6.50.');
    expect(text).toContain('Labor to make the copy $3.00');
    expect(text).toContain('Postage $1.50');
    expect(text).toContain('By law, we may charge only for the work of making the copy, for supplies');
    expect(text).toContain('and for postage if you asked us to mail it');
    expect(text).toContain('There is no charge to look at (inspect) your records.');
    expect(text).toContain('If anything you asked for is missing');
    expectWellFormedLetter(pdf, 'access-fulfilment-en');
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Your request to see or copy your records: granted' });
  });

  it('access fulfilment for inspection says there is no charge (45 CFR 164.524(c)(3)(i), (c)(4))', async () => {
    const text = pdfText(
      await renderLetter(
        accessFulfilmentLetter,
        fulfilment({
          accessType: 'inspect',
          deliveredVia: 'At our office, 100 Example Avenue, on March 3, 2026 at 10 a.m.',
          format: null,
          feeCents: 0,
          feeLines: [],
        }),
      ),
    );
    expect(text).toContain('We have approved your request to see (inspect) your health records.');
    expect(text).toContain('At our office, 100 Example Avenue, on March 3, 2026 at 10 a.m.');
    expect(text).toContain('There is no charge.');
    expect(text).not.toContain('The fee for your copy');
    expect(text).not.toContain('cannot open or read your copy');
  });

  it('access fulfilment is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      accessFulfilmentLetter,
      fulfilment({
        ...letterBase('es'),
        deliveredVia: 'Por correo a su domicilio',
        format: 'Archivos PDF en una memoria USB',
        feeLines: [
          { label: 'Trabajo de copiar', amountCents: 300 },
          { label: 'Memoria USB', amountCents: 200 },
          { label: 'Envío por correo', amountCents: 150 },
        ],
      }),
      [
        'Aprobamos su solicitud de una copia de sus registros de salud.',
        'El cargo por su copia es de $6.50.',
        'Por ley, solo podemos cobrar por el trabajo de hacer la copia',
        'No se cobra por ver (inspeccionar) sus registros.',
      ],
      'access-fulfilment-es',
    );
  });

  it('access fulfilment is refused without how the records are provided (45 CFR 164.524(c)(3))', async () => {
    await expectRefusedWithout(accessFulfilmentLetter, fulfilment({ deliveredVia: '' }), ['deliveredVia']);
  });

  it('access fulfilment is refused with a fee for inspection only or fee items that do not add up (45 CFR 164.524(c)(4))', async () => {
    await expectRefusedWithout(accessFulfilmentLetter, fulfilment({ accessType: 'inspect', feeLines: [] }), ['feeCents']);
    await expectRefusedWithout(accessFulfilmentLetter, fulfilment({ feeCents: 700 }), ['feeLines']);
    await expectRefusedWithout(accessFulfilmentLetter, fulfilment({ feeCents: 6.5, feeLines: [] }), ['feeCents']);
  });
});

describe('access referral letter', () => {
  const referral = (overrides: Partial<AccessReferralModel> = {}): AccessReferralModel => ({
    ...letterBase(),
    holderName: 'Northside Imaging Center',
    holderAddress: 'Medical Records, 45 North Road, Springfield, NY 10003',
    ...overrides,
  });

  it('access referral says we do not hold the records and where to send the request (45 CFR 164.524(d)(3))', async () => {
    const pdf = await renderLetter(accessReferralLetter, referral());
    const text = pdfText(pdf);
    expect(text).toContain('We do not have the records you asked for');
    expect(text).toContain('We believe Northside Imaging Center has these records. Please send your request to Northside Imaging Center');
    expect(text).toContain('Medical Records, 45 North Road, Springfield, NY 10003');
    expectWellFormedLetter(pdf, 'access-referral-en');
  });

  it('access referral says how to complain to the clinic and to HHS, with the contact and phone (45 CFR 164.530(d), 160.306, 164.530(a)(1)(ii), 164.530(g))', async () => {
    const text = pdfText(await renderLetter(accessReferralLetter, referral()));
    expect(text).toContain('How to complain');
    expect(text).toContain('contact Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
    expect(text).toContain('We will not retaliate against you for complaining.');
  });

  it('access referral is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      accessReferralLetter,
      referral(letterBase('es')),
      ['No tenemos los registros que pidió', 'Envíe su solicitud a Northside Imaging Center', 'Cómo presentar una queja'],
      'access-referral-es',
    );
  });

  it('access referral is refused without the holder, where to send the request, or the HHS complaint route (45 CFR 164.524(d)(3), 160.306)', async () => {
    await expectRefusedWithout(accessReferralLetter, referral({ holderName: '', holderAddress: '' }), ['holderName', 'holderAddress']);
    await expectRefusedWithout(accessReferralLetter, withoutHhs(referral()), ['organisation.hhs.address', 'organisation.hhs.web']);
  });
});

describe('review outcome letter', () => {
  const review = (overrides: Partial<ReviewOutcomeModel> = {}): ReviewOutcomeModel => ({
    ...letterBase(),
    outcome: 'upheld',
    explanation: 'The reviewer agreed that reading these notes now is likely to put your safety at risk.',
    reviewerTitle: 'a licensed psychologist',
    ...overrides,
  });

  it('review outcome (upheld) gives the reviewing official’s decision in writing and how to complain (45 CFR 164.524(d)(4), 164.530(d), 160.306)', async () => {
    const pdf = await renderLetter(reviewOutcomeLetter, review());
    const text = pdfText(pdf);
    expect(text).toContain('The review was done by a licensed psychologist, who was not involved in our first decision.');
    expect(text).toContain('The reviewer agreed with our decision. The denial stands.');
    expect(text).toContain('The reviewer agreed that reading these notes now');
    expect(text).toContain('How to complain');
    expect(text).toContain('contact Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
    expect(text).not.toContain('we will give you access promptly');
    expectWellFormedLetter(pdf, 'review-outcome-en');
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Review of the decision about your records: the denial stands' });
  });

  it('review outcome (reversed) says we will provide access promptly (45 CFR 164.524(d)(4))', async () => {
    const pdf = await renderLetter(
      reviewOutcomeLetter,
      review({ outcome: 'reversed', explanation: 'The reviewer found no likely risk to your safety from seeing these notes.' }),
    );
    const text = pdfText(pdf);
    expect(text).toContain('We must follow the reviewer’s decision, and we will give you access promptly.');
    expect(text).toContain('The reviewer found no likely risk');
    expect(text).not.toContain('The denial stands');
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Review of the decision about your records: you will get access' });
    renderFirstPage(pdf, 'review-outcome-reversed-en');
  });

  it('review outcome is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      reviewOutcomeLetter,
      review({
        ...letterBase('es'),
        reviewerTitle: 'un psicólogo con licencia',
        explanation: 'Quien hizo la revisión estuvo de acuerdo en que leer estas notas ahora probablemente pondría en riesgo su seguridad.',
      }),
      [
        'La revisión estuvo a cargo de un psicólogo con licencia, quien no participó en nuestra primera decisión.',
        'La negativa se mantiene.',
        'Cómo presentar una queja',
      ],
      'review-outcome-es',
    );
  });

  it('review outcome is refused without the decision, the explanation or the reviewer’s role (45 CFR 164.524(a)(4), (d)(4))', async () => {
    await expectRefusedWithout(
      reviewOutcomeLetter,
      review({ outcome: '' as ReviewOutcomeModel['outcome'], explanation: '', reviewerTitle: '' }),
      ['outcome', 'explanation', 'reviewerTitle'],
    );
    await expectRefusedWithout(reviewOutcomeLetter, withoutHhs(review()), ['organisation.hhs.address', 'organisation.hhs.web']);
    expect(reviewOutcomeLetter.missing(withoutHhs(review({ outcome: 'reversed' })))).toEqual([]);
  });
});

describe('notice of privacy practices copy', () => {
  const SECTIONS: NoticeCopyModel['noticeSections'] = [
    {
      heading: 'How we may use and share your health information',
      paragraphs: ['Synthetic notice text: we use your information to treat you, to get paid, and to run the clinic.'],
    },
    {
      heading: 'Your rights',
      paragraphs: [
        'Synthetic notice text: you can ask to see or get a copy of your records.',
        'Synthetic notice text: you can ask for a paper copy of this notice at any time.',
      ],
    },
    { heading: 'Questions and complaints', paragraphs: ['Synthetic notice text: call the Privacy Officer.'] },
  ];
  const notice = (overrides: Partial<NoticeCopyModel> = {}): NoticeCopyModel => ({
    ...letterBase(),
    noticeVersion: '2026-02',
    noticeEffectiveOn: '2026-02-16',
    noticeSections: SECTIONS,
    ...overrides,
  });

  it('notice copy gives the current notice with its version and effective date, section by section (45 CFR 164.520(b)(1)(iv)(F), (b)(1)(viii))', async () => {
    const pdf = await renderLetter(noticeCopyLetter, notice());
    const text = pdfText(pdf);
    expect(text).toContain('here is a copy of our current Notice of Privacy Practices');
    expect(text).toContain('This is version 2026-02 of the notice, effective February 16, 2026.');
    for (const section of SECTIONS) {
      expect(text).toContain(section.heading);
      for (const paragraph of section.paragraphs) expect(text).toContain(paragraph);
    }
    expect(text.indexOf('How we may use')).toBeLessThan(text.indexOf('Your rights'));
    expect(text.indexOf('Your rights')).toBeLessThan(text.indexOf('Questions and complaints'));
    expectWellFormedLetter(pdf, 'notice-copy-en');
  });

  it('notice copy paginates a notice longer than one page (45 CFR 164.520)', async () => {
    const long = Array.from({ length: 8 }, (_, index) => ({
      heading: `Section ${index + 1}`,
      paragraphs: Array.from(
        { length: 3 },
        (_, line) =>
          `Synthetic notice paragraph ${index + 1}.${line + 1}: this text stands in for the clinic's own wording about how it uses and shares health information and what rights you have.`,
      ),
    }));
    const pdf = await renderLetter(noticeCopyLetter, notice({ noticeSections: long }));
    expect(qpdfCheck(pdf)).toMatchObject({ ok: true });
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThanOrEqual(2);
    const text = pdfText(pdf);
    expect(text).toContain('Synthetic notice paragraph 8.3');
    expect(text).toMatch(/Page 2\/\d/);
  });

  it('notice copy is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      noticeCopyLetter,
      notice({
        ...letterBase('es'),
        noticeSections: [
          { heading: 'Sus derechos', paragraphs: ['Texto sintético del aviso: puede pedir una copia en papel de este aviso.'] },
        ],
      }),
      ['Esta es la versión 2026-02 del aviso, vigente desde el 16 de febrero de 2026.', 'Texto sintético del aviso'],
      'notice-copy-es',
    );
  });

  it('notice copy is refused without the version, the effective date or the notice text (45 CFR 164.520(b)(1)(viii), (e))', async () => {
    await expectRefusedWithout(noticeCopyLetter, notice({ noticeVersion: '', noticeEffectiveOn: '', noticeSections: [] }), [
      'noticeVersion',
      'noticeEffectiveOn',
      'noticeSections',
    ]);
    await expectRefusedWithout(noticeCopyLetter, notice({ noticeSections: [{ heading: ' ', paragraphs: [''] }] }), [
      'noticeSections[0].heading',
      'noticeSections[0].paragraphs',
    ]);
  });
});

describe('access group letters', () => {
  it('give byte-identical PDFs for the same model', async () => {
    const base = letterBase();
    await expectSameBytes(acknowledgementLetter, {
      ...base,
      requestType: 'access',
      requestTitle: 'a copy of your health records',
      receivedOn: '2026-02-06',
      dueOn: '2026-03-08',
      deadlineKind: 'legal',
    });
    await expectSameBytes(accessFulfilmentLetter, { ...base, accessType: 'copy', deliveredVia: 'By mail', feeCents: 0 });
    await expectSameBytes(reviewOutcomeLetter, {
      ...base,
      outcome: 'upheld',
      explanation: 'Reasons.',
      reviewerTitle: 'a licensed psychologist',
    });
  });
});
