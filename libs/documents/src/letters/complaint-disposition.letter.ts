import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { complaintRoutes } from './shared/complaint-routes.js';

type Outcome = 'substantiated' | 'unsubstantiated' | 'partly_substantiated' | 'referred';

export interface ComplaintDispositionModel extends LetterBase {
  /** What was found and what was done, in plain language; never names staff or describes their sanctions. */
  disposition: string;
  outcome: Outcome;
  /** For `referred`: to whom, as printed. */
  referredTo?: string | null;
  /** Sanctions were applied to workforce members (164.530(e)); the letter says so without names or details. */
  sanctionsApplied?: boolean | null;
}

/** Letters, digits or symbols: whitespace and invisible format characters do not count. */
const VISIBLE = /[^\s\p{Cf}]/u;

const OUTCOME_TEXT: Record<Exclude<Outcome, 'referred'>, { en: string; es: string }> = {
  substantiated: {
    en: 'We have finished looking into your complaint, and we found that you were right.',
    es: 'Terminamos de investigar su queja y encontramos que usted tenía razón.',
  },
  partly_substantiated: {
    en: 'We have finished looking into your complaint, and we found that you were right about part of it.',
    es: 'Terminamos de investigar su queja y encontramos que usted tenía razón en parte.',
  },
  unsubstantiated: {
    en: 'We have finished looking into your complaint. We did not find that we broke our privacy rules or the law.',
    es: 'Terminamos de investigar su queja. No encontramos que hayamos incumplido nuestras reglas de privacidad ni la ley.',
  },
};

/** The disposition of a privacy complaint (45 CFR 164.530(d)(2)). */
export const complaintDispositionLetter: LetterTemplate<ComplaintDispositionModel> = {
  name: 'complaint_disposition',
  version: 1,
  citation: '45 CFR 164.530(d)(2)',
  title: (model) => say(model.language, { en: 'The result of your privacy complaint', es: 'El resultado de su queja sobre privacidad' }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!['substantiated', 'unsubstantiated', 'partly_substantiated', 'referred'].includes(model.outcome))
      missing.push({ element: 'outcome', message: `a known outcome (not "${model.outcome ?? ''}")` });
    if (typeof model.disposition !== 'string' || !VISIBLE.test(model.disposition))
      missing.push({ element: 'disposition', message: 'what we found and what we did (164.530(d)(2))' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    if (model.outcome === 'referred') {
      writer.paragraph(
        model.referredTo?.trim()
          ? say(lang, {
              en: `We have looked into your complaint and sent it on to ${model.referredTo}, who can best handle it.`,
              es: `Revisamos su queja y la enviamos a ${model.referredTo}, que es quien mejor puede atenderla.`,
            })
          : say(lang, {
              en: 'We have looked into your complaint and sent it on to the people who can best handle it.',
              es: 'Revisamos su queja y la enviamos a las personas que mejor pueden atenderla.',
            }),
      );
    } else {
      writer.paragraph(say(lang, OUTCOME_TEXT[model.outcome]));
    }
    writer.heading(say(lang, { en: 'What we found and what we did', es: 'Lo que encontramos y lo que hicimos' }));
    writer.paragraph(model.disposition);
    if (model.sanctionsApplied === true)
      writer.paragraph(
        say(lang, {
          en: 'We took action with the staff involved, as our policies require. To protect everyone’s privacy, we do not share staff names or the details of that action.',
          es: 'Tomamos medidas con el personal involucrado, como lo exigen nuestras políticas. Para proteger la privacidad de todos, no compartimos los nombres del personal ni los detalles de esas medidas.',
        }),
      );
    writer.paragraph(
      say(lang, {
        en: 'If you are not satisfied with this result, you can still complain to the U.S. Department of Health and Human Services, as explained below.',
        es: 'Si no está satisfecho con este resultado, todavía puede presentar una queja ante el Departamento de Salud y Servicios Humanos de EE. UU., como se explica abajo.',
      }),
    );
    complaintRoutes(writer, model);
  },
};
