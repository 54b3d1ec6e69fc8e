import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines } from '../render.js';
import { complaintRoutes } from './shared/complaint-routes.js';

export type AmendmentDenialGround =
  'not_created_here' | 'not_in_designated_record_set' | 'not_available_for_inspection' | 'accurate_and_complete';

/** Grounds for denying an amendment as the patient should read them (45 CFR 164.526(a)(2)). */
export const AMENDMENT_DENIAL_GROUND_TEXT: Record<AmendmentDenialGround, { en: string; es: string }> = {
  not_created_here: {
    en: 'We did not create this information. If you have a reasonable basis to believe that whoever created it can no longer make the change, tell us, and we will look at your request again.',
    es: 'Nosotros no creamos esta información. Si tiene motivos razonables para creer que quien la creó ya no puede hacer el cambio, avísenos y volveremos a revisar su solicitud.',
  },
  not_in_designated_record_set: {
    en: 'The information is not part of the records we keep and use to make decisions about you (your “designated record set”).',
    es: 'La información no forma parte de los registros que guardamos y usamos para tomar decisiones sobre usted (su “conjunto designado de registros”).',
  },
  not_available_for_inspection: {
    en: 'The information is not something the law gives you the right to see or copy, so it cannot be changed through this request.',
    es: 'La ley no le da derecho a ver ni a copiar esta información, por lo que no se puede cambiar con esta solicitud.',
  },
  accurate_and_complete: {
    en: 'We reviewed the information and found that it is accurate and complete.',
    es: 'Revisamos la información y encontramos que es correcta y está completa.',
  },
};

export interface AmendmentDenialModel extends LetterBase {
  grounds: AmendmentDenialGround[];
  /** The basis in the privacy officer's words, plain language (164.526(d)(1)(i)). */
  basis: string;
  partial: boolean;
  /** For a partial denial: what was accepted and changed. */
  acceptedPart?: string | null;
  /** The length limit on a statement of disagreement, in characters (164.526(d)(2)). */
  disagreementMaxLength: number;
  /** Optional: a patient portal address where a statement of disagreement may also be filed. */
  portal?: string | null;
}

function characters(count: number, language: 'en' | 'es'): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-US' : 'en-US').format(count);
}

