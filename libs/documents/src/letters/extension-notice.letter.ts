import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';

export interface ExtensionNoticeModel extends LetterBase {
  /** What was asked for, in the letter's language (e.g. "a copy of your health records"). */
  requestTitle: string;
  /** The date the request was received (ISO). */
  receivedOn: string;
  /** The original time limit (ISO); the notice must be dated on or before it. */
  originalDueOn: string;
  /** The date by which we will complete our action (ISO): after the original date, at most 30 days later. */
  newDueOn: string;
  /** The reasons for the delay, plain language, in the letter's language. */
  reasons: string;
  /** The rule under which the extension is taken, e.g. "45 CFR 164.524(b)(2)(ii)". */
  citation: string;
}

/** The longest single extension the rules allow (164.524(b)(2)(ii), 164.526(b)(2)(ii), 164.528(c)(1)(ii)). */
const MAX_EXTENSION_DAYS = 30;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * Written statement that we need more time: the reasons for the delay and the
 * date by which we will complete our action, given within the original time
 * limit; one extension of at most 30 days (45 CFR 164.524(b)(2)(ii),
 * 164.526(b)(2)(ii), 164.528(c)(1)(ii)).
 */
export const extensionNoticeLetter: LetterTemplate<ExtensionNoticeModel> = {
  name: 'extension_notice',
  version: 1,
  citation: '45 CFR 164.524(b)(2)(ii), .526, .528',
  title: (model) =>
    say(model.language, {
      en: 'We need more time to answer your request',
      es: 'Necesitamos más tiempo para responder a su solicitud',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.reasons?.trim()) missing.push({ element: 'reasons', message: 'the reasons for the delay' });
    const original = isDate(model.originalDueOn);
    if (!original) missing.push({ element: 'originalDueOn', message: 'the original date the answer was due' });
    if (!isDate(model.newDueOn)) missing.push({ element: 'newDueOn', message: 'the date by which we will complete our action' });
    else if (original) {
      const extra = daysBetween(model.originalDueOn, model.newDueOn);
      if (extra < 1 || extra > MAX_EXTENSION_DAYS)
        missing.push({
          element: 'newDueOn',
          message: `a completion date after the original due date and no more than ${MAX_EXTENSION_DAYS} days after it`,
        });
    }
    if (original && isDate(model.date) && model.date > model.originalDueOn)
      missing.push({ element: 'date', message: 'a letter date on or before the original due date (the notice must be sent in time)' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const originalDue = longDate(model.originalDueOn, lang);
    const newDue = longDate(model.newDueOn, lang);
    const what = model.requestTitle?.trim();
    const received = isDate(model.receivedOn) ? longDate(model.receivedOn, lang) : null;

    const opening = say(lang, {
      en: `We received your request${what ? ` for ${what}` : ''}${received ? ` on ${received}` : ''}.`,
      es: `Recibimos su solicitud${what ? ` de ${what}` : ''}${received ? ` el ${received}` : ''}.`,
    });
    writer.paragraph(
      `${opening} ${say(lang, {
        en: `We had until ${originalDue} to answer, but we need more time.`,
        es: `Teníamos hasta el ${originalDue} para responder, pero necesitamos más tiempo.`,
      })}`,
    );
    writer.facts([
      [say(lang, { en: 'Reference', es: 'Referencia' }), model.reference],
      ...(received ? [[say(lang, { en: 'Received on', es: 'Fecha de recibo' }), received] as [string, string]] : []),
      [say(lang, { en: 'Original date', es: 'Fecha original' }), originalDue],
      [say(lang, { en: 'New date', es: 'Nueva fecha' }), newDue],
    ]);

    writer.heading(say(lang, { en: 'Why we need more time', es: 'Por qué necesitamos más tiempo' }));
    writer.paragraph(model.reasons.trim());

    writer.heading(say(lang, { en: 'When we will answer', es: 'Cuándo le responderemos' }));
    writer.paragraph(
      say(lang, {
        en: `We will finish acting on your request, and send you our answer, by ${newDue}. We will answer sooner if we can.`,
        es: `Terminaremos de atender su solicitud y le enviaremos nuestra respuesta a más tardar el ${newDue}. Le responderemos antes si podemos.`,
      }),
    );
    writer.paragraph(
      say(lang, {
        en: 'This is the only extension we will take. The law allows only one extension, of no more than 30 days.',
        es: 'Esta es la única prórroga que tomaremos. La ley permite una sola prórroga, de 30 días como máximo.',
      }),
    );

    writer.heading(say(lang, { en: 'Questions', es: 'Preguntas' }));
    const email = officer.email?.trim();
    writer.paragraph(
      say(lang, {
        en: `If you have questions, call ${officer.name}, ${officer.title}, at ${officer.phone}${email ? ` or email ${email}` : ''}. Mention reference ${model.reference}.`,
        es: `Si tiene preguntas, llame a ${officer.name}, ${officer.title}, al ${officer.phone}${email ? ` o escriba a ${email}` : ''}. Mencione la referencia ${model.reference}.`,
      }),
    );
    if (model.citation?.trim())
      writer.paragraph(
        say(lang, {
          en: `We send this notice under ${model.citation.trim()}.`,
          es: `Le enviamos este aviso conforme a ${model.citation.trim()}.`,
        }),
      );
  },
};
