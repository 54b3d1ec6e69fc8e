import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';

export interface RevocationConfirmationModel extends LetterBase {
  /** The authorization revoked (form id, date signed), as printed. */
  authorizationReference: string;
  /** The day the written revocation was received (ISO): it took effect then. */
  effectiveOn: string;
  /** Disclosures already made, or begun, in reliance on the authorization before it was revoked; not reversible. */
  disclosuresInReliance: { description: string; madeOn: string }[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string =>
  typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Confirmation that a written revocation of an authorization took effect (45 CFR 164.508(b)(5)). */
export const revocationConfirmationLetter: LetterTemplate<RevocationConfirmationModel> = {
  name: 'revocation_confirmation',
  version: 1,
  citation: '45 CFR 164.508(b)(5)',
  title: (model) => say(model.language, { en: 'Your authorization is cancelled', es: 'Su autorización quedó cancelada' }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.authorizationReference?.trim())
      missing.push({ element: 'authorizationReference', message: 'which authorization was revoked' });
    const effective = isDate(model.effectiveOn);
    if (!effective) missing.push({ element: 'effectiveOn', message: 'the date the written revocation was received (164.508(b)(5))' });
    else if (isDate(model.date) && model.effectiveOn > model.date)
      missing.push({ element: 'effectiveOn', message: 'a date the revocation took effect on or before the letter date' });
    if (!Array.isArray(model.disclosuresInReliance)) {
      missing.push({
        element: 'disclosuresInReliance',
        message: 'the disclosures already made in reliance on the authorization (an empty list if there were none)',
      });
    } else {
      model.disclosuresInReliance.forEach((disclosure, index) => {
        if (!disclosure?.description?.trim())
          missing.push({ element: `disclosuresInReliance[${index}].description`, message: 'what was disclosed, and to whom' });
        if (!isDate(disclosure?.madeOn))
          missing.push({ element: `disclosuresInReliance[${index}].madeOn`, message: 'the date the disclosure was made' });
        else if (effective && disclosure.madeOn > model.effectiveOn)
          missing.push({
            element: `disclosuresInReliance[${index}].madeOn`,
            message: 'a disclosure made on or before the revocation took effect (a later one was not made in reliance, 164.508(b)(5)(i))',
          });
      });
    }
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const effective = longDate(model.effectiveOn, lang);
    writer.paragraph(
      say(lang, {
        en: `We received your written request to cancel (revoke) your authorization. Your cancellation took effect on ${effective}, the day we received it in writing.`,
        es: `Recibimos su solicitud por escrito para cancelar (revocar) su autorización. Su cancelación entró en vigor el ${effective}, el día en que la recibimos por escrito.`,
      }),
    );
    writer.facts([
      [say(lang, { en: 'Authorization', es: 'Autorización' }), model.authorizationReference],
      [say(lang, { en: 'Cancelled as of', es: 'Cancelada desde' }), effective],
    ]);
    writer.heading(say(lang, { en: 'What this means', es: 'Qué significa esto' }));
    writer.paragraph(
      say(lang, {
        en: 'We will make no new disclosures of your information under this authorization. This does not change any other authorization you have signed.',
        es: 'No compartiremos más información suya con base en esta autorización. Esto no cambia ninguna otra autorización que usted haya firmado.',
      }),
    );
    writer.heading(say(lang, { en: 'What was already shared', es: 'Lo que ya se compartió' }));
    const disclosures = [...model.disclosuresInReliance].sort((a, b) => (a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : 0));
    if (disclosures.length === 0) {
      writer.paragraph(
        say(lang, {
          en: 'We had not shared any information under this authorization before your cancellation took effect.',
          es: 'No habíamos compartido información con base en esta autorización antes de que su cancelación entrara en vigor.',
        }),
      );
    } else {
      writer.paragraph(
        say(lang, {
          en: 'Cancelling cannot undo what we already did while the authorization was in effect. Before your cancellation took effect, we had already shared information under it, or had started to, as listed below.',
          es: 'La cancelación no puede deshacer lo que ya hicimos mientras la autorización estaba vigente. Antes de que su cancelación entrara en vigor, ya habíamos compartido información con base en ella, o habíamos empezado a hacerlo, como se indica abajo.',
        }),
      );
      writer.table(
        [say(lang, { en: 'Date', es: 'Fecha' }), say(lang, { en: 'What was shared, and with whom', es: 'Qué se compartió y con quién' })],
        disclosures.map((disclosure) => [longDate(disclosure.madeOn, lang), disclosure.description]),
        [140, 328],
      );
    }
    writer.paragraph(
      say(lang, {
        en: `If you have questions, contact ${officer.name}, ${officer.title}, at ${officer.phone}, and mention reference ${model.reference}.`,
        es: `Si tiene preguntas, comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}, y mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
