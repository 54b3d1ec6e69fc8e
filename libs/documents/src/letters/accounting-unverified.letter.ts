import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines } from '../render.js';
import { complaintRoutes } from './shared/complaint-routes.js';

export type AccountingUnverifiedReason = 'identity_not_verified' | 'authority_not_verified';

export interface AccountingUnverifiedModel extends LetterBase {
  reason: AccountingUnverifiedReason;
  /** What the requester can do to be verified, in plain language (ways other than in person should be offered). */
  howToVerify: string;
  /** Optional: the patient the request is about, when the requester acts for someone else. */
  patientName?: string | null;
}

const REASONS: AccountingUnverifiedReason[] = ['identity_not_verified', 'authority_not_verified'];

/** We cannot provide the accounting until the requester's identity or authority is verified (45 CFR 164.514(h)). */
export const accountingUnverifiedLetter: LetterTemplate<AccountingUnverifiedModel> = {
  name: 'accounting_unverified',
  version: 1,
  citation: '45 CFR 164.514(h)',
  title: (model) =>
    model.reason === 'authority_not_verified'
      ? say(model.language, {
          en: 'Your request for a list of disclosures: we need to confirm your authority',
          es: 'Su solicitud de una lista de divulgaciones: necesitamos confirmar su autoridad',
        })
      : say(model.language, {
          en: 'Your request for a list of disclosures: we need to confirm who you are',
          es: 'Su solicitud de una lista de divulgaciones: necesitamos confirmar su identidad',
        }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!REASONS.includes(model.reason))
      missing.push({ element: 'reason', message: 'whether identity or authority could not be verified (164.514(h))' });
    if (!model.howToVerify?.trim()) missing.push({ element: 'howToVerify', message: 'how the requester can be verified' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const patient = model.patientName?.trim();
    writer.paragraph(
      say(lang, {
        en: 'We received your request for an accounting of disclosures: a list of certain times we shared health information with others.',
        es: 'Recibimos su solicitud de un informe de divulgaciones: una lista de ciertas ocasiones en que compartimos información de salud con otros.',
      }),
    );
    if (model.reason === 'authority_not_verified') {
      writer.paragraph(
        patient
          ? say(lang, {
              en: `Before we share a patient’s health information with someone acting for them, the law requires us to confirm that the person has the legal authority to do so (for example, as a parent, guardian, or holder of a health care power of attorney). We have not yet been able to confirm your authority to act for ${patient}.`,
              es: `Antes de compartir la información de salud de un paciente con alguien que actúa en su nombre, la ley nos exige confirmar que esa persona tiene la autoridad legal para hacerlo (por ejemplo, como padre o madre, tutor, o con un poder notarial para decisiones de salud). Todavía no hemos podido confirmar su autoridad para actuar en nombre de ${patient}.`,
            })
          : say(lang, {
              en: 'Before we share a patient’s health information with someone acting for them, the law requires us to confirm that the person has the legal authority to do so (for example, as a parent, guardian, or holder of a health care power of attorney). We have not yet been able to confirm your authority.',
              es: 'Antes de compartir la información de salud de un paciente con alguien que actúa en su nombre, la ley nos exige confirmar que esa persona tiene la autoridad legal para hacerlo (por ejemplo, como padre o madre, tutor, o con un poder notarial para decisiones de salud). Todavía no hemos podido confirmar su autoridad.',
            }),
      );
    } else {
      writer.paragraph(
        say(lang, {
          en: 'Before we share health information, the law requires us to confirm the identity of the person asking for it. We have not yet been able to confirm your identity.',
          es: 'Antes de compartir información de salud, la ley nos exige confirmar la identidad de la persona que la pide. Todavía no hemos podido confirmar su identidad.',
        }),
      );
    }
    writer.paragraph(
      say(lang, {
        en: 'For this reason, we cannot send you the accounting, and we have closed this request. You may ask again at any time once you can confirm this; there is no charge for asking.',
        es: 'Por eso, no podemos enviarle el informe y cerramos esta solicitud. Puede volver a pedirlo en cualquier momento cuando pueda confirmarlo; pedirlo no tiene costo.',
      }),
      { bold: true },
    );

    writer.heading(say(lang, { en: 'How to confirm', es: 'Cómo confirmarlo' }));
    writer.paragraph(model.howToVerify);
    writer.paragraph(
      say(lang, {
        en: `If this is hard for you, or you have questions, call ${officer.name}, ${officer.title}, at ${officer.phone}, or write to ${addressLines(organisation.address).join(', ')}, and we will find another way. Mention reference ${model.reference}.`,
        es: `Si esto le resulta difícil, o tiene preguntas, llame a ${officer.name}, ${officer.title}, al ${officer.phone}, o escriba a ${addressLines(organisation.address).join(', ')}, y buscaremos otra forma. Mencione la referencia ${model.reference}.`,
      }),
    );

    complaintRoutes(writer, model);
  },
};
