import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';

/**
 * The caller addresses this letter to the alternative itself (recipient.address
 * set to the alternative address, or sent by the alternative method). It names
 * no reason for the request and never repeats the usual address.
 */
export interface ConfidentialCommunicationAccommodatedModel extends LetterBase {
  /** Where communications now go, as printed. */
  alternativeAddress?: string | null;
  /** How the individual is now contacted (a phone number, portal only...). */
  alternativeContactMethod?: string | null;
  /** Where appropriate: how payment, if any, will be handled (164.522(b)(2)(ii)). */
  paymentHandling?: string | null;
}

/** A request for confidential communications accommodated (45 CFR 164.522(b)(1), (b)(2)(ii)). */
export const confidentialCommunicationAccommodatedLetter: LetterTemplate<ConfidentialCommunicationAccommodatedModel> = {
  name: 'confidential_communication_accommodated',
  version: 1,
  citation: '45 CFR 164.522(b)',
  title: (model) =>
    say(model.language, {
      en: 'Your request about how we contact you: accepted',
      es: 'Su solicitud sobre cómo nos comunicamos con usted: aceptada',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    const address = model.alternativeAddress?.trim();
    if (!address && !model.alternativeContactMethod?.trim())
      missing.push({
        element: 'alternativeAddress',
        message: 'the alternative address or contact method to be used (alternativeAddress or alternativeContactMethod, 164.522(b)(2)(ii))',
      });
    if (address && !model.recipient?.address?.line1?.trim())
      missing.push({ element: 'recipient.address', message: 'the alternative address this letter is mailed to (164.522(b))' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    writer.paragraph(
      say(lang, {
        en: 'We have accepted your request. From now on, we will contact you about your health care only in the way and at the place you asked.',
        es: 'Aceptamos su solicitud. Desde ahora, nos comunicaremos con usted sobre su atención médica solo de la forma y en el lugar que usted pidió.',
      }),
    );
    writer.heading(say(lang, { en: 'How we will contact you', es: 'Cómo nos comunicaremos con usted' }));
    const rows: [string, string][] = [];
    if (model.alternativeAddress?.trim()) rows.push([say(lang, { en: 'Address', es: 'Dirección' }), model.alternativeAddress]);
    if (model.alternativeContactMethod?.trim())
      rows.push([say(lang, { en: 'Other contact', es: 'Otra forma de contacto' }), model.alternativeContactMethod]);
    writer.facts(rows);
    writer.paragraph(
      say(lang, {
        en: 'This includes the letters, bills, appointment reminders and test results we send you.',
        es: 'Esto incluye las cartas, facturas, recordatorios de citas y resultados de pruebas que le enviemos.',
      }),
    );
    if (model.paymentHandling?.trim()) {
      writer.heading(say(lang, { en: 'Payment', es: 'Pagos' }));
      writer.paragraph(model.paymentHandling);
    }
    writer.heading(say(lang, { en: 'Changes', es: 'Cambios' }));
    writer.paragraph(
      say(lang, {
        en: `If you want to change or stop this, contact ${officer.name}, ${officer.title}, at ${officer.phone}, and mention reference ${model.reference}.`,
        es: `Si desea cambiar o dejar sin efecto esta solicitud, comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}, y mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
