import { renderLetter } from '#documents';
import {
  complaintAcknowledgementLetter,
  type ComplaintAcknowledgementModel,
} from '../../../libs/documents/src/letters/complaint-acknowledgement.letter.js';
import {
  complaintDispositionLetter,
  type ComplaintDispositionModel,
} from '../../../libs/documents/src/letters/complaint-disposition.letter.js';
import {
  confidentialCommunicationAccommodatedLetter,
  type ConfidentialCommunicationAccommodatedModel,
} from '../../../libs/documents/src/letters/confidential-communication-accommodated.letter.js';
import {
  confidentialCommunicationDeclinedLetter,
  type ConfidentialCommunicationDeclinedModel,
} from '../../../libs/documents/src/letters/confidential-communication-declined.letter.js';
import { restrictionAgreedLetter, type RestrictionAgreedModel } from '../../../libs/documents/src/letters/restriction-agreed.letter.js';
import {
  restrictionDeclinedLetter,
  type RestrictionDeclinedModel,
} from '../../../libs/documents/src/letters/restriction-declined.letter.js';
import {
  restrictionTerminatedLetter,
  type RestrictionTerminatedModel,
} from '../../../libs/documents/src/letters/restriction-terminated.letter.js';
import {
  revocationConfirmationLetter,
  type RevocationConfirmationModel,
} from '../../../libs/documents/src/letters/revocation-confirmation.letter.js';
import {
  revocationNotInWritingLetter,
  type RevocationNotInWritingModel,
} from '../../../libs/documents/src/letters/revocation-not-in-writing.letter.js';
import {
  expectRefusedWithout,
  expectSameBytes,
  expectSpanishLetter,
  expectWellFormedLetter,
  withoutContactPhone,
  withoutHhs,
} from '../../support/letter-assertions.js';
import { letterBase } from '../../support/letter-fixtures.js';
import { pdfText } from '../../support/pdf.js';

describe('restriction agreed letter (45 CFR 164.522(a))', () => {
  const agreed = (overrides: Partial<RestrictionAgreedModel> = {}): RestrictionAgreedModel => ({
    ...letterBase(),
    scope: 'We will not share information about your March 2026 visit with your brother, Sam Testwell.',
    selfPay: false,
    ...overrides,
  });

  it('says we agreed and what the limit covers (45 CFR 164.522(a)(1)(ii)-(iii))', async () => {
    const pdf = await renderLetter(restrictionAgreedLetter, agreed());
    const text = pdfText(pdf);
    expect(text).toContain('Your request to limit how we use or share your health information: agreed');
    expect(text).toContain('We agree to the limit (restriction) you asked for');
    expect(text).toContain('we will not use or share your health information in a way this limit does not allow');
    expect(text).toContain('with your brother, Sam Testwell');
    expectWellFormedLetter(pdf, 'restriction-agreed-en');
  });

  it('keeps emergency treatment, with a request not to redisclose, and disclosures required by law (45 CFR 164.522(a)(1)(iii)-(v))', async () => {
    const text = pdfText(await renderLetter(restrictionAgreedLetter, agreed()));
    expect(text).toContain('if you need emergency treatment and this information is needed to treat you, we may use it');
    expect(text).toContain('we will ask that provider not to use or share it any further');
    expect(text).toContain('When a law requires us to share it');
    expect(text).toContain('When the U.S. Department of Health and Human Services asks for it');
    expect(text).toContain('facility directory');
  });

  it('says how to end it: in writing, or orally and we write it down (45 CFR 164.522(a)(2)(i)-(ii))', async () => {
    const text = pdfText(await renderLetter(restrictionAgreedLetter, agreed()));
    expect(text).toContain(
      'You can end this limit at any time. Tell us in writing, or tell us in person or by phone and we will write down that you agreed to end it',
    );
    expect(text).toContain('Contact Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('The end will apply only to information we create or receive after we tell you');
  });

  it('says the clinic cannot end a self-pay restriction on its own (45 CFR 164.522(a)(1)(vi), (a)(2)(iii))', async () => {
    const text = pdfText(
      await renderLetter(
        restrictionAgreedLetter,
        agreed({ selfPay: true, scope: 'Do not send information about your March 2026 MRI, paid in full, to Example Health Plan.' }),
      ),
    );
    expect(text).toContain('paid in full for this item or service');
    expect(text).toContain('we cannot end it on our own. Only you can end it.');
    expect(text).not.toContain('We may also end this limit ourselves');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      restrictionAgreedLetter,
      agreed({ language: 'es', scope: 'No compartiremos información de su visita de marzo de 2026 con su hermano.' }),
      ['Aceptamos el límite (restricción) que usted pidió', 'le pediremos que no la siga usando ni la comparta'],
      'restriction-agreed-es',
    );
  });

  it('refuses a model without the scope or the self-pay flag, naming them (45 CFR 164.522(a)(1)(ii), (a)(2)(iii))', async () => {
    await expectRefusedWithout(restrictionAgreedLetter, agreed({ scope: ' ' }), ['scope']);
    await expectRefusedWithout(restrictionAgreedLetter, agreed({ selfPay: undefined as unknown as boolean }), ['selfPay']);
  });
});

