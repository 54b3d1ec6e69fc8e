import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { Options } from 'pino-http';
import { loggableUrl, redactPhi } from './redact-phi.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A caller's X-Request-Id when it looks like one, else a fresh UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Options shared by the HTTP logger and the worker's plain logger. */
export function baseLoggerOptions(level: string, service: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    // Secrets in headers are removed outright; patient fields anywhere are masked by name.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-status-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      remove: true,
    },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactPhi(object) as Record<string, unknown>,
    },
  };
}

/** pino-http options: request ids, no bodies, URLs without query values. */
export function httpLoggerOptions(level: string, service: string): Options<IncomingMessage, ServerResponse> {
  return {
    ...baseLoggerOptions(level, service),
    // Fastify assigns the id (see create-api-app.ts); this covers other adapters.
    genReqId: (req) => requestIdFor(req),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
        id: req.id,
        method: req.method,
        url: loggableUrl(req.url),
        remoteAddress: req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse & { raw?: ServerResponse }) => ({ statusCode: res.raw?.statusCode ?? res.statusCode }),
    },
  };
}
