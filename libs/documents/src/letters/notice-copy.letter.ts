import { say, type LetterWriter } from '../layout/letter-writer.js';
import { missingBase, type LetterBase, type LetterTemplate, type MissingElement } from '../letter-template.js';
import { longDate } from '../render.js';

export interface NoticeCopyModel extends LetterBase {
  /** The notice version as the clinic labels it (e.g. "2026-02"). */
  noticeVersion: string;
  /** The notice's effective date (ISO) (164.520(b)(1)(viii)). */
  noticeEffectiveOn: string;
  /** The clinic's notice text, section by section, in the letter's language; printed as given. */
  noticeSections: { heading: string; paragraphs: string[] }[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: unknown): value is string => typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));

/**
 * A copy of the clinic's current notice of privacy practices, on request
 * (45 CFR 164.520(b)(1)(iv)(F), (c)): a short cover paragraph, the version and
 * effective date, then the clinic's own notice text, unchanged.
 */
export const noticeCopyLetter: LetterTemplate<NoticeCopyModel> = {
  name: 'notice_copy',
  version: 1,
  citation: '45 CFR 164.520',
  title: (model) => say(model.language, { en: 'Our Notice of Privacy Practices', es: 'Nuestro Aviso de Prácticas de Privacidad' }),
  missing(model): MissingElement[] {
    const missing = [...missingBase(model)];
    if (!model.noticeVersion?.trim()) missing.push({ element: 'noticeVersion', message: 'the notice version' });
    if (!isDate(model.noticeEffectiveOn))
      missing.push({ element: 'noticeEffectiveOn', message: 'the notice’s effective date (164.520(b)(1)(viii))' });
    const sections = model.noticeSections ?? [];
    if (!sections.length) missing.push({ element: 'noticeSections', message: 'the notice text (at least one section)' });
    sections.forEach((section, index) => {
      if (!section?.heading?.trim())
        missing.push({ element: `noticeSections[${index}].heading`, message: `a heading for notice section ${index + 1}` });
      if (!section?.paragraphs?.some((paragraph) => paragraph?.trim()))
        missing.push({ element: `noticeSections[${index}].paragraphs`, message: `the text of notice section ${index + 1}` });
    });
    return missing;
  },
  render(writer: LetterWriter, model) {
    const { language: lang } = model;
    const officer = model.organisation.privacyOfficer;
    const version = model.noticeVersion.trim();
    const effective = longDate(model.noticeEffectiveOn, lang);
    writer.paragraph(
      say(lang, {
        en: `As you asked, here is a copy of our current Notice of Privacy Practices. It explains how we may use and share your health information and what your rights are. This is version ${version} of the notice, effective ${effective}. If you have questions about it, call ${officer.name}, ${officer.title}, at ${officer.phone}.`,
        es: `Como lo pidió, le enviamos una copia de nuestro Aviso de Prácticas de Privacidad vigente. Explica cómo podemos usar y compartir su información de salud y cuáles son sus derechos. Esta es la versión ${version} del aviso, vigente desde el ${effective}. Si tiene preguntas sobre el aviso, llame a ${officer.name}, ${officer.title}, al ${officer.phone}.`,
      }),
    );
    writer.facts([
      [say(lang, { en: 'Notice version', es: 'Versión del aviso' }), version],
      [say(lang, { en: 'Effective date', es: 'Fecha de vigencia' }), effective],
    ]);
    for (const section of model.noticeSections) {
      writer.heading(section.heading.trim());
      for (const paragraph of section.paragraphs) if (paragraph?.trim()) writer.paragraph(paragraph.trim());
    }
  },
};
