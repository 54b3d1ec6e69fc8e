import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines } from '../render.js';

export interface AmendmentAcceptanceModel extends LetterBase {
  /** The records the amendment was appended or linked to, in plain language (164.526(c)(1)). */
  recordsAffected: string;
  /** Persons we will inform of the amendment (164.526(c)(3)); may be empty. */
  personsToNotify: { name: string }[];
}

/** Acceptance of a request to amend (45 CFR 164.526(c)(2)), with the persons to be informed (164.526(c)(3)). */
export const amendmentAcceptanceLetter: LetterTemplate<AmendmentAcceptanceModel> = {
  name: 'amendment_acceptance',
  version: 1,
  citation: '45 CFR 164.526(c)',
  title: (model) =>
    say(model.language, {
      en: 'Your request to change your records: accepted',
      es: 'Su solicitud para corregir sus registros: aceptada',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.recordsAffected?.trim())
      missing.push({ element: 'recordsAffected', message: 'the records the amendment was added to (164.526(c)(1))' });
    if (!Array.isArray(model.personsToNotify))
      missing.push({ element: 'personsToNotify', message: 'the list of persons we will inform of the amendment (it may be empty)' });
    (Array.isArray(model.personsToNotify) ? model.personsToNotify : []).forEach((person, index) => {
      if (!person?.name?.trim())
        missing.push({ element: `personsToNotify[${index}].name`, message: `the name of person ${index + 1} to inform` });
    });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const address = addressLines(organisation.address).join(', ');
    writer.paragraph(
      say(lang, {
        en: 'We have accepted your request to change (amend) your health records, and we have made the change. We added your amendment to the records listed below, or linked it to them, so that anyone who uses these records will see it.',
        es: 'Aceptamos su solicitud para corregir (enmendar) sus registros de salud y ya hicimos el cambio. Agregamos su corrección a los registros que se indican abajo, o la vinculamos a ellos, para que cualquier persona que use estos registros la vea.',
      }),
    );
    writer.heading(say(lang, { en: 'Records we changed', es: 'Registros que corregimos' }));
    writer.paragraph(model.recordsAffected);

    writer.heading(say(lang, { en: 'Who we will tell about the change', es: 'A quién le informaremos del cambio' }));
    if (model.personsToNotify.length) {
      writer.paragraph(
        say(lang, {
          en: 'We will make reasonable efforts to send the change, soon, to these people and organizations:',
          es: 'Haremos lo razonablemente posible para enviar pronto el cambio a estas personas y organizaciones:',
        }),
      );
      writer.list(model.personsToNotify.map((person) => person.name));
      writer.paragraph(
        say(lang, {
          en: 'If you do not want us to send the change to someone on this list, tell us right away.',
          es: 'Si no quiere que enviemos el cambio a alguien de esta lista, avísenos de inmediato.',
        }),
      );
    } else {
      writer.paragraph(
        say(lang, {
          en: 'Right now we do not know of anyone else who needs to receive the change.',
          es: 'Por ahora no sabemos de nadie más que necesite recibir el cambio.',
        }),
      );
    }
    writer.paragraph(
      say(lang, {
        en: 'We will also send the change to others we know have this information and may have relied on it, or could rely on it, in a way that could harm you. This includes companies that work for us (our business associates).',
        es: 'También enviaremos el cambio a otras personas u organizaciones que sabemos que tienen esta información y que la usaron, o podrían usarla, de una forma que podría perjudicarle. Esto incluye a las empresas que trabajan para nosotros (nuestros socios comerciales).',
      }),
    );

    writer.heading(say(lang, { en: 'Did anyone else get this information?', es: '¿Alguien más recibió esta información?' }));
    writer.paragraph(
      say(lang, {
        en: `If you know of another person or organization that received this information and needs the change, please tell us their name and, if you know it, how to reach them. When you name someone, you agree that we may send them the change. Call or write to ${officer.name}, ${officer.title}, at ${officer.phone}, ${address}. Mention reference ${model.reference}.`,
        es: `Si sabe de otra persona u organización que recibió esta información y necesita el cambio, díganos su nombre y, si lo sabe, cómo comunicarnos con ella. Al darnos un nombre, usted acepta que le enviemos el cambio. Llame o escriba a ${officer.name}, ${officer.title}, al ${officer.phone}, ${address}. Mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
