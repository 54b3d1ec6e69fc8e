import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';
import { complaintRoutes } from './shared/complaint-routes.js';

/** Complaint categories as the complainant should read them; any other category is printed as given. */
export const COMPLAINT_CATEGORY_TEXT: Record<string, { en: string; es: string }> = {
  access: { en: 'Seeing or getting a copy of your records', es: 'Ver u obtener una copia de sus registros' },
  amendment: { en: 'Correcting your records', es: 'Corregir sus registros' },
  accounting: { en: 'A list of who we shared your information with', es: 'Una lista de con quién compartimos su información' },
  restriction: { en: 'Limiting how we use or share your information', es: 'Limitar cómo usamos o compartimos su información' },
  confidential_communication: { en: 'How or where we contact you', es: 'Cómo o dónde nos comunicamos con usted' },
  privacy_practice: { en: 'Our privacy practices', es: 'Nuestras prácticas de privacidad' },
  security: { en: 'The security of your information', es: 'La seguridad de su información' },
  other: { en: 'Another privacy matter', es: 'Otro asunto de privacidad' },
};

export interface ComplaintAcknowledgementModel extends LetterBase {
  /** The day the complaint was received (ISO). */
  receivedOn: string;
  /** What the complaint is about: a COMPLAINT_CATEGORIES value, or a label printed as given. */
  category: string;
  /** For information: when the 180-day window to complain to HHS closes (ISO; see hhsComplaintWindow). */
  hhsWindowClosesOn: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Acknowledgement of a privacy complaint (45 CFR 164.530(d), (g), (h); 160.306). */
export const complaintAcknowledgementLetter: LetterTemplate<ComplaintAcknowledgementModel> = {
  name: 'complaint_acknowledgement',
  version: 1,
  citation: '45 CFR 164.530(d)',
  title: (model) => say(model.language, { en: 'We received your privacy complaint', es: 'Recibimos su queja sobre privacidad' }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!isDate(model.receivedOn)) missing.push({ element: 'receivedOn', message: 'the date the complaint was received' });
    else if (isDate(model.date) && model.receivedOn > model.date)
      missing.push({ element: 'receivedOn', message: 'a date the complaint was received on or before the letter date' });
    if (!isDate(model.hhsWindowClosesOn))
      missing.push({ element: 'hhsWindowClosesOn', message: 'the date the 180-day window to complain to HHS closes (160.306(b)(3))' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const received = longDate(model.receivedOn, lang);
    writer.paragraph(
      say(lang, {
        en: `We received your privacy complaint on ${received}. Thank you for telling us. We will look into it, keep a record of it and of what we decide, and write to you when we are done.`,
        es: `Recibimos su queja sobre privacidad el ${received}. Gracias por avisarnos. La investigaremos, guardaremos un registro de ella y de lo que decidamos, y le escribiremos cuando terminemos.`,
      }),
    );
    const rows: [string, string][] = [[say(lang, { en: 'Received on', es: 'Recibida el' }), received]];
    if (model.category?.trim()) {
      const category = Object.hasOwn(COMPLAINT_CATEGORY_TEXT, model.category)
        ? say(lang, COMPLAINT_CATEGORY_TEXT[model.category])
        : model.category;
      rows.push([say(lang, { en: 'About', es: 'Tema' }), category]);
    }
    writer.facts(rows);

    writer.heading(say(lang, { en: 'Your rights are protected', es: 'Sus derechos están protegidos' }));
    writer.paragraph(
      say(lang, {
        en: 'We will not threaten, punish or treat you differently because you complained, used your privacy rights, or helped with an investigation.',
        es: 'No lo amenazaremos, ni lo castigaremos, ni lo trataremos de forma diferente por presentar una queja, usar sus derechos de privacidad o ayudar en una investigación.',
      }),
    );
    writer.paragraph(
      say(lang, {
        en: 'We will never ask you to give up your privacy rights, or your right to complain to the U.S. Department of Health and Human Services (HHS), in order to get care, pay for care, or join or qualify for a health plan or benefits.',
        es: 'Nunca le pediremos que renuncie a sus derechos de privacidad, ni a su derecho de presentar una queja ante el Departamento de Salud y Servicios Humanos de EE. UU. (HHS), para recibir atención, pagar su atención, o inscribirse o calificar en un plan de salud o para beneficios.',
      }),
    );

    complaintRoutes(writer, model);
    const closes = longDate(model.hhsWindowClosesOn, lang);
    writer.paragraph(
      say(lang, {
        en: `For your information: based on the dates we have, the 180 days to complain to HHS end on ${closes}. HHS may accept a complaint after that date if there is a good reason (good cause). Complaining to us does not change this date.`,
        es: `Para su información: según las fechas que tenemos, los 180 días para presentar una queja ante HHS terminan el ${closes}. HHS puede aceptar una queja después de esa fecha si hay un buen motivo (causa justificada). Presentarnos una queja a nosotros no cambia esta fecha.`,
      }),
      { bold: true },
    );
  },
};
