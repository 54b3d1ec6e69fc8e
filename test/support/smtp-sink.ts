import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  /** Every message received in full, in order of arrival. */
  messages: ParsedMail[];
  /** Resolves with `messages` once there are at least `count` (default time-out 5 s). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free local port that keeps what it is sent: no TLS, no
 * authentication needed. A message counts only once its DATA ended and the sink
 * answered 250 on a connection still open: one whose client went away earlier (mid
 * DATA, or while `delayDataMs` holds the answer back) is not recorded, as a real
 * server would not have taken responsibility for it.
 */
export async function startSmtpSink(options: { delayDataMs?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const delayDataMs = options.delayDataMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();

  const isOpen = (session: SMTPServerSession): boolean => [...server.connections].some((connection) => connection.id === session.id);

  const server: SMTPServer = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    closeTimeout: 1000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A connection closed mid-DATA destroys the stream without ending it: nothing to keep.
      stream.on('error', () => undefined);
      stream.on('end', () => {
        const accept = async () => {
          if (!isOpen(session)) return callback(new Error('connection closed before the message was accepted'));
          let parsed: ParsedMail;
          try {
            parsed = await simpleParser(Buffer.concat(chunks));
          } catch (error) {
            return callback(error as Error);
          }
          if (!isOpen(session)) return callback(new Error('connection closed before the message was accepted'));
          messages.push(parsed);
          callback();
          for (const wake of [...waiters]) wake();
        };
        if (delayDataMs <= 0) return void accept();
        const timer = setTimeout(() => {
          timers.delete(timer);
          void accept();
        }, delayDataMs);
        timers.add(timer);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that drops its connection is a case under test, not a failure of the sink.
  server.on('error', () => undefined);
  const { port } = server.server.address() as { port: number };

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`the SMTP sink has ${messages.length} message(s) after ${timeoutMs} ms, expected ${count}`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const connection of server.connections) connection.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
