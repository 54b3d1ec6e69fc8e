import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';

export interface RestrictionTerminatedModel extends LetterBase {
  /** What the restriction covered, in plain language. */
  scope: string;
  /** Who ended it: the individual (164.522(a)(2)(i)-(ii)) or the clinic (164.522(a)(2)(iii)). */
  by: 'individual' | 'clinic';
  /** For `clinic`: the day the individual was told (ISO); the end applies only to PHI created or received after it. */
  effectiveForPhiCreatedAfter?: string | null;
  /** For `individual`: how the individual asked for or agreed to the end. */
  form?: 'written' | 'oral' | null;
  /** A self-pay restriction (164.522(a)(1)(vi)); the clinic can never end one, so a `clinic` letter is refused. */
  selfPay?: boolean | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The end of an agreed restriction (45 CFR 164.522(a)(2)). */
export const restrictionTerminatedLetter: LetterTemplate<RestrictionTerminatedModel> = {
  name: 'restriction_terminated',
  version: 1,
  citation: '45 CFR 164.522(a)(2)',
  title: (model) =>
    model.by === 'clinic'
      ? say(model.language, {
          en: 'We are ending the limit on how we use or share your health information',
          es: 'Terminamos el límite sobre cómo usamos o compartimos su información de salud',
        })
      : say(model.language, {
          en: 'The limit on how we use or share your health information has ended',
          es: 'Terminó el límite sobre cómo usamos o compartimos su información de salud',
        }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.scope?.trim()) missing.push({ element: 'scope', message: 'what the restriction covered' });
    if (model.by !== 'individual' && model.by !== 'clinic')
      missing.push({ element: 'by', message: 'who ended the restriction (the individual or the clinic)' });
    if (model.by === 'clinic') {
      if (!isDate(model.effectiveForPhiCreatedAfter))
        missing.push({
          element: 'effectiveForPhiCreatedAfter',
          message:
            'the date the individual was told; the end applies only to information created or received after it (164.522(a)(2)(iii))',
        });
      if (model.selfPay === true)
        missing.push({
          element: 'selfPay',
          message: 'a restriction the clinic may end: a self-pay restriction can be ended only by the individual (164.522(a)(2)(iii))',
        });
    }
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const contact = say(lang, {
      en: `contact ${officer.name}, ${officer.title}, at ${officer.phone}, and mention reference ${model.reference}.`,
      es: `comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}, y mencione la referencia ${model.reference}.`,
    });
    if (model.by === 'clinic') {
      const after = longDate(model.effectiveForPhiCreatedAfter ?? '', lang);
      writer.paragraph(
        say(lang, {
          en: 'We are ending the limit (restriction) described below, which we had agreed to.',
          es: 'Terminamos el límite (restricción) que se describe abajo y que habíamos aceptado.',
        }),
      );
      writer.heading(say(lang, { en: 'The limit we are ending', es: 'El límite que terminamos' }));
      writer.paragraph(model.scope);
      writer.heading(say(lang, { en: 'What changes, and what does not', es: 'Qué cambia y qué no' }));
      writer.paragraph(
        say(lang, {
          en: `The end of the limit applies only to health information we create or receive after ${after}.`,
          es: `El fin del límite se aplica solo a la información de salud que creemos o recibamos después del ${after}.`,
        }),
        { bold: true },
      );
      writer.paragraph(
        say(lang, {
          en: `Information we created or received on or before ${after} stays protected by the limit. We will keep following the limit for that information.`,
          es: `La información que creamos o recibimos hasta el ${after}, inclusive, sigue protegida por el límite. Seguiremos respetando el límite para esa información.`,
        }),
      );
      writer.paragraph(
        say(lang, {
          en: `You may ask for a new limit at any time. If you have questions, ${contact}`,
          es: `Puede pedir un nuevo límite en cualquier momento. Si tiene preguntas, ${contact}`,
        }),
      );
      return;
    }
    writer.paragraph(
      model.form === 'written'
        ? say(lang, {
            en: 'As you asked in writing, the limit (restriction) described below has ended.',
            es: 'Como usted nos pidió por escrito, terminó el límite (restricción) que se describe abajo.',
          })
        : model.form === 'oral'
          ? say(lang, {
              en: 'As you told us, the limit (restriction) described below has ended. We have written down that you agreed to end it.',
              es: 'Como usted nos dijo, terminó el límite (restricción) que se describe abajo. Dejamos constancia por escrito de que usted aceptó terminarlo.',
            })
          : say(lang, {
              en: 'As you asked, the limit (restriction) described below has ended.',
              es: 'Como usted nos pidió, terminó el límite (restricción) que se describe abajo.',
            }),
    );
    writer.heading(say(lang, { en: 'The limit that ended', es: 'El límite que terminó' }));
    writer.paragraph(model.scope);
    writer.paragraph(
      say(lang, {
        en: 'From now on, we may use and share this information as our Notice of Privacy Practices describes and the law allows.',
        es: 'Desde ahora, podemos usar y compartir esta información como lo describe nuestro Aviso de Prácticas de Privacidad y lo permite la ley.',
      }),
    );
    writer.paragraph(
      say(lang, {
        en: `If this is not what you wanted, or you want a new limit, you can ask at any time: ${contact}`,
        es: `Si esto no es lo que usted quería, o desea un nuevo límite, puede pedirlo en cualquier momento: ${contact}`,
      }),
    );
  },
};
