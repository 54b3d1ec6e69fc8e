import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines } from '../render.js';
import { complaintRoutes } from './shared/complaint-routes.js';

/** Grounds as the patient should read them (45 CFR 164.524(a)(1)-(3)). */
export const DENIAL_GROUND_TEXT: Record<string, { en: string; es: string; reviewable: boolean }> = {
  psychotherapy_notes: {
    en: 'The information is psychotherapy notes, which the law keeps outside the right of access.',
    es: 'La información son notas de psicoterapia, que la ley deja fuera del derecho de acceso.',
    reviewable: false,
  },
  litigation_material: {
    en: 'The information was put together for a lawsuit or a legal or administrative proceeding.',
    es: 'La información se reunió para una demanda o un procedimiento legal o administrativo.',
    reviewable: false,
  },
  inmate_copy: {
    en: 'You are in a correctional institution, and a copy would put health, safety or security at risk.',
    es: 'Usted está en una institución correccional y una copia pondría en riesgo la salud, la seguridad o el orden.',
    reviewable: false,
  },
  research_in_progress: {
    en: 'The information is part of a research study you agreed to; you can see it when the study ends.',
    es: 'La información es parte de un estudio de investigación que usted aceptó; podrá verla cuando el estudio termine.',
    reviewable: false,
  },
  privacy_act: {
    en: 'The federal Privacy Act allows the records to be withheld.',
    es: 'La Ley federal de Privacidad (Privacy Act) permite retener estos registros.',
    reviewable: false,
  },
  confidential_source: {
    en: 'Someone who is not a health care provider gave us the information in confidence, and showing it would reveal who they are.',
    es: 'Una persona que no es proveedor de salud nos dio la información en confianza, y mostrarla revelaría quién es.',
    reviewable: false,
  },
  endangers_life_or_safety: {
    en: 'A licensed health care professional decided that access is likely to endanger the life or physical safety of you or someone else.',
    es: 'Un profesional de la salud con licencia decidió que el acceso probablemente pondría en peligro la vida o la seguridad física de usted o de otra persona.',
    reviewable: true,
  },
  harm_to_person_referenced: {
    en: 'The records mention another person, and a licensed health care professional decided that access is likely to cause that person substantial harm.',
    es: 'Los registros mencionan a otra persona, y un profesional de la salud con licencia decidió que el acceso probablemente le causaría un daño importante.',
    reviewable: true,
  },
  harm_through_representative: {
    en: 'A licensed health care professional decided that giving access to you, as a personal representative, is likely to cause substantial harm to the patient or someone else.',
    es: 'Un profesional de la salud con licencia decidió que darle acceso a usted, como representante personal, probablemente causaría un daño importante al paciente o a otra persona.',
    reviewable: true,
  },
};

export interface AccessDenialModel extends LetterBase {
  grounds: string[];
  /** The basis in the privacy officer's words, plain language. */
  basis: string;
  partial: boolean;
  /** For a partial denial: what is withheld (the rest is provided). */
  withheld?: string | null;
}

/** Written denial of access (45 CFR 164.524(d)(2)), whole or in part (164.524(d)(1)). */
export const accessDenialLetter: LetterTemplate<AccessDenialModel> = {
  name: 'access_denial',
  version: 1,
  citation: '45 CFR 164.524(d)(2)',
  title: (model) =>
    model.partial
      ? say(model.language, {
          en: 'Your request to see or copy your records: partly denied',
          es: 'Su solicitud para ver o copiar sus registros: negada en parte',
        })
      : say(model.language, {
          en: 'Your request to see or copy your records: denied',
          es: 'Su solicitud para ver o copiar sus registros: negada',
        }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!model.grounds?.length) missing.push({ element: 'grounds', message: 'the grounds for the denial' });
    for (const ground of model.grounds ?? []) {
      if (!DENIAL_GROUND_TEXT[ground]) missing.push({ element: 'grounds', message: `a known ground (not "${ground}")` });
    }
    if (!model.basis?.trim()) missing.push({ element: 'basis', message: 'the basis for the denial, in plain language' });
    if (model.partial && !model.withheld?.trim()) missing.push({ element: 'withheld', message: 'what is withheld in a partial denial' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const reviewable = model.grounds.some((ground) => DENIAL_GROUND_TEXT[ground]?.reviewable);
    writer.paragraph(
      model.partial
        ? say(lang, {
            en: 'We have decided to give you part of the records you asked for. We cannot give you the part described below.',
            es: 'Decidimos darle parte de los registros que pidió. No podemos darle la parte que se describe abajo.',
          })
        : say(lang, {
            en: 'We have decided that we cannot give you the records you asked for.',
            es: 'Decidimos que no podemos darle los registros que pidió.',
          }),
    );
    if (model.partial) {
      writer.heading(say(lang, { en: 'What we are not giving you', es: 'Lo que no le daremos' }));
      writer.paragraph(model.withheld ?? '');
      writer.paragraph(
        say(lang, {
          en: 'You will get everything else you asked for. We will tell you when it is ready.',
          es: 'Recibirá todo lo demás que pidió. Le avisaremos cuando esté listo.',
        }),
      );
    }
    writer.heading(say(lang, { en: 'Why', es: 'Por qué' }));
    writer.list(model.grounds.map((ground) => say(lang, DENIAL_GROUND_TEXT[ground])));
    writer.paragraph(model.basis);
    if (reviewable) {
      writer.heading(say(lang, { en: 'Your right to a review', es: 'Su derecho a una revisión' }));
      writer.paragraph(
        say(lang, {
          en: 'You have the right to have this decision reviewed by a licensed health care professional who was not involved in it. We will follow the reviewer’s decision.',
          es: 'Usted tiene derecho a que un profesional de la salud con licencia, que no participó en esta decisión, la revise. Seguiremos la decisión de esa persona.',
        }),
      );
      writer.paragraph(
        say(lang, {
          en: `To ask for a review, write to or call ${model.organisation.privacyOfficer.name}, ${model.organisation.privacyOfficer.title}, at ${model.organisation.privacyOfficer.phone}, ${addressLines(model.organisation.address).join(', ')}. Mention reference ${model.reference}. There is no fee.`,
          es: `Para pedir una revisión, escriba o llame a ${model.organisation.privacyOfficer.name}, ${model.organisation.privacyOfficer.title}, al ${model.organisation.privacyOfficer.phone}, ${addressLines(model.organisation.address).join(', ')}. Mencione la referencia ${model.reference}. No tiene costo.`,
        }),
      );
    }
    complaintRoutes(writer, model);
  },
};