describe('restriction declined letter (45 CFR 164.522(a)(1)(ii))', () => {
  const declined = (overrides: Partial<RestrictionDeclinedModel> = {}): RestrictionDeclinedModel => ({
    ...letterBase(),
    scope: 'Not to share any of your records with other doctors in our clinic.',
    explanation: 'Our doctors work as one team and need your records to treat you safely.',
    ...overrides,
  });

  it('says we are not required to agree and do not, with the optional explanation (45 CFR 164.522(a)(1)(ii))', async () => {
    const pdf = await renderLetter(restrictionDeclinedLetter, declined());
    const text = pdfText(pdf);
    expect(text).toContain('The law does not require us to agree to most requests like this, and we have decided not to agree to yours');
    expect(text).toContain('Not to share any of your records with other doctors in our clinic.');
    expect(text).toContain('Our doctors work as one team');
    expectWellFormedLetter(pdf, 'restriction-declined-en');
  });

  it('leaves out the "Why" section when no explanation is given (the rule requires none)', async () => {
    const text = pdfText(await renderLetter(restrictionDeclinedLetter, declined({ explanation: null })));
    expect(text).not.toContain('Why');
    expect(text).toContain('we have decided not to agree to yours');
  });

  it('mentions the self-pay restriction we must agree to (45 CFR 164.522(a)(1)(vi))', async () => {
    const text = pdfText(await renderLetter(restrictionDeclinedLetter, declined()));
    expect(text).toContain('There is one kind of request we must agree to');
    expect(text).toContain('paid in full for an item or service, you can ask us not to share information about it with your health plan');
  });

  it('gives the complaint routes to the clinic and to HHS (45 CFR 164.530(d), 160.306, 164.530(g))', async () => {
    const text = pdfText(await renderLetter(restrictionDeclinedLetter, declined()));
    expect(text).toContain('You can complain to us: contact Pat Privacy, Privacy Officer, at (555) 010-0100');
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
    expect(text).toContain('We will not retaliate against you for complaining');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      restrictionDeclinedLetter,
      declined({ language: 'es' }),
      ['La ley no nos obliga a aceptar la mayoría de las solicitudes como esta', 'Cómo presentar una queja'],
      'restriction-declined-es',
    );
  });

  it('refuses a model without the scope or the HHS complaint route, naming them', async () => {
    await expectRefusedWithout(restrictionDeclinedLetter, declined({ scope: '' }), ['scope']);
    await expectRefusedWithout(restrictionDeclinedLetter, withoutHhs(declined()), ['organisation.hhs.address', 'organisation.hhs.web']);
  });
});

