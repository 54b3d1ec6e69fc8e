import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type Language, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { addressLines, longDate } from '../render.js';

/** One listed disclosure (164.528(b)(2)), or a series to one recipient for one purpose in summary form (164.528(b)(3)). */
export interface AccountingEntry {
  /** Date of the disclosure; for a summary entry, the first one in the period (ISO). */
  disclosedOn: string;
  recipientName: string;
  /** The recipient's address, if known, as one line. */
  recipientAddress?: string | null;
  /** A brief description of the information disclosed. */
  description: string;
  /** A brief statement of the purpose (or a reference to the written request). */
  purpose: string;
  /** For repeated disclosures: how many, from when to when, and how often. */
  summary?: { count: number; firstOn: string; lastOn: string; frequency?: string | null } | null;
}

export interface AccountingModel extends LetterBase {
  /** The period covered (ISO dates), at most the 6 years before the request. */
  periodFrom: string;
  periodTo: string;
  entries: AccountingEntry[];
  /** How many disclosures are withheld for now under a suspension (164.528(a)(2)). */
  withheldForSuspension?: number;
  /** The fee in cents: zero for the first accounting in 12 months (164.528(c)(2)). */
  feeCents: number;
}

const dollars = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function dateCell(entry: AccountingEntry, lang: Language): string {
  const summary = entry.summary;
  if (!summary) return longDate(entry.disclosedOn, lang);
  const first = longDate(summary.firstOn || entry.disclosedOn, lang);
  const last = longDate(summary.lastOn, lang);
  const frequency = summary.frequency?.trim() ? ` (${summary.frequency.trim()})` : '';
  return say(lang, {
    en: `First: ${first}\nLast: ${last}\n${summary.count} ${summary.count === 1 ? 'time' : 'times'}${frequency}`,
    es: `Primera: ${first}\nÚltima: ${last}\n${summary.count} ${summary.count === 1 ? 'vez' : 'veces'}${frequency}`,
  });
}

