/**
 * The words of every notification email, as pure functions: `{ subject, text, html }`.
 *
 * What may appear: a request's reference (PR-2026-000123), its type in plain words,
 * dates of the request's clock and links. What never appears, because no builder takes
 * it as input: a patient's name, date of birth, contact details, or anything the request
 * or a decision says. Subjects carry the reference only, so a lock screen or a shared
 * inbox shows nothing about a patient.
 */

export interface BuiltMessage {
  subject: string;
  text: string;
  html: string;
}

/** Which reminder: days before the due date, the due date, the extension window, or an escalation once overdue. */
export type ReminderStep =
  `due_in_${number}` | 'due_today' | 'extension_decision' | 'overdue' | 'overdue_officers' | `overdue_admins_${number}`;

export interface ReminderInput {
  reference: string;
  /** A request type code (access, amendment, …); unknown codes are printed as they are. */
  requestType: string;
  step: ReminderStep;
  /** The due date, a calendar date (YYYY-MM-DD) in the organisation's time zone. */
  dueOn: string;
  /** Where staff open the request. */
  link: string;
}

export interface DigestItem {
  reference: string;
  dueOn: string;
  type: string;
}

export interface DigestInput {
  /** The staff member's name, for the greeting (never a patient's). */
  recipientName?: string;
  dueThisWeek: DigestItem[];
  overdue: DigestItem[];
  waitingOnPatient: DigestItem[];
  link: string;
}

export type PatientUpdateEvent = 'received' | 'extended' | 'decided' | 'fulfilled';

export interface PatientUpdateInput {
  reference: string;
  /** Deliberately unused beyond "received" or "news": what was decided is for the portal, behind sign-in. */
  event: PatientUpdateEvent;
  portalLink: string;
  language: 'en' | 'es';
}

/** Request types in plain words, for staff. */
const REQUEST_TYPE_WORDS: Record<string, string> = {
  access: 'access to records',
  amendment: 'amendment of records',
  accounting: 'accounting of disclosures',
  restriction: 'restriction of uses and disclosures',
  confidential_communication: 'confidential communications',
  notice_copy: 'copy of the privacy notice',
  complaint: 'privacy complaint',
  authorization_revocation: 'revocation of an authorization',
  communication_opt_out: 'opt-out of communications',
};

/** The request type in plain words, or the code itself when it is not one we know. */
export function requestTypeWords(code: string): string {
  return Object.hasOwn(REQUEST_TYPE_WORDS, code) ? REQUEST_TYPE_WORDS[code] : code;
}

