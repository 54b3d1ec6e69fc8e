import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { complaintRoutes } from './shared/complaint-routes.js';

export interface ReviewOutcomeModel extends LetterBase {
  /** 'upheld': the reviewer confirmed the denial; 'reversed': access is to be given. */
  outcome: 'upheld' | 'reversed';
  /** The reviewer's reasons, plain language, in the letter's language. */
  explanation: string;
  /** The reviewer's role, in the letter's language (e.g. "a licensed psychologist"); never private details. */
  reviewerTitle: string;
}

/**
 * Written notice of the reviewing official's decision on a reviewable denial
 * of access (45 CFR 164.524(a)(4), (d)(4)); for an upheld denial, how to
 * complain (164.530(d), 160.306).
 */
export const reviewOutcomeLetter: LetterTemplate<ReviewOutcomeModel> = {
  name: 'review_outcome',
  version: 1,
  citation: '45 CFR 164.524(d)(4)',
  title: (model) =>
    model.outcome === 'reversed'
      ? say(model.language, {
          en: 'Review of the decision about your records: you will get access',
          es: 'Revisión de la decisión sobre sus registros: recibirá acceso',
        })
      : say(model.language, {
          en: 'Review of the decision about your records: the denial stands',
          es: 'Revisión de la decisión sobre sus registros: la negativa se mantiene',
        }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (model.outcome !== 'upheld' && model.outcome !== 'reversed')
      missing.push({ element: 'outcome', message: 'the reviewer’s decision (upheld or reversed)' });
    if (model.outcome === 'upheld') missing.push(...missingComplaintRoutes(model));
    if (!model.explanation?.trim()) missing.push({ element: 'explanation', message: 'the reviewer’s reasons, in plain language' });
    if (!model.reviewerTitle?.trim())
      missing.push({ element: 'reviewerTitle', message: 'the reviewing official’s professional role (e.g. a licensed psychologist)' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const reviewer = model.reviewerTitle.trim();
    writer.paragraph(
      say(lang, {
        en: 'You asked for a review of our decision to deny you access to your health records. The review is now complete.',
        es: 'Usted pidió que se revisara nuestra decisión de negarle acceso a sus registros de salud. La revisión ya terminó.',
      }),
    );
    writer.paragraph(
      say(lang, {
        en: `The review was done by ${reviewer}, who was not involved in our first decision. The law requires the reviewer to be a licensed health care professional.`,
        es: `La revisión estuvo a cargo de ${reviewer}, quien no participó en nuestra primera decisión. La ley exige que quien hace la revisión sea un profesional de la salud con licencia.`,
      }),
    );

    writer.heading(say(lang, { en: 'The reviewer’s decision', es: 'La decisión de la revisión' }));
    if (model.outcome === 'reversed') {
      writer.paragraph(
        say(lang, {
          en: 'The reviewer decided that you should get access to the records we had withheld. We must follow the reviewer’s decision, and we will give you access promptly.',
          es: 'En la revisión se decidió que usted debe recibir acceso a los registros que le habíamos negado. Debemos seguir esa decisión y le daremos acceso sin demora.',
        }),
        { bold: true },
      );
    } else {
      writer.paragraph(
        say(lang, {
          en: 'The reviewer agreed with our decision. The denial stands. We must follow the reviewer’s decision.',
          es: 'En la revisión se confirmó nuestra decisión. La negativa se mantiene. Debemos seguir esa decisión.',
        }),
        { bold: true },
      );
    }
    writer.heading(say(lang, { en: 'Why', es: 'Por qué' }));
    writer.paragraph(model.explanation.trim());

    if (model.outcome === 'reversed') {
      writer.heading(say(lang, { en: 'What happens next', es: 'Qué sigue' }));
      writer.paragraph(
        say(lang, {
          en: `We will contact you soon to arrange how you will see or get a copy of your records. If you have questions, call ${officer.name}, ${officer.title}, at ${officer.phone}. Mention reference ${model.reference}.`,
          es: `Pronto nos comunicaremos con usted para acordar cómo verá sus registros o recibirá una copia. Si tiene preguntas, llame a ${officer.name}, ${officer.title}, al ${officer.phone}. Mencione la referencia ${model.reference}.`,
        }),
      );
    } else {
      complaintRoutes(writer, model);
    }
  },
};
