import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { complaintRoutes } from './shared/complaint-routes.js';

export interface RestrictionDeclinedModel extends LetterBase {
  /** What the individual asked us to restrict, in plain language. */
  scope: string;
  /** Optional: the rule requires no reason for declining. */
  explanation?: string | null;
}

/** A requested restriction not agreed (45 CFR 164.522(a)(1)(ii)); never for a self-pay request (164.522(a)(1)(vi)). */
export const restrictionDeclinedLetter: LetterTemplate<RestrictionDeclinedModel> = {
  name: 'restriction_declined',
  version: 1,
  citation: '45 CFR 164.522(a)(1)(ii)',
  title: (model) =>
    say(model.language, {
      en: 'Your request to limit how we use or share your health information: not agreed',
      es: 'Su solicitud para limitar cómo usamos o compartimos su información de salud: no aceptada',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!model.scope?.trim()) missing.push({ element: 'scope', message: 'what the individual asked us to restrict' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    writer.paragraph(
      say(lang, {
        en: 'We have reviewed your request to limit (restrict) how we use or share your health information. The law does not require us to agree to most requests like this, and we have decided not to agree to yours.',
        es: 'Revisamos su solicitud para limitar (restringir) cómo usamos o compartimos su información de salud. La ley no nos obliga a aceptar la mayoría de las solicitudes como esta, y decidimos no aceptar la suya.',
      }),
    );
    writer.heading(say(lang, { en: 'What you asked for', es: 'Lo que usted pidió' }));
    writer.paragraph(model.scope);
    if (model.explanation?.trim()) {
      writer.heading(say(lang, { en: 'Why', es: 'Por qué' }));
      writer.paragraph(model.explanation);
    }
    writer.heading(say(lang, { en: 'What this means', es: 'Qué significa esto' }));
    writer.paragraph(
      say(lang, {
        en: 'We will keep using and sharing your health information as described in our Notice of Privacy Practices. You may ask for a different limit at any time.',
        es: 'Seguiremos usando y compartiendo su información de salud como se describe en nuestro Aviso de Prácticas de Privacidad. Puede pedir un límite diferente en cualquier momento.',
      }),
    );
    writer.heading(say(lang, { en: 'If you paid in full', es: 'Si usted pagó por completo' }));
    writer.paragraph(
      say(lang, {
        en: 'There is one kind of request we must agree to. If you, or someone other than your health plan, paid in full for an item or service, you can ask us not to share information about it with your health plan for payment or for our business operations, unless a law requires us to share it. If your request is about something paid in full like this, please tell us and we will look at it again.',
        es: 'Hay un tipo de solicitud que debemos aceptar. Si usted, u otra persona que no es su plan de salud, pagó por completo un artículo o servicio, puede pedirnos que no compartamos la información sobre él con su plan de salud para fines de pago o de nuestras operaciones, salvo que una ley nos obligue a compartirla. Si su solicitud es sobre algo pagado por completo de esta forma, avísenos y la revisaremos de nuevo.',
      }),
    );
    complaintRoutes(writer, model);
  },
};