const LONG_DATE = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function calendarDate(isoDate: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`not a calendar date: ${isoDate.slice(0, 20)}`);
  // Noon UTC: the same calendar day whatever zone formats it.
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a calendar date: ${isoDate}`);
  return date;
}

/** "Friday, March 20, 2026". */
export function longDate(isoDate: string): string {
  return LONG_DATE.format(calendarDate(isoDate));
}

function shortDate(isoDate: string): string {
  return SHORT_DATE.format(calendarDate(isoDate));
}

/** A reminder or escalation for staff about one request. */
export function reminderMessage({ reference, requestType, step, dueOn, link }: ReminderInput): BuiltMessage {
  const ref = oneLine(reference);
  const what = `request ${ref} (${requestTypeWords(requestType)})`;
  const due = longDate(dueOn);
  const words = reminderWords(step, what, due);
  return render({
    language: 'en',
    subject: `${words.subject}: request ${ref}`,
    paragraphs: [words.status],
    action: { label: 'Open the request', href: link },
    todo: words.todo,
    footer: STAFF_FOOTER,
  });
}

function reminderWords(step: ReminderStep, what: string, due: string): { subject: string; status: string; todo: string } {
  const dueIn = /^due_in_(\d+)$/.exec(step);
  if (dueIn) {
    const days = Number(dueIn[1]);
    if (days === 0) return reminderWords('due_today', what, due);
    const span = days === 1 ? '1 day' : `${days} days`;
    return {
      subject: `Due in ${span}`,
      status: `The response to ${what} is due in ${span}, on ${due}.`,
      todo: 'Finish the response before the due date, or decide on an extension if the rules allow one.',
    };
  }
  const adminsAfter = /^overdue_admins_(\d+)$/.exec(step);
  if (adminsAfter) {
    const days = Number(adminsAfter[1]);
    const span = days === 1 ? '1 day' : `${days} days`;
    return {
      subject: `Overdue ${span}, escalated to administrators`,
      status: `The response to ${what} was due on ${due} and is now ${span} overdue. It has been escalated to administrators.`,
      todo: 'Make sure someone is assigned and responds today, and record why the response is late.',
    };
  }
  switch (step) {
    case 'due_today':
      return {
        subject: 'Due today',
        status: `The response to ${what} is due today, ${due}.`,
        todo: 'Send the response today, or record an extension today if the rules allow one.',
      };
    case 'extension_decision':
      return {
        subject: 'Decide on an extension',
        status: `The response to ${what} is due on ${due}. If you need more time, the extension must be recorded and the requester told in writing before that date.`,
        todo: 'Decide now: respond by the due date, or record the extension and send the extension notice before the due date.',
      };
    case 'overdue':
      return {
        subject: 'Overdue',
        status: `The response to ${what} was due on ${due} and is now overdue.`,
        todo: 'Respond as soon as possible and record why the response is late.',
      };
    case 'overdue_officers':
      return {
        subject: 'Overdue, escalated to privacy officers',
        status: `The response to ${what} was due on ${due} and is now overdue. It has been escalated to the privacy officers.`,
        todo: 'Assign the request to someone who can respond now, and record why the response is late.',
      };
    default:
      throw new Error(`unknown reminder step ${String(step).slice(0, 40)}`);
  }
}

/** The daily digest for one staff member: counts in the subject, references and dates in the body. */
export function digestMessage({ recipientName, dueThisWeek, overdue, waitingOnPatient, link }: DigestInput): BuiltMessage {
  const subject =
    overdue.length + dueThisWeek.length === 0
      ? 'Daily digest: nothing overdue or due this week'
      : `Daily digest: ${overdue.length} overdue, ${dueThisWeek.length} due this week`;
  const name = recipientName?.trim() ? oneLine(recipientName.trim()) : null;
  return render({
    language: 'en',
    subject,
    paragraphs: [name ? `Hello ${name},` : 'Hello,', 'Here are the requests that need attention.'],
    lists: [
      { heading: 'Overdue', items: overdue, when: 'was due', empty: 'None.' },
      { heading: 'Due this week', items: dueThisWeek, when: 'due', empty: 'None.' },
      { heading: 'Waiting on the patient', items: waitingOnPatient, when: 'due', empty: 'None.' },
    ].map((list) => ({
      heading: `${list.heading} (${list.items.length})`,
      lines: [...list.items]
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.reference.localeCompare(b.reference))
        .map((item) => `${oneLine(item.reference)}: ${list.when} ${shortDate(item.dueOn)}`),
      empty: list.empty,
    })),
    action: { label: 'Open the request list', href: link },
    todo: 'Start with the overdue requests, then those due soonest.',
    footer: STAFF_FOOTER,
  });
}

/**
 * For a patient (or their representative): there is news, and where to read it.
 * Only the reference and the portal link: no decision, no health information,
 * since email is neither private nor always read by the patient alone.
 */
export function patientUpdateMessage({ reference, event, portalLink, language }: PatientUpdateInput): BuiltMessage {
  const ref = oneLine(reference);
  const words = PATIENT_WORDS[language];
  return render({
    language,
    subject: `${words.subject} ${ref}`,
    paragraphs: [event === 'received' ? words.received(ref) : words.news(ref), words.where],
    action: { label: words.open, href: portalLink },
    todo: words.privacy,
    footer: words.footer,
  });
}

const PATIENT_WORDS = {
  en: {
    subject: 'Update on your request',
    received: (ref: string) => `We have received your request ${ref}.`,
    news: (ref: string) => `There is news about your request ${ref}.`,
    where: 'To see it, open the patient portal.',
    open: 'Open the patient portal',
    privacy: 'For your privacy, this email does not include any details.',
    footer: 'This is an automatic message. Please do not reply to this email.',
    copy: 'Or copy this link into your browser:',
  },
  es: {
    subject: 'Actualización de su solicitud',
    received: (ref: string) => `Hemos recibido su solicitud ${ref}.`,
    news: (ref: string) => `Hay novedades sobre su solicitud ${ref}.`,
    where: 'Para verlas, abra el portal para pacientes.',
    open: 'Abrir el portal para pacientes',
    privacy: 'Por su privacidad, este correo no incluye ningún detalle.',
    footer: 'Este es un mensaje automático. Por favor, no responda a este correo.',
    copy: 'O copie este enlace en su navegador:',
  },
} as const;

const STAFF_FOOTER = 'This is an automatic message from Patient Rights Desk. Please do not reply to this email.';

interface Layout {
  language: 'en' | 'es';
  subject: string;
  paragraphs: string[];
  lists?: { heading: string; lines: string[]; empty: string }[];
  action: { label: string; href: string };
  todo: string;
  footer: string;
}

const STYLE = {
  body: 'margin:0;padding:24px 12px;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937',
  card: 'max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d1d5db;border-radius:6px;padding:24px',
  p: 'margin:0 0 16px',
  h2: 'margin:24px 0 8px;font-size:17px;color:#111827',
  ul: 'margin:0 0 16px;padding-left:20px',
  button: 'display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:bold;padding:10px 18px;border-radius:4px',
  small: 'margin:0 0 16px;font-size:14px;color:#4b5563;word-break:break-all',
  todo: 'margin:0 0 16px;padding:12px;background:#eff6ff;border-left:4px solid #1d4ed8',
  footer: 'margin:24px 0 0;font-size:13px;color:#6b7280',
} as const;

function render(layout: Layout): BuiltMessage {
  const href = safeLink(layout.action.href);
  const copy = layout.language === 'es' ? PATIENT_WORDS.es.copy : PATIENT_WORDS.en.copy;
  const textLines: string[] = [...layout.paragraphs.flatMap((p) => [p, ''])];
  const htmlParts: string[] = layout.paragraphs.map((p) => `<p style="${STYLE.p}">${escapeHtml(p)}</p>`);
  for (const list of layout.lists ?? []) {
    textLines.push(list.heading, ...(list.lines.length ? list.lines.map((line) => `- ${line}`) : [list.empty]), '');
    htmlParts.push(
      `<h2 style="${STYLE.h2}">${escapeHtml(list.heading)}</h2>`,
      list.lines.length
        ? `<ul style="${STYLE.ul}">${list.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
        : `<p style="${STYLE.p}">${escapeHtml(list.empty)}</p>`,
    );
  }
  textLines.push(`${layout.action.label}: ${href}`, '', layout.todo, '', '--', layout.footer, '');
  htmlParts.push(
    `<p style="${STYLE.p}"><a href="${escapeHtml(href)}" style="${STYLE.button}">${escapeHtml(layout.action.label)}</a></p>`,
    `<p style="${STYLE.small}">${escapeHtml(copy)}<br>${escapeHtml(href)}</p>`,
    `<p style="${STYLE.todo}">${escapeHtml(layout.todo)}</p>`,
    `<p style="${STYLE.footer}">${escapeHtml(layout.footer)}</p>`,
  );
  const html = [
    '<!doctype html>',
    `<html lang="${layout.language}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(layout.subject)}</title></head>`,
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.card}">`,
    ...htmlParts,
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject: oneLine(layout.subject), text: textLines.join('\n'), html };
}

/** Only absolute http(s) links: a `javascript:` or relative link in an email is a bug. */
function safeLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new Error('a notification link must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('a notification link must be an absolute http(s) URL');
  return url.href;
}

/** No line breaks or control characters in a subject or a line of text. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
