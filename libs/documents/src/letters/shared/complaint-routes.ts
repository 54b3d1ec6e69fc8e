import { say, type LetterWriter } from '../../layout/letter-writer.js';
import type { LetterBase } from '../../letter-template.js';
import { addressLines } from '../../render.js';

/**
 * "How to complain": to the clinic (164.530(d)) with the contact person's
 * name or title and phone (164.530(a)(1)(ii)), or to the HHS Secretary
 * (160.306), and the promise of no retaliation (164.530(g)).
 */
export function complaintRoutes(writer: LetterWriter, model: LetterBase): void {
  const { language: lang, organisation } = model;
  const complaintsAddress = addressLines(organisation.complaintsAddress ?? organisation.address).join(', ');
  writer.heading(say(lang, { en: 'How to complain', es: 'Cómo presentar una queja' }));
  writer.paragraph(
    say(lang, {
      en: `You can complain to us: contact ${organisation.privacyOfficer.name}, ${organisation.privacyOfficer.title}, at ${organisation.privacyOfficer.phone}, or write to ${complaintsAddress}.`,
      es: `Puede presentarnos una queja: comuníquese con ${organisation.privacyOfficer.name}, ${organisation.privacyOfficer.title}, al ${organisation.privacyOfficer.phone}, o escriba a ${complaintsAddress}.`,
    }),
  );
  writer.paragraph(
    say(lang, {
      en: `You can also complain to the U.S. Department of Health and Human Services, Office for Civil Rights: ${organisation.hhs.address}, or online at ${organisation.hhs.web}. A complaint to HHS must be in writing and is usually filed within 180 days of when you learned of the problem.`,
      es: `También puede presentar una queja ante el Departamento de Salud y Servicios Humanos de EE. UU., Oficina de Derechos Civiles: ${organisation.hhs.address}, o en línea en ${organisation.hhs.web}. La queja ante HHS debe ser por escrito y normalmente se presenta dentro de los 180 días desde que supo del problema.`,
    }),
  );
  writer.paragraph(
    say(lang, {
      en: 'We will not retaliate against you for complaining.',
      es: 'No tomaremos represalias contra usted por presentar una queja.',
    }),
  );
}
