import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { complaintRoutes } from './shared/complaint-routes.js';

export interface AccessReferralModel extends LetterBase {
  /** Who holds the records (a provider, plan or other organisation). */
  holderName: string;
  /** Where to send the request to them, as one printable line. */
  holderAddress: string;
}

/**
 * We do not hold the records, but know who does: where to send the request
 * (45 CFR 164.524(d)(3)), and how to complain (164.530(d), 160.306).
 */
export const accessReferralLetter: LetterTemplate<AccessReferralModel> = {
  name: 'access_referral',
  version: 1,
  citation: '45 CFR 164.524(d)(3)',
  title: (model) =>
    say(model.language, {
      en: 'Your request to see or copy your records: where to send it',
      es: 'Su solicitud para ver o copiar sus registros: a dónde enviarla',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!model.holderName?.trim()) missing.push({ element: 'holderName', message: 'who holds the records' });
    if (!model.holderAddress?.trim()) missing.push({ element: 'holderAddress', message: 'where to send the request to the holder' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const holder = model.holderName.trim();
    writer.paragraph(
      say(lang, {
        en: 'We do not have the records you asked for, so we cannot give you access to them.',
        es: 'No tenemos los registros que pidió, así que no podemos darle acceso a ellos.',
      }),
    );

    writer.heading(say(lang, { en: 'Where to send your request', es: 'A dónde enviar su solicitud' }));
    writer.paragraph(
      say(lang, {
        en: `We believe ${holder} has these records. Please send your request to ${holder}:`,
        es: `Creemos que ${holder} tiene estos registros. Envíe su solicitud a ${holder}:`,
      }),
    );
    writer.facts([
      [say(lang, { en: 'Name', es: 'Nombre' }), holder],
      [say(lang, { en: 'Address', es: 'Dirección' }), model.holderAddress.trim()],
    ]);
    writer.paragraph(
      say(lang, {
        en: `If you have questions about this letter, call ${officer.name}, ${officer.title}, at ${officer.phone}. Mention reference ${model.reference}.`,
        es: `Si tiene preguntas sobre esta carta, llame a ${officer.name}, ${officer.title}, al ${officer.phone}. Mencione la referencia ${model.reference}.`,
      }),
    );

    complaintRoutes(writer, model);
  },
};