/** The written accounting of disclosures (45 CFR 164.528(b)). An accounting with no entries is still provided. */
export const accountingLetter: LetterTemplate<AccountingModel> = {
  name: 'accounting',
  version: 1,
  citation: '45 CFR 164.528(b)',
  title: (model) =>
    say(model.language, {
      en: 'Accounting of disclosures of your health information',
      es: 'Informe de divulgaciones de su información de salud',
    }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (blank(model.periodFrom)) missing.push({ element: 'periodFrom', message: 'the first day of the period covered (164.528(a))' });
    if (blank(model.periodTo)) missing.push({ element: 'periodTo', message: 'the last day of the period covered (164.528(a))' });
    if (!Array.isArray(model.entries)) missing.push({ element: 'entries', message: 'the list of disclosures (it may be empty)' });
    (Array.isArray(model.entries) ? model.entries : []).forEach((entry, index) => {
      const need = (field: string, value: unknown, what: string) => {
        if (blank(value))
          missing.push({ element: `entries[${index}].${field}`, message: `${what} of disclosure ${index + 1} (164.528(b)(2))` });
      };
      need('disclosedOn', entry?.disclosedOn, 'the date');
      need('recipientName', entry?.recipientName, 'the recipient’s name');
      need('description', entry?.description, 'a description of the information');
      need('purpose', entry?.purpose, 'the purpose');
      const summary = entry?.summary;
      if (summary) {
        if (!Number.isInteger(summary.count) || summary.count < 1)
          missing.push({
            element: `entries[${index}].summary.count`,
            message: `how many times, for summary entry ${index + 1} (164.528(b)(3))`,
          });
        if (blank(summary.lastOn))
          missing.push({
            element: `entries[${index}].summary.lastOn`,
            message: `the date of the last disclosure, for summary entry ${index + 1} (164.528(b)(3))`,
          });
      }
    });
    if (!Number.isInteger(model.feeCents) || model.feeCents < 0)
      missing.push({ element: 'feeCents', message: 'the fee, in whole cents (zero for the first accounting in 12 months)' });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang, organisation } = model;
    const officer = organisation.privacyOfficer;
    const from = longDate(model.periodFrom, lang);
    const to = longDate(model.periodTo, lang);

    writer.paragraph(
      say(lang, {
        en: `You asked us for an accounting of disclosures. This is a list of certain times that we, or companies that work for us, shared your health information with others from ${from} through ${to}.`,
        es: `Usted nos pidió un informe de divulgaciones. Esta es una lista de ciertas ocasiones en que nosotros, o empresas que trabajan para nosotros, compartimos su información de salud con otros desde el ${from} hasta el ${to}.`,
      }),
    );
    writer.facts([
      [say(lang, { en: 'Period covered', es: 'Período cubierto' }), `${from} – ${to}`],
      [say(lang, { en: 'Entries listed', es: 'Entradas en la lista' }), String(model.entries.length)],
    ]);
    writer.paragraph(
      say(lang, {
        en: 'The law does not ask us to list disclosures for your treatment, for payment or for running our practice, disclosures to you or that you allowed in writing, disclosures to people involved in your care or for our patient directory, and a few others, such as those for national security.',
        es: 'La ley no nos pide incluir las divulgaciones para su tratamiento, para cobrar o para el funcionamiento de nuestra clínica, las que se le hicieron a usted o que usted autorizó por escrito, las que se hicieron a personas que participan en su cuidado o para nuestro directorio de pacientes, y algunas otras, como las de seguridad nacional.',
      }),
    );

    writer.heading(say(lang, { en: 'Disclosures', es: 'Divulgaciones' }));
    if (model.entries.length === 0) {
      writer.paragraph(
        say(lang, {
          en: 'There were no disclosures of your health information during this period that the law requires us to list.',
          es: 'Durante este período no hubo divulgaciones de su información de salud que la ley nos exija incluir en esta lista.',
        }),
        { bold: true },
      );
    } else {
      if (model.entries.some((entry) => entry.summary)) {
        writer.paragraph(
          say(lang, {
            en: 'When we shared information many times with the same recipient for the same purpose, we list it once, with the date of the first and the last time, and how many times or how often.',
            es: 'Cuando compartimos información muchas veces con el mismo destinatario para el mismo propósito, la incluimos una sola vez, con la fecha de la primera y de la última vez, y cuántas veces o con qué frecuencia.',
          }),
        );
      }
      writer.table(
        [
          say(lang, { en: 'Date', es: 'Fecha' }),
          say(lang, { en: 'Recipient', es: 'Destinatario' }),
          say(lang, { en: 'Information shared', es: 'Información compartida' }),
          say(lang, { en: 'Purpose', es: 'Propósito' }),
        ],
        model.entries.map((entry) => [
          dateCell(entry, lang),
          entry.recipientAddress?.trim() ? `${entry.recipientName}\n${entry.recipientAddress.trim()}` : entry.recipientName,
          entry.description,
          entry.purpose,
        ]),
        [112, 122, 117, 117],
      );
    }

    if ((model.withheldForSuspension ?? 0) > 0) {
      writer.paragraph(
        say(lang, {
          en: 'Some disclosures are not on this list for now. A health oversight agency or a law enforcement official told us that listing them now could interfere with its work, and the law requires us to wait for a limited time. You may ask for an accounting again later.',
          es: 'Algunas divulgaciones no aparecen en esta lista por ahora. Una agencia de supervisión de salud o un funcionario de la ley nos dijo que incluirlas ahora podría afectar su trabajo, y la ley nos exige esperar por un tiempo limitado. Puede pedir otro informe más adelante.',
        }),
      );
    }

    writer.paragraph(
      model.feeCents > 0
        ? say(lang, {
            en: `The fee for this accounting is ${dollars(model.feeCents)}, as we told you before we prepared it.`,
            es: `El costo de este informe es ${dollars(model.feeCents)}, como le avisamos antes de prepararlo.`,
          })
        : say(lang, { en: 'There is no fee for this accounting.', es: 'Este informe no tiene costo.' }),
    );
    writer.paragraph(
      say(lang, {
        en: `If you have questions about this list, contact ${officer.name}, ${officer.title}, at ${officer.phone}, or write to ${addressLines(organisation.address).join(', ')}. Mention reference ${model.reference}.`,
        es: `Si tiene preguntas sobre esta lista, comuníquese con ${officer.name}, ${officer.title}, al ${officer.phone}, o escriba a ${addressLines(organisation.address).join(', ')}. Mencione la referencia ${model.reference}.`,
      }),
    );
  },
};
