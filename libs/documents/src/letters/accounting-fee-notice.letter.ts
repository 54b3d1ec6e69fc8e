import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines, longDate } from '../render.js';

export interface AccountingFeeNoticeModel extends LetterBase {
  /** The reasonable, cost-based fee for this accounting, in cents; more than zero. */
  feeCents: number;
  /** How the fee was set, in plain language. */
  explanation: string;
  /** When the free accounting of the last 12 months was provided (ISO), if it is to be shown. */
  previousAccountingOn?: string | null;
  /** The date by which we ask for an answer (ISO), if any. */
  respondBy?: string | null;
}

const dollars = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

/** Advance notice of the fee for a second accounting within 12 months (45 CFR 164.528(c)(2)). */
export const accountingFeeNoticeLetter: LetterTemplate<AccountingFeeNoticeModel> = {
  name: 'accounting_fee_notice',
  version: 1,
  citation: '45 CFR 164.528(c)(2)',
  title: (model) =>
    say(model.language, {
      en: 'Your request for a list of disclosures: there is a fee',
      es: 'Su solicitud de una lista de divulgaciones: tiene un costo',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!Number.isInteger(model.feeCents) || model.feeCents <= 0)
      missing.push({ element: 'feeCents', message: 'the fee, in whole cents and more than zero (164.528(c)(2))' });
    if (!model.explanation?.trim()) missing.push({ element: 'explanation', message: 'how the fee was set, in plain language' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const address = addressLines(organisation.address).join(', ');
    const fee = dollars(model.feeCents);
    const previous = model.previousAccountingOn?.trim();
    const respondBy = model.respondBy?.trim();

    writer.paragraph(
      say(lang, {
        en: 'We received your request for an accounting of disclosures: a list of certain times we shared your health information with others.',
        es: 'Recibimos su solicitud de un informe de divulgaciones: una lista de ciertas ocasiones en que compartimos su información de salud con otros.',
      }),
    );
    writer.heading(say(lang, { en: 'Why there is a fee', es: 'Por qué tiene un costo' }));
    writer.paragraph(
      say(lang, {
        en: 'The first accounting you ask for in any 12-month period is free.',
        es: 'El primer informe que pida en cualquier período de 12 meses es gratis.',
      }),
    );
    writer.paragraph(
      previous
        ? say(lang, {
            en: `We already gave you a free accounting on ${longDate(previous, lang)}, less than 12 months before this request. So this request has a fee of ${fee}.`,
            es: `Ya le dimos un informe gratis el ${longDate(previous, lang)}, menos de 12 meses antes de esta solicitud. Por eso, esta solicitud tiene un costo de ${fee}.`,
          })
        : say(lang, {
            en: `We already gave you a free accounting less than 12 months before this request. So this request has a fee of ${fee}.`,
            es: `Ya le dimos un informe gratis menos de 12 meses antes de esta solicitud. Por eso, esta solicitud tiene un costo de ${fee}.`,
          }),
      { bold: true },
    );
    writer.paragraph(say(lang, { en: 'How we set the fee:', es: 'Cómo calculamos el costo:' }));
    writer.paragraph(model.explanation);

    writer.heading(say(lang, { en: 'Your choices', es: 'Sus opciones' }));
    writer.paragraph(
      say(lang, {
        en: 'You may withdraw or change your request to avoid the fee or lower it. You can:',
        es: 'Puede retirar o cambiar su solicitud para no pagar el costo o para que sea menor. Puede:',
      }),
    );
    writer.list([
      say(lang, { en: `Keep your request as it is and pay ${fee}.`, es: `Mantener su solicitud como está y pagar ${fee}.` }),
      say(lang, {
        en: 'Change your request, for example by asking for a shorter period of time, which may lower the fee.',
        es: 'Cambiar su solicitud, por ejemplo pidiendo un período de tiempo más corto, lo que puede reducir el costo.',
      }),
      say(lang, { en: 'Withdraw your request and pay nothing.', es: 'Retirar su solicitud y no pagar nada.' }),
    ]);
    writer.paragraph(
      say(lang, {
        en: 'We will not charge you anything until you tell us what you want to do.',
        es: 'No le cobraremos nada hasta que nos diga qué quiere hacer.',
      }),
    );

    writer.heading(say(lang, { en: 'How to answer', es: 'Cómo responder' }));
    writer.paragraph(
      respondBy
        ? say(lang, {
            en: `Please tell us your choice by ${longDate(respondBy, lang)}. Call ${officer.name}, ${officer.title}, at ${officer.phone}, or write to ${address}. Mention reference ${model.reference}.`,
            es: `Por favor, díganos qué decide a más tardar el ${longDate(respondBy, lang)}. Llame a ${officer.name}, ${officer.title}, al ${officer.phone}, o escriba a ${address}. Mencione la referencia ${model.reference}.`,
          })
        : say(lang, {
            en: `Please tell us your choice. Call ${officer.name}, ${officer.title}, at ${officer.phone}, or write to ${address}. Mention reference ${model.reference}.`,
            es: `Por favor, díganos qué decide. Llame a ${officer.name}, ${officer.title}, al ${officer.phone}, o escriba a ${address}. Mencione la referencia ${model.reference}.`,
          }),
    );
  },
};