describe('restriction terminated letter (45 CFR 164.522(a)(2))', () => {
  const terminated = (overrides: Partial<RestrictionTerminatedModel> = {}): RestrictionTerminatedModel => ({
    ...letterBase(),
    scope: 'Not to share information about your March 2026 visit with your brother.',
    by: 'clinic',
    effectiveForPhiCreatedAfter: '2026-02-09',
    ...overrides,
  });

  it('by the clinic: the end applies only to information created or received after the date we told you (45 CFR 164.522(a)(2)(iii))', async () => {
    const pdf = await renderLetter(restrictionTerminatedLetter, terminated());
    const text = pdfText(pdf);
    expect(text).toContain('We are ending the limit on how we use or share your health information');
    expect(text).toContain('The end of the limit applies only to health information we create or receive after February 9, 2026.');
    expect(text).toContain('Information we created or received on or before February 9, 2026 stays protected by the limit');
    expect(text).toContain('with your brother');
    expectWellFormedLetter(pdf, 'restriction-terminated-en');
  });

  it('by the individual, in writing or orally and documented: confirms the end as asked (45 CFR 164.522(a)(2)(i)-(ii))', async () => {
    const written = pdfText(
      await renderLetter(restrictionTerminatedLetter, terminated({ by: 'individual', effectiveForPhiCreatedAfter: null, form: 'written' })),
    );
    expect(written).toContain('As you asked in writing, the limit (restriction) described below has ended.');
    expect(written).not.toContain('created or receive after');
    const oral = pdfText(
      await renderLetter(restrictionTerminatedLetter, terminated({ by: 'individual', effectiveForPhiCreatedAfter: null, form: 'oral' })),
    );
    expect(oral).toContain('We have written down that you agreed to end it.');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      restrictionTerminatedLetter,
      terminated({ language: 'es' }),
      ['El fin del límite se aplica solo a la información de salud que creemos o recibamos después del 9 de febrero de 2026.'],
      'restriction-terminated-es',
    );
  });

  it('refuses a clinic termination without the effect date, or of a self-pay restriction (45 CFR 164.522(a)(2)(iii))', async () => {
    await expectRefusedWithout(restrictionTerminatedLetter, terminated({ effectiveForPhiCreatedAfter: null }), [
      'effectiveForPhiCreatedAfter',
    ]);
    await expectRefusedWithout(restrictionTerminatedLetter, terminated({ effectiveForPhiCreatedAfter: '2026-02-30' }), [
      'effectiveForPhiCreatedAfter',
    ]);
    await expectRefusedWithout(restrictionTerminatedLetter, terminated({ selfPay: true }), ['selfPay']);
    await expectRefusedWithout(restrictionTerminatedLetter, terminated({ scope: '' }), ['scope']);
    expect(restrictionTerminatedLetter.missing(terminated({ by: 'individual', effectiveForPhiCreatedAfter: null }))).toEqual([]);
  });
});

describe('confidential communication accommodated letter (45 CFR 164.522(b))', () => {
  const alternative = { line1: 'PO Box 77', city: 'Springfield', state: 'NY', postalCode: '10003' };
  const accommodated = (
    overrides: Partial<ConfidentialCommunicationAccommodatedModel> = {},
  ): ConfidentialCommunicationAccommodatedModel => ({
    ...letterBase(),
    recipient: { name: 'Avery Testwell', address: alternative },
    alternativeAddress: 'PO Box 77, Springfield, NY 10003',
    alternativeContactMethod: 'Mobile phone (555) 010-0199, calls only',
    paymentHandling: 'Bills will be sent to the PO box. You may pay at the front desk.',
    ...overrides,
  });

  it('says we will contact you only by the alternative means or at the alternative place (45 CFR 164.522(b)(1)(i), (b)(2)(ii))', async () => {
    const pdf = await renderLetter(confidentialCommunicationAccommodatedLetter, accommodated());
    const text = pdfText(pdf);
    expect(text).toContain('we will contact you about your health care only in the way and at the place you asked');
    expect(text).toContain('PO Box 77, Springfield, NY 10003');
    expect(text).toContain('Mobile phone (555) 010-0199, calls only');
    expect(text).toContain('Bills will be sent to the PO box.');
    expectWellFormedLetter(pdf, 'confidential-communication-accommodated-en');
  });

  it('is addressed to the alternative and says nothing of the reason or the usual address (45 CFR 164.522(b)(2)(iii))', async () => {
    const text = pdfText(await renderLetter(confidentialCommunicationAccommodatedLetter, accommodated()));
    expect(text).not.toContain('12 Sample Street');
    for (const word of ['reason', 'danger', 'safety', 'abuse', 'violence']) expect(text.toLowerCase()).not.toContain(word);
  });

  it('works with a contact method alone', async () => {
    const text = pdfText(
      await renderLetter(
        confidentialCommunicationAccommodatedLetter,
        accommodated({ alternativeAddress: null, paymentHandling: null, recipient: { name: 'Avery Testwell', address: null } }),
      ),
    );
    expect(text).toContain('Mobile phone (555) 010-0199');
    expect(text).not.toContain('Payment');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      confidentialCommunicationAccommodatedLetter,
      accommodated({ language: 'es' }),
      ['nos comunicaremos con usted sobre su atención médica solo de la forma y en el lugar que usted pidió'],
      'confidential-communication-accommodated-es',
    );
  });

  it('refuses a model without an alternative address or contact method, or without the address to mail it to (45 CFR 164.522(b)(2)(ii))', async () => {
    await expectRefusedWithout(
      confidentialCommunicationAccommodatedLetter,
      accommodated({ alternativeAddress: ' ', alternativeContactMethod: null }),
      ['alternativeAddress'],
    );
    await expectRefusedWithout(
      confidentialCommunicationAccommodatedLetter,
      accommodated({ recipient: { name: 'Avery Testwell', address: null } }),
      ['recipient.address'],
    );
  });
});

