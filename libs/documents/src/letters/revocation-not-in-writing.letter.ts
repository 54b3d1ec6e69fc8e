import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines, longDate } from '../render.js';

export interface RevocationNotInWritingModel extends LetterBase {
  /** The day the individual told us, by phone or in person, that they want to revoke (ISO). */
  toldOn: string;
  /** Which authorization, if known (form id, date signed), as printed. */
  authorizationReference?: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** An oral revocation: it must be in writing to take effect (45 CFR 164.508(b)(5)). */
export const revocationNotInWritingLetter: LetterTemplate<RevocationNotInWritingModel> = {
  name: 'revocation_not_in_writing',
  version: 1,
  citation: '45 CFR 164.508(b)(5)',
  title: (model) =>
    say(model.language, { en: 'To cancel your authorization, please write to us', es: 'Para cancelar su autorización, escríbanos' }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!isDate(model.toldOn)) missing.push({ element: 'toldOn', message: 'the date the individual told us they want to revoke' });
    else if (isDate(model.date) && model.toldOn > model.date)
      missing.push({ element: 'toldOn', message: 'a date the individual told us on or before the letter date' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const told = longDate(model.toldOn, lang);
    const reference = model.authorizationReference?.trim();
    writer.paragraph(
      say(lang, {
        en: `On ${told}, you told us that you want to cancel (revoke) your authorization${reference ? ` (${reference})` : ''}. The law says a cancellation must be in writing. We have not received it in writing, so your authorization is still in effect.`,
        es: `El ${told}, usted nos dijo que desea cancelar (revocar) su autorización${reference ? ` (${reference})` : ''}. La ley dice que la cancelación debe hacerse por escrito. No la hemos recibido por escrito, por lo que su autorización sigue vigente.`,
      }),
    );
    writer.paragraph(
      say(lang, {
        en: 'Until we receive your cancellation in writing, we may keep sharing your information as the authorization allows.',
        es: 'Hasta que recibamos su cancelación por escrito, podemos seguir compartiendo su información como lo permite la autorización.',
      }),
      { bold: true },
    );
    writer.heading(say(lang, { en: 'How to cancel in writing', es: 'Cómo cancelarla por escrito' }));
    const steps = [
      say(lang, {
        en: `Write a short note saying that you want to cancel the authorization. Include your name, your date of birth, and which authorization you mean${reference ? ` (${reference})` : ''}.`,
        es: `Escriba una nota breve diciendo que desea cancelar la autorización. Incluya su nombre, su fecha de nacimiento y de qué autorización se trata${reference ? ` (${reference})` : ''}.`,
      }),
      say(lang, { en: 'Sign it and write the date.', es: 'Fírmela y escriba la fecha.' }),
      say(lang, {
        en: `Mail it or bring it to ${officer.name}, ${officer.title}, ${organisation.legalName}, ${addressLines(organisation.address).join(', ')}.`,
        es: `Envíela por correo o tráigala a ${officer.name}, ${officer.title}, ${organisation.legalName}, ${addressLines(organisation.address).join(', ')}.`,
      }),
    ];
    if (officer.email?.trim())
      steps.push(say(lang, { en: `Or email it to ${officer.email}.`, es: `O envíela por correo electrónico a ${officer.email}.` }));
    writer.list(steps);
    writer.paragraph(
      say(lang, {
        en: 'Your cancellation takes effect on the day we receive it in writing. It does not undo anything we shared before then.',
        es: 'Su cancelación entra en vigor el día en que la recibamos por escrito. No deshace nada de lo que hayamos compartido antes.',
      }),
    );
    writer.paragraph(
      say(lang, {
        en: `If you have questions, call ${officer.name} at ${officer.phone} and mention reference ${model.reference}.`,
        es: `Si tiene preguntas, llame a ${officer.name} al ${officer.phone} y mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
