import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import { createHash } from 'node:crypto';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '#config';
import { requestIdFor } from '#logging';
import { ApiModule, type ApiModuleOptions } from '../api.module.js';
import { ProblemDetailsFilter } from '../common/problem-details.filter.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import { IMPORT_CONTENT_TYPES } from '../disclosures/import-content-types.js';
import { PORTAL_ASSETS } from '../portal/portal-renderer.js';
import { registerQueueDashboard } from '../queue-dashboard/register-queue-dashboard.js';
import { setupOpenApi } from './openapi.js';

/** Paths served outside the /api prefix. */
export const UNPREFIXED = [
  'health',
  'health/ready',
  'metrics',
  'portal',
  'portal/requests/new',
  'portal/requests',
  'portal/status',
  'portal/status/actions',
  'portal/documents/:id',
];

/**
 * Builds the configured HTTP application without listening: main.ts listens,
 * tests listen on a free port. Everything a request meets is set up here.
 */
export async function createApiApp(options: ApiModuleOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: true,
    genReqId: requestIdFor,
    // Request ids and logging come from pino-http; Fastify's own logger stays off.
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot({ ...options, config }), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  await app.register(helmet, {
    // Swagger UI needs inline styles and scripts of its own; everything else stays strict.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
  });
  // The portal's forms: a signed double-submit CSRF cookie, and its one stylesheet.
  await app.register(fastifyCookie, { secret: createHash('sha256').update(`cookie:${config.jwt.secret}`).digest('hex') });
  await app.register(fastifyCsrf, {
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/portal', secure: config.env === 'production' },
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  app.useStaticAssets({ root: PORTAL_ASSETS, prefix: '/portal/assets/', decorateReply: false, maxAge: '1h' });
  app.enableCors(config.http.corsOrigins.length > 0 ? { origin: config.http.corsOrigins } : { origin: false });

  app.setGlobalPrefix('api', { exclude: UNPREFIXED });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  // Echo the request id so a caller can quote it, and a support log line can be found.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });

  // Imports are read as they arrive, line by line: the parser hands over the stream untouched
  // (the JSON body limit does not apply; the import bounds its own lines).
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(IMPORT_CONTENT_TYPES, (_request, payload, done) => done(null, payload));

  // bull-board at /admin/queues, on Fastify directly (admins only, its own stricter CSP): after the hooks above.
  await registerQueueDashboard(app);

  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}

export { AppConfig };