describe('confidential communication declined letter (45 CFR 164.522(b))', () => {
  const declined = (overrides: Partial<ConfidentialCommunicationDeclinedModel> = {}): ConfidentialCommunicationDeclinedModel => ({
    ...letterBase(),
    reasonCode: 'not_reasonable_to_accommodate',
    explanation: 'We cannot send mail to addresses outside the United States.',
    ...overrides,
  });

  it('gives the plain reason, how to ask again, and that no reason for asking is needed (45 CFR 164.522(b)(1)(i), (b)(2)(iii))', async () => {
    const pdf = await renderLetter(confidentialCommunicationDeclinedLetter, declined());
    const text = pdfText(pdf);
    expect(text).toContain('We could not accept your request to contact you in a different way or at a different place');
    expect(text).toContain('We are not able to contact you in the way or at the place you asked');
    expect(text).toContain('We cannot send mail to addresses outside the United States.');
    expect(text).toContain('You can ask again with a different address or a different way to contact you');
    expect(text).toContain('You do not have to tell us why you are asking.');
    expect(text).toContain('Send it to Pat Privacy, Privacy Officer');
    expectWellFormedLetter(pdf, 'confidential-communication-declined-en');
  });

  it('asks for the alternative when none was given (45 CFR 164.522(b)(2)(ii))', async () => {
    const text = pdfText(
      await renderLetter(
        confidentialCommunicationDeclinedLetter,
        declined({ reasonCode: 'no_alternative_given', explanation: 'Your form left the new address blank.' }),
      ),
    );
    expect(text).toContain('Your request did not tell us the other address');
    expect(text).toContain('Send us your request again with the address, phone number, email or other way you want us to use');
  });

  it('lets only a health plan decline for lack of an endangerment statement (45 CFR 164.522(b)(1)(ii), (b)(2)(iv))', async () => {
    const plan = declined({
      reasonCode: 'no_endangerment_statement',
      organisationKind: 'health_plan',
      explanation: 'Your request did not include the statement.',
    });
    const text = pdfText(await renderLetter(confidentialCommunicationDeclinedLetter, plan));
    expect(text).toContain('could put you in danger, say so in your request');
    expect(text).not.toContain('You do not have to tell us why');
    await expectRefusedWithout(confidentialCommunicationDeclinedLetter, { ...plan, organisationKind: null }, ['organisationKind']);
  });

  it('gives the complaint routes to the clinic and to HHS (45 CFR 164.530(d), 160.306)', async () => {
    const text = pdfText(await renderLetter(confidentialCommunicationDeclinedLetter, declined()));
    expect(text).toContain('How to complain');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      confidentialCommunicationDeclinedLetter,
      declined({ language: 'es' }),
      ['No pudimos aceptar su solicitud de comunicarnos con usted de otra forma o en otro lugar', 'No tiene que decirnos por qué lo pide.'],
      'confidential-communication-declined-es',
    );
  });

  it('refuses a model without the explanation, with an unknown reason, or without the HHS complaint route', async () => {
    await expectRefusedWithout(confidentialCommunicationDeclinedLetter, declined({ explanation: '' }), ['explanation']);
    await expectRefusedWithout(confidentialCommunicationDeclinedLetter, declined({ reasonCode: 'no_reason_given' as never }), [
      'reasonCode',
    ]);
    await expectRefusedWithout(confidentialCommunicationDeclinedLetter, withoutHhs(declined()), [
      'organisation.hhs.address',
      'organisation.hhs.web',
    ]);
  });
});

