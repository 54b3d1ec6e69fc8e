import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';

export interface RebuttalModel extends LetterBase {
  /** The clinic's written rebuttal, as prepared (164.526(d)(3)). */
  rebuttal: string;
  /** When the individual's statement of disagreement was received (ISO). */
  disagreementFiledOn: string;
}

/** The individual's copy of the clinic's rebuttal to a statement of disagreement (45 CFR 164.526(d)(3)-(5)). */
export const rebuttalLetter: LetterTemplate<RebuttalModel> = {
  name: 'rebuttal',
  version: 1,
  citation: '45 CFR 164.526(d)(3)',
  title: (model) =>
    say(model.language, {
      en: 'Our response to your statement of disagreement',
      es: 'Nuestra respuesta a su declaración de desacuerdo',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.rebuttal?.trim()) missing.push({ element: 'rebuttal', message: 'the text of the rebuttal (164.526(d)(3))' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const filed = model.disagreementFiledOn?.trim();
    writer.paragraph(
      filed
        ? say(lang, {
            en: `On ${longDate(filed, lang)}, you sent us a statement saying that you disagree with our decision not to make the change you asked for in your health records.`,
            es: `El ${longDate(filed, lang)}, usted nos envió una declaración diciendo que no está de acuerdo con nuestra decisión de no hacer el cambio que pidió en sus registros de salud.`,
          })
        : say(lang, {
            en: 'You sent us a statement saying that you disagree with our decision not to make the change you asked for in your health records.',
            es: 'Usted nos envió una declaración diciendo que no está de acuerdo con nuestra decisión de no hacer el cambio que pidió en sus registros de salud.',
          }),
    );
    writer.paragraph(
      say(lang, {
        en: 'We have written a response to your statement (a “rebuttal”). The law requires us to send you a copy. Here it is.',
        es: 'Escribimos una respuesta a su declaración (una “refutación”). La ley nos exige enviarle una copia. Aquí la tiene.',
      }),
    );
    writer.heading(say(lang, { en: 'Our response', es: 'Nuestra respuesta' }));
    writer.paragraph(model.rebuttal);

    writer.heading(say(lang, { en: 'What happens next', es: 'Qué pasará ahora' }));
    writer.paragraph(
      say(lang, {
        en: 'We will keep this response with your records, together with your request for a change, our letter denying it, and your statement of disagreement.',
        es: 'Guardaremos esta respuesta con sus registros, junto con su solicitud de cambio, nuestra carta que la negó y su declaración de desacuerdo.',
      }),
    );
    writer.paragraph(
      say(lang, {
        en: 'Each time we share this information in the future, we will send your statement of disagreement and this response with it, or an accurate summary of them.',
        es: 'Cada vez que compartamos esta información en el futuro, enviaremos con ella su declaración de desacuerdo y esta respuesta, o un resumen fiel de ambas.',
      }),
    );
    writer.paragraph(
      say(lang, {
        en: `If you have questions, contact ${officer.name}, ${officer.title}, at ${officer.phone}. Mention reference ${model.reference}.`,
        es: `Si tiene preguntas, comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}. Mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
