import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';

export interface AcknowledgementModel extends LetterBase {
  /** The request's kind as the system names it (e.g. "access", "amendment"); not printed. */
  requestType: string;
  /** What was asked for, in the letter's language, given by the caller (e.g. "a copy of your health records"). */
  requestTitle: string;
  /** The date the request was received (ISO): the day the clock started. */
  receivedOn: string;
  /** The date we will answer by (ISO). */
  dueOn: string;
  /** 'legal': the date is the legal time limit; 'policy': the date is the clinic's own target. */
  deadlineKind: 'legal' | 'policy';
  /** Where the requester can check the request's status online, if the clinic offers that. */
  statusUrl?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));

/**
 * Acknowledgement of a request: the date we received it, the date we will
 * answer by (the legal limit, e.g. 45 CFR 164.524(b)(2), 164.526(b)(2),
 * 164.528(c)(1), or the clinic's own target), how to check on it and whom to
 * contact (164.530(a)(1)(ii)).
 */
export const acknowledgementLetter: LetterTemplate<AcknowledgementModel> = {
  name: 'acknowledgement',
  version: 1,
  citation: '45 CFR 164.530(a)(1)(ii)',
  title: (model) => say(model.language, { en: 'We received your request', es: 'Recibimos su solicitud' }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!isDate(model.receivedOn)) missing.push({ element: 'receivedOn', message: 'the date the request was received' });
    if (!isDate(model.dueOn)) missing.push({ element: 'dueOn', message: 'the date we will answer by' });
    if (model.deadlineKind !== 'legal' && model.deadlineKind !== 'policy')
      missing.push({ element: 'deadlineKind', message: 'whether the answer date is the legal time limit or our own target' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const received = longDate(model.receivedOn, lang);
    const due = longDate(model.dueOn, lang);
    const what = model.requestTitle?.trim();

    writer.paragraph(
      what
        ? say(lang, {
            en: `We received your request for ${what} on ${received}.`,
            es: `Recibimos su solicitud de ${what} el ${received}.`,
          })
        : say(lang, { en: `We received your request on ${received}.`, es: `Recibimos su solicitud el ${received}.` }),
    );
    writer.facts([
      [say(lang, { en: 'Reference', es: 'Referencia' }), model.reference],
      [say(lang, { en: 'Received on', es: 'Fecha de recibo' }), received],
      [say(lang, { en: 'Answer by', es: 'Respuesta a más tardar' }), due],
    ]);

    writer.heading(say(lang, { en: 'When we will answer', es: 'Cuándo le responderemos' }));
    if (model.deadlineKind === 'legal') {
      writer.paragraph(
        say(lang, {
          en: `The law gives us until ${due} to answer your request. We will answer sooner if we can.`,
          es: `La ley nos da hasta el ${due} para responder a su solicitud. Le responderemos antes si podemos.`,
        }),
      );
      writer.paragraph(
        say(lang, {
          en: 'If we need more time, we will write to you before that date to tell you why and the date by which we will answer.',
          es: 'Si necesitamos más tiempo, le escribiremos antes de esa fecha para explicarle por qué y decirle la fecha en que le responderemos.',
        }),
      );
    } else {
      writer.paragraph(
        say(lang, {
          en: `We aim to answer your request by ${due}.`,
          es: `Nuestra meta es responder a su solicitud a más tardar el ${due}.`,
        }),
      );
    }

    writer.heading(say(lang, { en: 'How to check on your request', es: 'Cómo saber en qué va su solicitud' }));
    const statusUrl = model.statusUrl?.trim();
    if (statusUrl) {
      writer.paragraph(
        say(lang, {
          en: `You can check the status of your request online at ${statusUrl}. Use reference ${model.reference}.`,
          es: `Puede ver en qué va su solicitud en línea en ${statusUrl}. Use la referencia ${model.reference}.`,
        }),
      );
    }
    const email = officer.email?.trim();
    writer.paragraph(
      say(lang, {
        en: `${statusUrl ? 'You can also call' : 'To check on your request, call'} ${officer.name}, ${officer.title}, at ${officer.phone}${email ? ` or email ${email}` : ''}. Mention reference ${model.reference}.`,
        es: `${statusUrl ? 'También puede llamar a' : 'Para saber en qué va su solicitud, llame a'} ${officer.name}, ${officer.title}, al ${officer.phone}${email ? ` o escriba a ${email}` : ''}. Mencione la referencia ${model.reference}.`,
      }),
    );
    writer.paragraph(
      say(lang, {
        en: 'Please contact us if you have questions, if your contact details change, or if you want to change or withdraw your request.',
        es: 'Comuníquese con nosotros si tiene preguntas, si cambian sus datos de contacto o si desea cambiar o retirar su solicitud.',
      }),
    );
  },
};
