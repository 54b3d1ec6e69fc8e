import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines } from '../render.js';

export interface RestrictionAgreedModel extends LetterBase {
  /** What the restriction covers (which information, which uses or disclosures, to whom), in plain language. */
  scope: string;
  /** A restriction to a health plan of an item or service paid in full (164.522(a)(1)(vi)): the clinic can never end it. */
  selfPay: boolean;
}

/** Agreement to a requested restriction (45 CFR 164.522(a)(1)(ii)-(vi), (a)(2)). */
export const restrictionAgreedLetter: LetterTemplate<RestrictionAgreedModel> = {
  name: 'restriction_agreed',
  version: 1,
  citation: '45 CFR 164.522(a)',
  title: (model) =>
    say(model.language, {
      en: 'Your request to limit how we use or share your health information: agreed',
      es: 'Su solicitud para limitar cómo usamos o compartimos su información de salud: aceptada',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.scope?.trim()) missing.push({ element: 'scope', message: 'what the agreed restriction covers' });
    if (typeof model.selfPay !== 'boolean')
      missing.push({ element: 'selfPay', message: 'whether it is a self-pay restriction the clinic cannot end (164.522(a)(2)(iii))' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const address = addressLines(organisation.address).join(', ');
    writer.paragraph(
      say(lang, {
        en: 'We agree to the limit (restriction) you asked for. From now on, we will not use or share your health information in a way this limit does not allow, except in the cases listed below.',
        es: 'Aceptamos el límite (restricción) que usted pidió. Desde ahora, no usaremos ni compartiremos su información de salud de una forma que este límite no permita, salvo en los casos que se indican abajo.',
      }),
    );
    writer.heading(say(lang, { en: 'What the limit covers', es: 'Lo que cubre el límite' }));
    writer.paragraph(model.scope);
    if (model.selfPay) {
      writer.paragraph(
        say(lang, {
          en: 'You, or someone other than your health plan, paid in full for this item or service. The law requires us to agree not to share information about it with your health plan for payment or for our business operations.',
          es: 'Usted, u otra persona que no es su plan de salud, pagó por completo este artículo o servicio. La ley nos obliga a aceptar no compartir la información sobre él con su plan de salud para fines de pago o de nuestras operaciones.',
        }),
      );
    }

    writer.heading(
      say(lang, {
        en: 'When we may still use or share this information',
        es: 'Cuándo podemos usarla o compartirla de todos modos',
      }),
    );
    writer.list([
      say(lang, {
        en: 'In an emergency: if you need emergency treatment and this information is needed to treat you, we may use it, or give it to the health care provider who treats you. If we give it to a provider, we will ask that provider not to use or share it any further.',
        es: 'En una emergencia: si usted necesita tratamiento de emergencia y esta información es necesaria para tratarlo, podemos usarla o dársela al proveedor de salud que lo atienda. Si se la damos a un proveedor, le pediremos que no la siga usando ni la comparta.',
      }),
      say(lang, {
        en: 'When a law requires us to share it, or for the public purposes the privacy law allows without your permission, such as public health reports, health oversight, court orders, and reports of abuse or neglect.',
        es: 'Cuando una ley nos obligue a compartirla, o para los fines públicos que la ley de privacidad permite sin su permiso, como informes de salud pública, la supervisión de servicios de salud, órdenes judiciales e informes de abuso o negligencia.',
      }),
      say(lang, {
        en: 'When the U.S. Department of Health and Human Services asks for it to check that we follow the privacy law.',
        es: 'Cuando el Departamento de Salud y Servicios Humanos de EE. UU. la pida para revisar que cumplimos la ley de privacidad.',
      }),
      say(lang, {
        en: 'To list you in our facility directory (for example, your name and where you are in our building), unless you have told us not to list you.',
        es: 'Para incluirlo en nuestro directorio de pacientes (por ejemplo, su nombre y dónde se encuentra en nuestras instalaciones), a menos que usted nos haya dicho que no lo incluyamos.',
      }),
    ]);

    writer.heading(say(lang, { en: 'How to end this limit', es: 'Cómo terminar este límite' }));
    writer.paragraph(
      say(lang, {
        en: `You can end this limit at any time. Tell us in writing, or tell us in person or by phone and we will write down that you agreed to end it. Contact ${officer.name}, ${officer.title}, at ${officer.phone}, or write to ${address}. Mention reference ${model.reference}.`,
        es: `Puede terminar este límite en cualquier momento. Díganoslo por escrito, o díganoslo en persona o por teléfono y dejaremos constancia por escrito de que usted aceptó terminarlo. Comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}, o escriba a ${address}. Mencione la referencia ${model.reference}.`,
      }),
    );
    writer.paragraph(
      model.selfPay
        ? say(lang, {
            en: 'Because this limit is about an item or service that was paid in full, we cannot end it on our own. Only you can end it.',
            es: 'Como este límite es sobre un artículo o servicio que se pagó por completo, no podemos terminarlo por nuestra cuenta. Solo usted puede terminarlo.',
          })
        : say(lang, {
            en: 'We may also end this limit ourselves. If we do, we will tell you. The end will apply only to information we create or receive after we tell you; information from before then stays protected by the limit.',
            es: 'Nosotros también podemos terminar este límite. Si lo hacemos, se lo diremos. El cambio se aplicará solo a la información que creemos o recibamos después de avisarle; la información anterior seguirá protegida por el límite.',
          }),
    );
  },
};