describe('complaint acknowledgement letter (45 CFR 164.530(d))', () => {
  const acknowledgement = (overrides: Partial<ComplaintAcknowledgementModel> = {}): ComplaintAcknowledgementModel => ({
    ...letterBase(),
    receivedOn: '2026-02-06',
    category: 'access',
    hhsWindowClosesOn: '2026-07-20',
    ...overrides,
  });

  it('says we received the complaint, on which date and about what (45 CFR 164.530(d)(1)-(2))', async () => {
    const pdf = await renderLetter(complaintAcknowledgementLetter, acknowledgement());
    const text = pdfText(pdf);
    expect(text).toContain('We received your privacy complaint on February 6, 2026.');
    expect(text).toContain('Seeing or getting a copy of your records');
    expectWellFormedLetter(pdf, 'complaint-acknowledgement-en');
  });

  it('promises no retaliation (45 CFR 164.530(g), 160.316)', async () => {
    const text = pdfText(await renderLetter(complaintAcknowledgementLetter, acknowledgement()));
    expect(text).toContain('We will not threaten, punish or treat you differently because you complained');
    expect(text).toContain('We will not retaliate against you for complaining');
  });

  it('gives the HHS route and, for information, the date the 180-day window closes, waivable for good cause (45 CFR 160.306(b)(3))', async () => {
    const text = pdfText(await renderLetter(complaintAcknowledgementLetter, acknowledgement()));
    expect(text).toContain('Office for Civil Rights');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
    expect(text).toContain('For your information: based on the dates we have, the 180 days to complain to HHS end on July 20, 2026.');
    expect(text).toContain('HHS may accept a complaint after that date if there is a good reason (good cause)');
  });

  it('says we will never ask you to waive your rights (45 CFR 164.530(h))', async () => {
    const text = pdfText(await renderLetter(complaintAcknowledgementLetter, acknowledgement()));
    expect(text).toContain(
      'We will never ask you to give up your privacy rights, or your right to complain to the U.S. Department of Health and Human Services (HHS)',
    );
  });

  it('prints an unknown category as given', async () => {
    const text = pdfText(
      await renderLetter(complaintAcknowledgementLetter, acknowledgement({ category: 'Front-desk conversation overheard' })),
    );
    expect(text).toContain('Front-desk conversation overheard');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      complaintAcknowledgementLetter,
      acknowledgement({ language: 'es' }),
      [
        'Recibimos su queja sobre privacidad el 6 de febrero de 2026.',
        'los 180 días para presentar una queja ante HHS terminan el 20 de julio de 2026',
      ],
      'complaint-acknowledgement-es',
    );
  });

  it('refuses a model without the receipt date, the HHS window date or the HHS route, naming them', async () => {
    await expectRefusedWithout(complaintAcknowledgementLetter, acknowledgement({ receivedOn: '' }), ['receivedOn']);
    await expectRefusedWithout(complaintAcknowledgementLetter, acknowledgement({ receivedOn: '2026-02-10' }), ['receivedOn']);
    await expectRefusedWithout(complaintAcknowledgementLetter, acknowledgement({ hhsWindowClosesOn: 'soon' }), ['hhsWindowClosesOn']);
    await expectRefusedWithout(complaintAcknowledgementLetter, withoutHhs(acknowledgement()), [
      'organisation.hhs.address',
      'organisation.hhs.web',
    ]);
  });
});

