import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, missingComplaintRoutes, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines } from '../render.js';
import { complaintRoutes } from './shared/complaint-routes.js';

/**
 * Why and how to ask again. "No reason given" is not a reason and cannot be
 * (164.522(b)(2)(iii)); lack of an endangerment statement is a reason only for
 * a health plan (164.522(b)(1)(ii), (b)(2)(iv)).
 */
export const CONFIDENTIAL_COMMUNICATION_DECLINE_TEXT: Record<
  ConfidentialCommunicationDeclinedModel['reasonCode'],
  { why: { en: string; es: string }; again: { en: string; es: string } }
> = {
  no_alternative_given: {
    why: {
      en: 'Your request did not tell us the other address, or the other way, you want us to use to contact you.',
      es: 'Su solicitud no nos indicó la otra dirección ni la otra forma que desea que usemos para comunicarnos con usted.',
    },
    again: {
      en: 'Send us your request again with the address, phone number, email or other way you want us to use. We will look at it again.',
      es: 'Envíenos su solicitud de nuevo con la dirección, el teléfono, el correo electrónico u otra forma que desea que usemos. La revisaremos otra vez.',
    },
  },
  not_reasonable_to_accommodate: {
    why: {
      en: 'We are not able to contact you in the way or at the place you asked.',
      es: 'No podemos comunicarnos con usted de la forma o en el lugar que pidió.',
    },
    again: {
      en: 'You can ask again with a different address or a different way to contact you. We will look at it again.',
      es: 'Puede pedirlo de nuevo con otra dirección u otra forma de comunicarnos con usted. La revisaremos otra vez.',
    },
  },
  no_endangerment_statement: {
    why: {
      en: 'As a health plan, we accept these requests when you tell us that sending information the usual way could put you in danger. Your request did not say this.',
      es: 'Como plan de salud, aceptamos estas solicitudes cuando usted nos dice que enviar la información de la forma habitual podría ponerlo en peligro. Su solicitud no lo decía.',
    },
    again: {
      en: 'If sending information the usual way could put you in danger, say so in your request, and we will look at it again.',
      es: 'Si enviar la información de la forma habitual podría ponerlo en peligro, dígalo en su solicitud y la revisaremos otra vez.',
    },
  },
};

/** Send this letter the way the request came in, never to the address the individual asked us to avoid. */
export interface ConfidentialCommunicationDeclinedModel extends LetterBase {
  reasonCode: 'no_alternative_given' | 'not_reasonable_to_accommodate' | 'no_endangerment_statement';
  /** Why, in plain language. */
  explanation: string;
  /** Absent means provider; only a health plan may decline for lack of an endangerment statement. */
  organisationKind?: 'provider' | 'health_plan' | null;
}

/** A request for confidential communications not accommodated (45 CFR 164.522(b)(1)-(2)). */
export const confidentialCommunicationDeclinedLetter: LetterTemplate<ConfidentialCommunicationDeclinedModel> = {
  name: 'confidential_communication_declined',
  version: 1,
  citation: '45 CFR 164.522(b)',
  title: (model) =>
    say(model.language, {
      en: 'Your request about how we contact you: not accepted',
      es: 'Su solicitud sobre cómo nos comunicamos con usted: no aceptada',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model), ...missingComplaintRoutes(model)];
    if (!Object.hasOwn(CONFIDENTIAL_COMMUNICATION_DECLINE_TEXT, model.reasonCode ?? ''))
      missing.push({ element: 'reasonCode', message: `a known reason for declining (not "${model.reasonCode ?? ''}")` });
    if (model.reasonCode === 'no_endangerment_statement' && model.organisationKind !== 'health_plan')
      missing.push({
        element: 'organisationKind',
        message:
          'a health plan: only a health plan may require a statement that disclosure could endanger the individual (164.522(b)(1)(ii))',
      });
    if (!model.explanation?.trim()) missing.push({ element: 'explanation', message: 'why the request was declined, in plain language' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const text = CONFIDENTIAL_COMMUNICATION_DECLINE_TEXT[model.reasonCode];
    writer.paragraph(
      say(lang, {
        en: 'We could not accept your request to contact you in a different way or at a different place.',
        es: 'No pudimos aceptar su solicitud de comunicarnos con usted de otra forma o en otro lugar.',
      }),
    );
    writer.heading(say(lang, { en: 'Why', es: 'Por qué' }));
    writer.paragraph(say(lang, text.why));
    writer.paragraph(model.explanation);
    writer.heading(say(lang, { en: 'How to ask again', es: 'Cómo pedirlo de nuevo' }));
    writer.paragraph(say(lang, text.again));
    if (model.organisationKind !== 'health_plan')
      writer.paragraph(say(lang, { en: 'You do not have to tell us why you are asking.', es: 'No tiene que decirnos por qué lo pide.' }));
    writer.paragraph(
      say(lang, {
        en: `Send it to ${officer.name}, ${officer.title}, ${addressLines(organisation.address).join(', ')}, or call ${officer.phone}. Mention reference ${model.reference}. Until then, we will keep contacting you the usual way.`,
        es: `Envíela a ${officer.name}, ${officer.title}, ${addressLines(organisation.address).join(', ')}, o llame al ${officer.phone}. Mencione la referencia ${model.reference}. Mientras tanto, seguiremos comunicándonos con usted de la forma habitual.`,
      }),
    );
    complaintRoutes(writer, model);
  },
};
