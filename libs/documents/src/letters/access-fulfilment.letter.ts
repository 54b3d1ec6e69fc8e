import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';

export interface AccessFulfilmentModel extends LetterBase {
  accessType: 'inspect' | 'copy' | 'both';
  /** How the access is given, in the letter's language (e.g. "by mail to your home address", "at our office on March 3 at 10 a.m."). */
  deliveredVia: string;
  /** The copy's form and format, in the letter's language (e.g. "PDF files on a USB drive"). */
  format?: string | null;
  /** The total fee in cents; 0 when there is no charge, and always 0 for inspection only. */
  feeCents: number;
  /** The fee's items (copy labor, supplies, postage); when given they add up to feeCents. */
  feeLines?: { label: string; amountCents: number }[];
}

/** Integer cents as dollars: 650 → "$6.50". */
function dollars(cents: number): string {
  const whole = Math.floor(cents / 100).toLocaleString('en-US');
  return `$${whole}.${String(cents % 100).padStart(2, '0')}`;
}

const isCents = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * Cover letter for granted access (45 CFR 164.524(b)(2)(i)(A), (c)): what is
 * provided and how (164.524(c)(2)-(3)), and the fee, which may cover only
 * copying labor, supplies and postage (164.524(c)(4)); inspection is free.
 */
export const accessFulfilmentLetter: LetterTemplate<AccessFulfilmentModel> = {
  name: 'access_fulfilment',
  version: 1,
  citation: '45 CFR 164.524(c)',
  title: (model) =>
    say(model.language, {
      en: 'Your request to see or copy your records: granted',
      es: 'Su solicitud para ver o copiar sus registros: aprobada',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!['inspect', 'copy', 'both'].includes(model.accessType))
      missing.push({ element: 'accessType', message: 'whether the records are to be inspected, copied, or both' });
    if (!model.deliveredVia?.trim()) missing.push({ element: 'deliveredVia', message: 'how the records are provided' });
    if (!isCents(model.feeCents)) missing.push({ element: 'feeCents', message: 'the fee in whole cents (0 when there is no charge)' });
    else if (model.accessType === 'inspect' && model.feeCents !== 0)
      missing.push({ element: 'feeCents', message: 'no fee when the records are only inspected (164.524(c)(4))' });
    const lines = model.feeLines ?? [];
    if (lines.some((line) => !line?.label?.trim() || !isCents(line.amountCents)))
      missing.push({ element: 'feeLines', message: 'a label and an amount in whole cents for every fee item' });
    else if (lines.length && isCents(model.feeCents) && lines.reduce((sum, line) => sum + line.amountCents, 0) !== model.feeCents)
      missing.push({ element: 'feeLines', message: 'fee items that add up to the total fee' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const copy = model.accessType !== 'inspect';

    writer.paragraph(
      {
        inspect: say(lang, {
          en: 'We have approved your request to see (inspect) your health records. You can see them as described below.',
          es: 'Aprobamos su solicitud para ver (inspeccionar) sus registros de salud. Puede verlos como se describe abajo.',
        }),
        copy: say(lang, {
          en: 'We have approved your request for a copy of your health records. We are giving you the copy as described below.',
          es: 'Aprobamos su solicitud de una copia de sus registros de salud. Le damos la copia como se describe abajo.',
        }),
        both: say(lang, {
          en: 'We have approved your request to see (inspect) your health records and to get a copy. Both are described below.',
          es: 'Aprobamos su solicitud para ver (inspeccionar) sus registros de salud y recibir una copia. Abajo se describe cómo.',
        }),
      }[model.accessType],
    );

    const format = model.format?.trim();
    writer.facts([
      [
        say(lang, { en: 'What we are providing', es: 'Lo que le damos' }),
        {
          inspect: say(lang, { en: 'A chance to see your records', es: 'La oportunidad de ver sus registros' }),
          copy: say(lang, { en: 'A copy of your records', es: 'Una copia de sus registros' }),
          both: say(lang, { en: 'A chance to see your records, and a copy', es: 'La oportunidad de ver sus registros, y una copia' }),
        }[model.accessType],
      ],
      [say(lang, { en: 'How', es: 'Cómo' }), model.deliveredVia.trim()],
      ...(format ? [[say(lang, { en: 'Format', es: 'Formato' }), format] as [string, string]] : []),
    ]);

    writer.heading(say(lang, { en: 'Cost', es: 'Costo' }));
    if (model.feeCents === 0) {
      writer.paragraph(say(lang, { en: 'There is no charge.', es: 'No tiene costo.' }));
    } else {
      writer.paragraph(
        say(lang, {
          en: `The fee for your copy is ${dollars(model.feeCents)}.`,
          es: `El cargo por su copia es de ${dollars(model.feeCents)}.`,
        }),
      );
      const lines = model.feeLines ?? [];
      if (lines.length)
        writer.table(
          [say(lang, { en: 'Item', es: 'Concepto' }), say(lang, { en: 'Amount', es: 'Importe' })],
          [
            ...lines.map((line) => [line.label.trim(), dollars(line.amountCents)]),
            [say(lang, { en: 'Total', es: 'Total' }), dollars(model.feeCents)],
          ],
          [348, 120],
        );
      writer.paragraph(
        say(lang, {
          en: 'By law, we may charge only for the work of making the copy, for supplies (such as paper, or a CD or USB drive if you asked for one), and for postage if you asked us to mail it. We do not charge for finding or gathering your records.',
          es: 'Por ley, solo podemos cobrar por el trabajo de hacer la copia, por los materiales (como papel, o un CD o memoria USB si usted lo pidió) y por el envío si usted pidió que se la enviáramos por correo. No cobramos por buscar ni reunir sus registros.',
        }),
      );
    }
    writer.paragraph(
      say(lang, {
        en: 'There is no charge to look at (inspect) your records.',
        es: 'No se cobra por ver (inspeccionar) sus registros.',
      }),
    );

    const email = officer.email?.trim();
    writer.paragraph(
      say(lang, {
        en: `If anything you asked for is missing${copy ? ', or you cannot open or read your copy' : ''}, contact ${officer.name}, ${officer.title}, at ${officer.phone}${email ? ` or ${email}` : ''}. Mention reference ${model.reference}.`,
        es: `Si falta algo de lo que pidió${copy ? ', o no puede abrir o leer su copia' : ''}, comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}${email ? ` o a ${email}` : ''}. Mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