/** Written denial of an amendment (45 CFR 164.526(d)(1)), whole or in part. */
export const amendmentDenialLetter: LetterTemplate<AmendmentDenialModel> = {
  name: 'amendment_denial',
  version: 1,
  citation: '45 CFR 164.526(d)(1)',
  title: (model) =>
    model.partial
      ? say(model.language, {
          en: 'Your request to change your records: partly denied',
          es: 'Su solicitud para corregir sus registros: negada en parte',
        })
      : say(model.language, {
          en: 'Your request to change your records: denied',
          es: 'Su solicitud para corregir sus registros: negada',
        }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!model.grounds?.length) missing.push({ element: 'grounds', message: 'the grounds for the denial (164.526(a)(2))' });
    for (const ground of model.grounds ?? []) {
      if (!Object.hasOwn(AMENDMENT_DENIAL_GROUND_TEXT, ground))
        missing.push({ element: 'grounds', message: `a known ground (not "${ground}")` });
    }
    if (!model.basis?.trim()) missing.push({ element: 'basis', message: 'the basis for the denial, in plain language (164.526(d)(1)(i))' });
    if (model.partial && !model.acceptedPart?.trim())
      missing.push({ element: 'acceptedPart', message: 'what was accepted in a partial denial' });
    if (!Number.isInteger(model.disagreementMaxLength) || model.disagreementMaxLength <= 0)
      missing.push({
        element: 'disagreementMaxLength',
        message: 'the length limit of a statement of disagreement, for how to file it (164.526(d)(1)(ii), (d)(2))',
      });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const address = addressLines(organisation.address).join(', ');
    const limit = characters(model.disagreementMaxLength, lang);

    writer.paragraph(
      model.partial
        ? say(lang, {
            en: 'We have accepted part of your request to change (amend) your health records. We cannot make the rest of the change you asked for.',
            es: 'Aceptamos parte de su solicitud para corregir (enmendar) sus registros de salud. No podemos hacer el resto del cambio que pidió.',
          })
        : say(lang, {
            en: 'We have decided that we cannot make the change (amendment) you asked for in your health records.',
            es: 'Decidimos que no podemos hacer el cambio (la corrección) que pidió en sus registros de salud.',
          }),
    );
    if (model.partial) {
      writer.heading(say(lang, { en: 'What we accepted', es: 'Lo que aceptamos' }));
      writer.paragraph(model.acceptedPart ?? '');
      writer.paragraph(
        say(lang, {
          en: 'We have made that part of the change. The rest of this letter is about the part we did not accept.',
          es: 'Ya hicimos esa parte del cambio. El resto de esta carta trata de la parte que no aceptamos.',
        }),
      );
    }

    writer.heading(say(lang, { en: 'Why', es: 'Por qué' }));
    writer.list(model.grounds.map((ground) => say(lang, AMENDMENT_DENIAL_GROUND_TEXT[ground])));
    writer.paragraph(model.basis);

    writer.heading(
      say(lang, { en: 'If you disagree: your statement of disagreement', es: 'Si no está de acuerdo: su declaración de desacuerdo' }),
    );
    writer.paragraph(
      say(lang, {
        en: 'You have the right to send us a written statement saying that you disagree with this decision and why.',
        es: 'Usted tiene derecho a enviarnos una declaración por escrito diciendo que no está de acuerdo con esta decisión y por qué.',
      }),
    );
    const ways = model.portal?.trim()
      ? say(lang, {
          en: `mail it to ${officer.name}, ${officer.title}, ${address}; bring it in person to the same address; or send it through our patient portal at ${model.portal.trim()}`,
          es: `envíela por correo a ${officer.name}, ${officer.title}, ${address}; entréguela en persona en esa misma dirección; o envíela por nuestro portal de pacientes en ${model.portal.trim()}`,
        })
      : say(lang, {
          en: `mail it to ${officer.name}, ${officer.title}, ${address}, or bring it in person to the same address`,
          es: `envíela por correo a ${officer.name}, ${officer.title}, ${address}, o entréguela en persona en esa misma dirección`,
        });
    writer.paragraph(
      say(lang, {
        en: `How to file it: write your statement in no more than ${limit} characters (letters, spaces and punctuation), include reference ${model.reference}, and ${ways}. If you have questions, call ${officer.phone}.`,
        es: `Cómo presentarla: escriba su declaración en no más de ${limit} caracteres (letras, espacios y signos), incluya la referencia ${model.reference} y ${ways}. Si tiene preguntas, llame al ${officer.phone}.`,
      }),
    );
    writer.paragraph(
      say(lang, {
        en: 'We will keep your statement with your records. Each time we share this information in the future, we will send your statement, or a summary of it, along with it. We may write a reply to your statement; if we do, we will send you a copy.',
        es: 'Guardaremos su declaración con sus registros. Cada vez que compartamos esta información en el futuro, enviaremos con ella su declaración o un resumen. Podemos escribir una respuesta a su declaración; si lo hacemos, le enviaremos una copia.',
      }),
    );

    writer.heading(say(lang, { en: 'If you do not send a statement', es: 'Si no envía una declaración' }));
    writer.paragraph(
      say(lang, {
        en: `If you do not send a statement of disagreement, you may ask us to include your request for a change and this letter with any future disclosures of the information. To ask, contact ${officer.name} at ${officer.phone} and mention reference ${model.reference}.`,
        es: `Si no envía una declaración de desacuerdo, puede pedirnos que incluyamos su solicitud de cambio y esta carta cada vez que compartamos esta información en el futuro. Para pedirlo, comuníquese con ${officer.name} al ${officer.phone} y mencione la referencia ${model.reference}.`,
      }),
    );

    complaintRoutes(writer, model);
  },
};