describe('complaint disposition letter (45 CFR 164.530(d)(2))', () => {
  const disposition = (overrides: Partial<ComplaintDispositionModel> = {}): ComplaintDispositionModel => ({
    ...letterBase(),
    disposition:
      'Your records request was not answered in time. We have changed how requests are tracked so that every deadline is watched.',
    outcome: 'substantiated',
    sanctionsApplied: true,
    ...overrides,
  });

  it('says what we found and what we did (45 CFR 164.530(d)(2))', async () => {
    const pdf = await renderLetter(complaintDispositionLetter, disposition());
    const text = pdfText(pdf);
    expect(text).toContain('We have finished looking into your complaint, and we found that you were right.');
    expect(text).toContain('We have changed how requests are tracked');
    expectWellFormedLetter(pdf, 'complaint-disposition-en');
  });

  it('says staff action was taken without naming staff (45 CFR 164.530(e))', async () => {
    const text = pdfText(await renderLetter(complaintDispositionLetter, disposition()));
    expect(text).toContain('we do not share staff names or the details of that action');
    const without = pdfText(
      await renderLetter(complaintDispositionLetter, disposition({ sanctionsApplied: false, outcome: 'unsubstantiated' })),
    );
    expect(without).toContain('We did not find that we broke our privacy rules or the law.');
    expect(without).not.toContain('staff names');
  });

  it('keeps the routes to complain to HHS open (45 CFR 160.306)', async () => {
    const text = pdfText(
      await renderLetter(
        complaintDispositionLetter,
        disposition({ outcome: 'referred', referredTo: 'our laboratory partner', sanctionsApplied: false }),
      ),
    );
    expect(text).toContain('sent it on to our laboratory partner');
    expect(text).toContain('you can still complain to the U.S. Department of Health and Human Services');
    expect(text).toContain('https://www.hhs.gov/ocr/complaints');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      complaintDispositionLetter,
      disposition({ language: 'es', outcome: 'partly_substantiated' }),
      ['Terminamos de investigar su queja y encontramos que usted tenía razón en parte.'],
      'complaint-disposition-es',
    );
  });

  it('refuses a model without the disposition (even one of invisible characters) or with an unknown outcome', async () => {
    await expectRefusedWithout(complaintDispositionLetter, disposition({ disposition: ' \u200b ' }), ['disposition']);
    await expectRefusedWithout(complaintDispositionLetter, disposition({ outcome: 'closed' as never }), ['outcome']);
    await expectRefusedWithout(complaintDispositionLetter, withoutHhs(disposition()), ['organisation.hhs.address', 'organisation.hhs.web']);
  });
});

describe('revocation confirmation letter (45 CFR 164.508(b)(5))', () => {
  const confirmation = (overrides: Partial<RevocationConfirmationModel> = {}): RevocationConfirmationModel => ({
    ...letterBase(),
    authorizationReference: 'Authorization AUTH-2025-0042, signed June 3, 2025',
    effectiveOn: '2026-02-04',
    disclosuresInReliance: [
      { description: 'Visit notes for January 2026 sent to Example Life Insurance Co.', madeOn: '2026-01-20' },
      { description: 'Lab results sent to Example Life Insurance Co.', madeOn: '2026-02-02' },
    ],
    ...overrides,
  });

  it('says the revocation took effect on the day we received it in writing, with no new disclosures (45 CFR 164.508(b)(5), (b)(2)(iii))', async () => {
    const pdf = await renderLetter(revocationConfirmationLetter, confirmation());
    const text = pdfText(pdf);
    expect(text).toContain('Your cancellation took effect on February 4, 2026, the day we received it in writing.');
    expect(text).toContain('Authorization AUTH-2025-0042, signed June 3, 2025');
    expect(text).toContain('We will make no new disclosures of your information under this authorization.');
    expectWellFormedLetter(pdf, 'revocation-confirmation-en');
  });

  it('lists the disclosures already made in reliance, which cannot be undone (45 CFR 164.508(b)(5)(i))', async () => {
    const text = pdfText(await renderLetter(revocationConfirmationLetter, confirmation()));
    expect(text).toContain('Cancelling cannot undo what we already did while the authorization was in effect.');
    expect(text).toContain('January 20, 2026');
    expect(text).toContain('Visit notes for January 2026 sent to Example Life Insurance Co.');
    expect(text).toContain('Lab results sent to Example Life Insurance Co.');
    const none = pdfText(await renderLetter(revocationConfirmationLetter, confirmation({ disclosuresInReliance: [] })));
    expect(none).toContain('We had not shared any information under this authorization before your cancellation took effect.');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      revocationConfirmationLetter,
      confirmation({ language: 'es' }),
      [
        'Su cancelación entró en vigor el 4 de febrero de 2026, el día en que la recibimos por escrito.',
        'La cancelación no puede deshacer lo que ya hicimos',
      ],
      'revocation-confirmation-es',
    );
  });

  it('refuses a model without the authorization or the effective date, or with a disclosure after the revocation took effect (45 CFR 164.508(b)(5))', async () => {
    await expectRefusedWithout(revocationConfirmationLetter, confirmation({ authorizationReference: '' }), ['authorizationReference']);
    await expectRefusedWithout(revocationConfirmationLetter, confirmation({ effectiveOn: '' }), ['effectiveOn']);
    await expectRefusedWithout(revocationConfirmationLetter, confirmation({ disclosuresInReliance: undefined as never }), [
      'disclosuresInReliance',
    ]);
    await expectRefusedWithout(
      revocationConfirmationLetter,
      confirmation({ disclosuresInReliance: [{ description: 'Records sent after the revocation', madeOn: '2026-02-05' }] }),
      ['disclosuresInReliance[0].madeOn'],
    );
  });
});

