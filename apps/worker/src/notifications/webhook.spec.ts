import { Logger } from '@nestjs/common';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig, loadConfig } from '#config';
import { WebhookClient, WebhookDeliveryError, signWebhook, verifyWebhookSignature, type WebhookEvent } from './webhook.js';

const SECRET = 'whsec-test-0123456789abcdef0123456789abcdef';
const NOW = 1_773_000_000;

/** The defaults, with this webhook (or none): built by hand, as the webhook variables are optional. */
function configWith(webhook: AppConfig['webhook']): AppConfig {
  return Object.assign(Object.create(AppConfig.prototype) as AppConfig, loadConfig({ NODE_ENV: 'test' }), { webhook });
}

describe('signWebhook and verifyWebhookSignature', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'request.overdue', data: { reference: 'PR-2026-000123' } });

  it('signs "<t>.<body>" with HMAC-SHA256, Stripe style, and verifies its own signature', () => {
    const header = signWebhook(body, SECRET, NOW);
    expect(header).toMatch(/^t=1773000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(body, header, SECRET, NOW)).toBe(true);
    expect(verifyWebhookSignature(body, header, SECRET, NOW + 299)).toBe(true);
  });

  it('is deterministic for the same body, secret and time', () => {
    expect(signWebhook(body, SECRET, NOW)).toBe(signWebhook(body, SECRET, NOW));
    expect(signWebhook(body, SECRET, NOW)).not.toBe(signWebhook(body, SECRET, NOW + 1));
  });

  it('fails for a tampered body, another secret, or a changed timestamp', () => {
    const header = signWebhook(body, SECRET, NOW);
    expect(verifyWebhookSignature(body.replace('000123', '000124'), header, SECRET, NOW)).toBe(false);
    expect(verifyWebhookSignature(body, header, `${SECRET}x`, NOW)).toBe(false);
    expect(verifyWebhookSignature(body, header.replace(`t=${NOW}`, `t=${NOW + 1}`), SECRET, NOW)).toBe(false);
  });

  it('fails for an old (replayed) or far-future timestamp', () => {
    const header = signWebhook(body, SECRET, NOW);
    expect(verifyWebhookSignature(body, header, SECRET, NOW + 301)).toBe(false);
    expect(verifyWebhookSignature(body, header, SECRET, NOW - 301)).toBe(false);
    expect(verifyWebhookSignature(body, header, SECRET, NOW + 3600, 7200)).toBe(true);
  });

  it('fails for malformed headers', () => {
    const header = signWebhook(body, SECRET, NOW);
    for (const bad of ['', 'garbage', `t=${NOW}`, header.split(',')[1], `t=${NOW},v1=abc`, `t=x,${header.split(',')[1]}`]) {
      expect(verifyWebhookSignature(body, bad, SECRET, NOW)).toBe(false);
    }
  });

  it('accepts any of several v1 signatures (a secret being rotated)', () => {
    const header = signWebhook(body, SECRET, NOW);
    const old = signWebhook(body, 'an-older-secret-that-is-long-enough-000', NOW).split(',')[1];
    expect(verifyWebhookSignature(body, `${header},${old}`, SECRET, NOW)).toBe(true);
  });
});

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('WebhookClient', () => {
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let answer: { status: number; delayMs?: number } = { status: 204 };

  const event: WebhookEvent = {
    id: '5f0c8a52-0d8f-4d7e-9a43-1f1b6a3c2e11',
    type: 'request.overdue',
    occurredAt: '2026-03-21T12:00:00.000Z',
    data: { requestId: 'req-1', reference: 'PR-2026-000123', dueOn: '2026-03-20', daysOverdue: 1, assignee: null },
  };
  const client = (webhook: boolean) => new WebhookClient(configWith(webhook ? { url: `${url}/hooks/prd?key=k`, secret: SECRET } : null));

  beforeAll(async () => {
    Logger.overrideLogger(false);
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const reply = () => {
          res.statusCode = answer.status;
          if (answer.status >= 300 && answer.status < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
          res.end(answer.status === 204 ? undefined : 'a reply body');
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs);
        else reply();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    received.length = 0;
    answer = { status: 204 };
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('POSTs the event as JSON with a valid signature and the event id', async () => {
    const before = Math.floor(Date.now() / 1000);
    await client(true).deliver(event);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/prd?key=k');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-prd-event-id']).toBe(event.id);
    expect(JSON.parse(request.body)).toEqual(event);
    const signature = request.headers['x-prd-signature'] as string;
    const t = Number(/^t=(\d+),/.exec(signature)?.[1]);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(verifyWebhookSignature(request.body, signature, SECRET, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature(request.body, signature, 'another-secret-of-enough-length-0000000', t)).toBe(false);
  });

  it('accepts any 2xx', async () => {
    answer = { status: 200 };
    await expect(client(true).deliver(event)).resolves.toBeUndefined();
  });

  it.each([500, 503, 404, 410, 400])('rejects when the receiver answers %i', async (status) => {
    answer = { status };
    const delivery = client(true).deliver(event);
    await expect(delivery).rejects.toThrow(WebhookDeliveryError);
    await expect(delivery).rejects.toMatchObject({ status, message: `webhook answered ${status}` });
  });

  it('does not follow a redirect with the signed body', async () => {
    answer = { status: 307 };
    await expect(client(true).deliver(event)).rejects.toMatchObject({ status: 307 });
    expect(received).toHaveLength(1);
  });

  it('rejects when the receiver cannot be reached, without naming the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = new WebhookClient(configWith({ url: `http://127.0.0.1:${port}/hook?key=secret-key`, secret: SECRET }));
    const delivery = unreachable.deliver(event);
    await expect(delivery).rejects.toThrow('webhook unreachable');
    await expect(delivery).rejects.not.toThrow(/secret-key/);
  });

  it('does nothing when no webhook is configured', async () => {
    const disabled = client(false);
    expect(disabled.enabled).toBe(false);
    await expect(disabled.deliver(event)).resolves.toBeUndefined();
    expect(received).toHaveLength(0);
  });
});
