import { Logger, type LoggerService } from '@nestjs/common';
import { connect, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { AppConfig, loadConfig } from '#config';
import { startSmtpSink, type SmtpSink } from '../../../../test/support/smtp-sink.js';
import { MailSendError, Mailer, normaliseMessageId, type MailMessage } from './mailer.js';
import { reminderMessage } from './messages.js';

const FROM = 'Patient Rights Desk <desk@clinic.example>';
const TO = 'officer.synthetic@clinic.example';

/** The defaults, with this SMTP URL (or none): built by hand, as SMTP_URL is optional. */
function configWith(smtpUrl: string | null): AppConfig {
  return Object.assign(Object.create(AppConfig.prototype) as AppConfig, loadConfig({ NODE_ENV: 'test' }), {
    mail: { smtpUrl, from: FROM },
    publicBaseUrl: 'https://desk.example',
  });
}

function message(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: TO,
    ...reminderMessage({
      reference: 'PR-2026-000123',
      requestType: 'access',
      step: 'due_in_3',
      dueOn: '2026-03-20',
      link: 'https://desk.example/api/v1/requests/req-1',
    }),
    ...overrides,
  };
}

/** Everything the Mailer logs, as text. */
const logged: string[] = [];
const capture: LoggerService = {
  log: (...args: unknown[]) => logged.push(JSON.stringify(args)),
  warn: (...args: unknown[]) => logged.push(JSON.stringify(args)),
  error: (...args: unknown[]) => logged.push(JSON.stringify(args)),
  debug: (...args: unknown[]) => logged.push(JSON.stringify(args)),
  verbose: (...args: unknown[]) => logged.push(JSON.stringify(args)),
  fatal: (...args: unknown[]) => logged.push(JSON.stringify(args)),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Mailer', () => {
  let sink: SmtpSink;
  const mailers: Mailer[] = [];
  const mailerFor = (smtpUrl: string | null) => {
    const mailer = new Mailer(configWith(smtpUrl));
    mailers.push(mailer);
    return mailer;
  };

  beforeAll(() => Logger.overrideLogger(capture));
  beforeEach(async () => {
    logged.length = 0;
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    for (const mailer of mailers.splice(0)) mailer.onModuleDestroy();
    await sink.close();
  });

  it('delivers subject, text and HTML with the given Message-ID', async () => {
    const mailer = mailerFor(sink.url);
    expect(mailer.enabled).toBe(true);
    const sent = message({ messageId: 'reminder.req-1.due_in_3' });
    const result = await mailer.send(sent);
    expect(result).toEqual({ sent: true, messageId: '<reminder.req-1.due_in_3@desk.example>' });

    const [received] = await sink.waitFor(1);
    expect(received.messageId).toBe('<reminder.req-1.due_in_3@desk.example>');
    expect(received.subject).toBe('Due in 3 days: request PR-2026-000123');
    expect(received.text?.trim()).toBe(sent.text.trim());
    expect(received.html).toContain('Friday, March 20, 2026');
    expect(received.html).toContain('href="https://desk.example/api/v1/requests/req-1"');
    expect(received.from?.text).toBe('"Patient Rights Desk" <desk@clinic.example>');
    expect(received.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('sends the same Message-ID again on a resend, so the receiver can recognise it', async () => {
    const mailer = mailerFor(sink.url);
    await mailer.send(message({ messageId: '<digest.user-7.2026-03-16@desk.example>' }));
    await mailer.send(message({ messageId: 'digest.user-7.2026-03-16@desk.example' }));
    const received = await sink.waitFor(2);
    expect(received.map((mail) => mail.messageId)).toEqual([
      '<digest.user-7.2026-03-16@desk.example>',
      '<digest.user-7.2026-03-16@desk.example>',
    ]);
  });

  it('passes extra headers and makes up a Message-ID when none is given', async () => {
    const result = await mailerFor(sink.url).send(message({ headers: { 'X-PRD-Kind': 'reminder' } }));
    const [received] = await sink.waitFor(1);
    expect(result).toEqual({ sent: true, messageId: received.messageId });
    expect(received.headers.get('x-prd-kind')).toBe('reminder');
  });

  it('refuses a Message-ID that could forge a header', async () => {
    await expect(mailerFor(sink.url).send(message({ messageId: 'x>\r\nBcc: someone@example.com' }))).rejects.toThrow(
      'not a valid Message-ID',
    );
    expect(() => normaliseMessageId('two words', 'desk.example')).toThrow();
    expect(normaliseMessageId('a.b', 'desk.example')).toBe('<a.b@desk.example>');
  });

  it('logs the Message-ID and the outcome, never an address, a subject or a body', async () => {
    const sent = message({ messageId: 'reminder.req-1.due_in_3' });
    await mailerFor(sink.url).send(sent);
    const text = logged.join('\n');
    expect(text).toContain('<reminder.req-1.due_in_3@desk.example>');
    expect(text).toContain('sent');
    for (const secret of [TO, 'clinic.example', sent.subject, 'PR-2026-000123', 'March 20']) expect(text).not.toContain(secret);
  });

  it('is off without SMTP_URL: send says so and touches nothing', async () => {
    const mailer = mailerFor(null);
    expect(mailer.enabled).toBe(false);
    await expect(mailer.send(message())).resolves.toEqual({ sent: false, why: 'email is off' });
    await sleep(100);
    expect(sink.messages).toHaveLength(0);
  });

  it('rejects with a MailSendError naming no address when the server cannot be reached', async () => {
    const url = sink.url;
    await sink.close();
    const sending = mailerFor(url).send(message());
    await expect(sending).rejects.toThrow(MailSendError);
    await expect(sending).rejects.toThrow(/^mail not sent \((ECONNECTION|ESOCKET)\)$/);
    expect(logged.join('\n')).not.toContain(TO);
    sink = await startSmtpSink();
  });

  it('resolves sent: false when the server refuses the recipient for good (5xx)', async () => {
    const refusing = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = refusing.server.address() as { port: number };
      const result = await mailerFor(`smtp://127.0.0.1:${port}`).send(message());
      expect(result).toEqual({ sent: false, why: 'rejected by the mail server (550)' });
      expect(logged.join('\n')).not.toContain(TO);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('the SMTP sink', () => {
  const sinks: SmtpSink[] = [];
  const sinkWith = async (options?: { delayDataMs?: number }) => {
    const sink = await startSmtpSink(options);
    sinks.push(sink);
    return sink;
  };

  beforeAll(() => Logger.overrideLogger(capture));
  afterEach(async () => {
    for (const sink of sinks.splice(0)) await sink.close();
  });

  it('records nothing when the client gives up while the sink holds back its answer to DATA', async () => {
    const sink = await sinkWith({ delayDataMs: 800 });
    // The client waits 200 ms for the answer to its message, then drops the connection: a worker killed mid-send.
    const mailer = new Mailer(configWith(`${sink.url}?socketTimeout=200`));
    await expect(mailer.send(message())).rejects.toThrow(MailSendError);
    mailer.onModuleDestroy();
    await sleep(1200);
    expect(sink.messages).toHaveLength(0);
  });

  it('records a message whose client waits for the delayed answer', async () => {
    const sink = await sinkWith({ delayDataMs: 300 });
    const mailer = new Mailer(configWith(sink.url));
    const started = Date.now();
    await expect(mailer.send(message())).resolves.toMatchObject({ sent: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(sink.messages).toHaveLength(1);
    mailer.onModuleDestroy();
  });

  it('records nothing when the connection drops in the middle of DATA, and still takes the next message', async () => {
    const sink = await sinkWith();
    const socket = await rawSmtp(sink.url);
    await socket.command('EHLO client.example', '250');
    await socket.command('MAIL FROM:<desk@clinic.example>', '250');
    await socket.command(`RCPT TO:<${TO}>`, '250');
    await socket.command('DATA', '354');
    socket.write('Subject: Due today: request PR-2026-000123\r\nMessage-ID: <partial@desk.example>\r\n\r\nThe first half of a bo');
    await sleep(100);
    socket.destroy();
    await sleep(300);
    expect(sink.messages).toHaveLength(0);

    const mailer = new Mailer(configWith(sink.url));
    await mailer.send(message({ messageId: 'whole' }));
    mailer.onModuleDestroy();
    const received = await sink.waitFor(1);
    expect(received.map((mail) => mail.messageId)).toEqual(['<whole@desk.example>']);
  });

  it('times out waitFor with a clear message', async () => {
    const sink = await sinkWith();
    await expect(sink.waitFor(1, 100)).rejects.toThrow('the SMTP sink has 0 message(s) after 100 ms, expected 1');
  });
});

/** A bare SMTP client: write a command, wait for a reply with the expected code. */
async function rawSmtp(url: string): Promise<Socket & { command(line: string, expectCode: string): Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let buffer = '';
  let waiting: ((line: string) => void) | null = null;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply is complete at a line "NNN text" (not "NNN-text", a continuation).
    const match = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
    if (match && waiting) {
      const done = waiting;
      waiting = null;
      const reply = buffer;
      buffer = '';
      done(reply);
    }
  });
  const reply = () => new Promise<string>((resolve) => (waiting = resolve));
  const greeting = await reply();
  if (!greeting.startsWith('220')) throw new Error(`unexpected greeting ${greeting}`);
  return Object.assign(socket, {
    async command(line: string, expectCode: string) {
      const answer = reply();
      socket.write(`${line}\r\n`);
      const text = await answer;
      const code = /(\d{3}) [^\r\n]*\r\n$/.exec(text)?.[1];
      if (code !== expectCode) throw new Error(`"${line}" got ${text.trim()}`);
      return text;
    },
  });
}