describe('revocation not in writing letter (45 CFR 164.508(b)(5))', () => {
  const notInWriting = (overrides: Partial<RevocationNotInWritingModel> = {}): RevocationNotInWritingModel => ({
    ...letterBase(),
    toldOn: '2026-02-03',
    authorizationReference: 'AUTH-2025-0042',
    ...overrides,
  });

  it('says a revocation must be in writing, how to send it, and that the authorization stays in effect until then (45 CFR 164.508(b)(5))', async () => {
    const pdf = await renderLetter(revocationNotInWritingLetter, notInWriting());
    const text = pdfText(pdf);
    expect(text).toContain('On February 3, 2026, you told us that you want to cancel (revoke) your authorization (AUTH-2025-0042).');
    expect(text).toContain('The law says a cancellation must be in writing.');
    expect(text).toContain('your authorization is still in effect');
    expect(text).toContain(
      'Until we receive your cancellation in writing, we may keep sharing your information as the authorization allows.',
    );
    expect(text).toContain(
      'Mail it or bring it to Pat Privacy, Privacy Officer, Example Community Clinic, 100 Example Avenue, Springfield, NY 10001.',
    );
    expect(text).toContain('Or email it to privacy@clinic.example.');
    expect(text).toContain('Your cancellation takes effect on the day we receive it in writing.');
    expectWellFormedLetter(pdf, 'revocation-not-in-writing-en');
  });

  it('is written in Spanish when the request is', async () => {
    await expectSpanishLetter(
      revocationNotInWritingLetter,
      notInWriting({ language: 'es' }),
      ['La ley dice que la cancelación debe hacerse por escrito.', 'su autorización sigue vigente'],
      'revocation-not-in-writing-es',
    );
  });

  it('refuses a model without the date the individual told us, naming it', async () => {
    await expectRefusedWithout(revocationNotInWritingLetter, notInWriting({ toldOn: '' }), ['toldOn']);
    await expectRefusedWithout(revocationNotInWritingLetter, notInWriting({ toldOn: '2026-03-01' }), ['toldOn']);
  });
});

describe('every arrangements letter', () => {
  it('gives byte-identical PDFs for the same model', async () => {
    await expectSameBytes(restrictionAgreedLetter, { ...letterBase(), scope: 'Visit of March 2026, to your brother.', selfPay: false });
  });

  it('refuses a model without the contact phone, naming it (45 CFR 164.530(a)(1)(ii))', async () => {
    const noPhone = withoutContactPhone(letterBase());
    await expectRefusedWithout(restrictionAgreedLetter, { ...noPhone, scope: 'x', selfPay: false }, ['organisation.privacyOfficer.phone']);
    await expectRefusedWithout(revocationNotInWritingLetter, { ...noPhone, toldOn: '2026-02-03' }, ['organisation.privacyOfficer.phone']);
  });
});
