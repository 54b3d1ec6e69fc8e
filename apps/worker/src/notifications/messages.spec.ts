import {
  digestMessage,
  escapeHtml,
  longDate,
  patientUpdateMessage,
  reminderMessage,
  requestTypeWords,
  type BuiltMessage,
  type ReminderStep,
} from './messages.js';

const REFERENCE = 'PR-2026-000123';
const LINK = 'https://desk.example/requests/0b7c2a7e-5d1a-4c55-9f3e-2f1d8c6b9a10';
const PORTAL = 'https://desk.example/portal/status';
const STEPS: ReminderStep[] = [
  'due_in_7',
  'due_in_3',
  'due_in_1',
  'due_in_14',
  'due_today',
  'extension_decision',
  'overdue',
  'overdue_officers',
  'overdue_admins_5',
];
/** A subject is words and punctuation, then the reference, and nothing else. */
const SUBJECT = /^[\p{L}\d ,:.'’-]+ PR-\d{4}-\d{6}$/u;

function everyMessage(reference = REFERENCE): [string, BuiltMessage][] {
  return [
    ...STEPS.map((step): [string, BuiltMessage] => [
      step,
      reminderMessage({ reference, requestType: 'access', step, dueOn: '2026-03-20', link: LINK }),
    ]),
    ...(['received', 'extended', 'decided', 'fulfilled'] as const).flatMap((event) =>
      (['en', 'es'] as const).map((language): [string, BuiltMessage] => [
        `patient ${event} ${language}`,
        patientUpdateMessage({ reference, event, portalLink: PORTAL, language }),
      ]),
    ),
  ];
}

describe('notification subjects', () => {
  it.each(everyMessage())('%s: only words and the reference', (_kind, message) => {
    expect(message.subject).toMatch(SUBJECT);
    expect(message.subject).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}/);
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it('cannot carry patient data: stray fields passed by mistake appear nowhere', () => {
    const phi = { givenName: 'Avery', familyName: 'Testwell', dateOfBirth: '1990-01-01', details: 'knee surgery records' };
    const messages = [
      reminderMessage({ reference: REFERENCE, requestType: 'access', step: 'due_in_3', dueOn: '2026-03-20', link: LINK, ...phi }),
      patientUpdateMessage({ reference: REFERENCE, event: 'decided', portalLink: PORTAL, language: 'en', ...phi }),
      digestMessage({
        dueThisWeek: [{ reference: REFERENCE, dueOn: '2026-03-20', type: 'access', ...phi }],
        overdue: [],
        waitingOnPatient: [],
        link: LINK,
      }),
    ];
    for (const message of messages) {
      for (const value of Object.values(phi)) expect(JSON.stringify(message)).not.toContain(value);
    }
  });

  it('say what is due in plain words', () => {
    const subjects = Object.fromEntries(everyMessage().map(([kind, message]) => [kind, message.subject]));
    expect(subjects).toMatchObject({
      due_in_7: 'Due in 7 days: request PR-2026-000123',
      due_in_3: 'Due in 3 days: request PR-2026-000123',
      due_in_1: 'Due in 1 day: request PR-2026-000123',
      due_in_14: 'Due in 14 days: request PR-2026-000123',
      due_today: 'Due today: request PR-2026-000123',
      extension_decision: 'Decide on an extension: request PR-2026-000123',
      overdue: 'Overdue: request PR-2026-000123',
      overdue_officers: 'Overdue, escalated to privacy officers: request PR-2026-000123',
      overdue_admins_5: 'Overdue 5 days, escalated to administrators: request PR-2026-000123',
      'patient decided en': 'Update on your request PR-2026-000123',
      'patient decided es': 'Actualización de su solicitud PR-2026-000123',
    });
  });

  it('keep a digest to counts', () => {
    const item = (n: number) => ({ reference: `PR-2026-00010${n}`, dueOn: `2026-03-1${n}`, type: 'access' });
    const digest = digestMessage({
      recipientName: 'Sam Staff',
      dueThisWeek: [1, 2, 3, 4, 5].map(item),
      overdue: [item(6), item(7)],
      waitingOnPatient: [item(8)],
      link: LINK,
    });
    expect(digest.subject).toBe('Daily digest: 2 overdue, 5 due this week');
    expect(digest.subject).not.toContain('Sam');
    expect(digestMessage({ dueThisWeek: [], overdue: [], waitingOnPatient: [], link: LINK }).subject).toBe(
      'Daily digest: nothing overdue or due this week',
    );
  });
});

describe('reminderMessage', () => {
  it('says what is due, when, where and what to do', () => {
    const message = reminderMessage({ reference: REFERENCE, requestType: 'access', step: 'due_in_3', dueOn: '2026-03-20', link: LINK });
    expect(message.text).toContain('request PR-2026-000123 (access to records) is due in 3 days, on Friday, March 20, 2026.');
    expect(message.text).toContain(`Open the request: ${LINK}`);
    expect(message.text).toContain('Finish the response before the due date');
    expect(message.html).toContain(`href="${LINK}"`);
    expect(message.html).toContain('Friday, March 20, 2026');
    expect(message.html).toMatch(/^<!doctype html>\n<html lang="en">/);
  });

  it('asks for the extension decision before the original due date', () => {
    const message = reminderMessage({
      reference: REFERENCE,
      requestType: 'amendment',
      step: 'extension_decision',
      dueOn: '2026-04-02',
      link: LINK,
    });
    expect(message.text).toContain('(amendment of records) is due on Thursday, April 2, 2026');
    expect(message.text).toContain('before that date');
  });

  it('names overdue requests and escalations', () => {
    const admins = reminderMessage({
      reference: REFERENCE,
      requestType: 'access',
      step: 'overdue_admins_10',
      dueOn: '2026-03-20',
      link: LINK,
    });
    expect(admins.text).toContain('was due on Friday, March 20, 2026 and is now 10 days overdue');
    expect(admins.text).toContain('escalated to administrators');
  });

  it('prints an unknown request type as its code', () => {
    expect(requestTypeWords('accounting')).toBe('accounting of disclosures');
    expect(requestTypeWords('future_right')).toBe('future_right');
    expect(requestTypeWords('toString')).toBe('toString');
  });

  it('refuses a link that is not http(s) and a date that is not a calendar date', () => {
    const base = { reference: REFERENCE, requestType: 'access', step: 'overdue' as const, dueOn: '2026-03-20', link: LINK };
    expect(() => reminderMessage({ ...base, link: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => reminderMessage({ ...base, link: '/requests/1' })).toThrow(/http/);
    expect(() => reminderMessage({ ...base, dueOn: '20 March' })).toThrow(/calendar date/);
  });

  it('formats long dates in English', () => {
    expect(longDate('2026-12-31')).toBe('Thursday, December 31, 2026');
  });
});

describe('digestMessage', () => {
  it('lists references and dates, soonest first, in every section', () => {
    const digest = digestMessage({
      recipientName: 'Sam Staff',
      dueThisWeek: [
        { reference: 'PR-2026-000200', dueOn: '2026-03-21', type: 'access' },
        { reference: 'PR-2026-000199', dueOn: '2026-03-19', type: 'amendment' },
      ],
      overdue: [{ reference: 'PR-2026-000100', dueOn: '2026-03-02', type: 'access' }],
      waitingOnPatient: [],
      link: LINK,
    });
    expect(digest.text).toContain('Hello Sam Staff,');
    expect(digest.text).toContain('Overdue (1)\n- PR-2026-000100: was due Mon, Mar 2, 2026');
    expect(digest.text).toContain('Due this week (2)\n- PR-2026-000199: due Thu, Mar 19, 2026\n- PR-2026-000200: due Sat, Mar 21, 2026');
    expect(digest.text).toContain('Waiting on the patient (0)\nNone.');
    expect(digest.html).toContain('<li>PR-2026-000100: was due Mon, Mar 2, 2026</li>');
    expect(digest.html).toContain(`href="${LINK}"`);
  });
});

describe('patientUpdateMessage', () => {
  it('gives only news and the portal link, in English', () => {
    const message = patientUpdateMessage({ reference: REFERENCE, event: 'decided', portalLink: PORTAL, language: 'en' });
    expect(message.text).toContain('There is news about your request PR-2026-000123.');
    expect(message.text).toContain(`Open the patient portal: ${PORTAL}`);
    expect(message.text).not.toMatch(/denied|granted|approved|decision|extension|fee/i);
    const links = [...message.html.matchAll(/https?:\/\/[^"<\s]+/g)].map((match) => match[0]);
    expect(new Set(links)).toEqual(new Set([PORTAL]));
  });

  it('is in Spanish for a Spanish-speaking patient', () => {
    const message = patientUpdateMessage({ reference: REFERENCE, event: 'extended', portalLink: PORTAL, language: 'es' });
    expect(message.subject).toBe('Actualización de su solicitud PR-2026-000123');
    expect(message.text).toContain('Hay novedades sobre su solicitud PR-2026-000123.');
    expect(message.text).toContain(`Abrir el portal para pacientes: ${PORTAL}`);
    expect(message.text).toContain('Por su privacidad, este correo no incluye ningún detalle.');
    expect(message.html).toContain('<html lang="es">');
    expect(message.text).not.toMatch(/\b(the|your|request)\b/i);
  });

  it('says the request was received, and nothing more', () => {
    const message = patientUpdateMessage({ reference: REFERENCE, event: 'received', portalLink: PORTAL, language: 'es' });
    expect(message.text).toContain('Hemos recibido su solicitud PR-2026-000123.');
  });

  it('reads the same whatever was decided or done', () => {
    const text = (event: 'extended' | 'decided' | 'fulfilled') =>
      patientUpdateMessage({ reference: REFERENCE, event, portalLink: PORTAL, language: 'en' }).text;
    expect(text('extended')).toBe(text('decided'));
    expect(text('decided')).toBe(text('fulfilled'));
  });
});

describe('HTML escaping', () => {
  const hostile = `PR-2026-000123"><script>alert('x')</script>&amp;`;

  it.each(everyMessage(hostile))('%s: a hostile reference is text, never markup', (_kind, message) => {
    expect(message.html).not.toContain('<script>');
    expect(message.html).not.toMatch(/"><script/);
    expect(message.html).toContain('PR-2026-000123&#34;&#62;&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62;&#38;amp;');
  });

  it('escapes a hostile digest entry and a link with quotes', () => {
    const digest = digestMessage({
      recipientName: '<b>Sam</b>',
      dueThisWeek: [{ reference: '<img src=x onerror=alert(1)>', dueOn: '2026-03-20', type: 'access' }],
      overdue: [],
      waitingOnPatient: [],
      link: 'https://desk.example/requests?q="><script>',
    });
    expect(digest.html).not.toMatch(/<img|<script|<b>/);
    expect(digest.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(digest.html).toContain('href="https://desk.example/requests?q=%22%3E%3Cscript%3E"');
  });

  it('removes line breaks from a subject', () => {
    const message = patientUpdateMessage({
      reference: 'PR-2026-000123\r\nBcc: x@example.com',
      event: 'received',
      portalLink: PORTAL,
      language: 'en',
    });
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});
