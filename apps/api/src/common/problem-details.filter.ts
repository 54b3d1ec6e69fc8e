import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError, assertUnreachable, type DomainErrorCode } from '#domain';
import { PROBLEM_CONTENT_TYPE, titleFor, typeFor, type Problem } from './problem.js';

/** What a thrown value becomes on the wire; also used by Fastify's own error handler. */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof DomainError) {
    const status = statusOf(exception.code);
    return {
      type: typeFor(status, exception.code),
      title: titleFor(status),
      status,
      detail: exception.message,
      code: exception.code,
      ...(exception.reason
        ? { reason: exception.reason.code, ...(exception.reason.citation ? { citation: exception.reason.citation } : {}) }
        : {}),
      ...(exception.errors.length ? { errors: exception.errors } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const message = typeof body === 'string' ? body : fields.message;
    return {
      type: typeFor(status, fields.code as string | undefined),
      title: (fields.title as string) ?? titleFor(status),
      status,
      detail: (fields.detail as string) ?? (Array.isArray(message) ? message.join('; ') : (message as string | undefined)),
      ...(fields.errors ? { errors: fields.errors as Problem['errors'] } : {}),
      ...(fields.code ? { code: fields.code as string } : {}),
    };
  }
  // PostgreSQL or Redis out of reach (restarting, failing over): a retry shortly will do, so not a 500.
  if (isUnavailable(exception)) {
    return {
      type: typeFor(503, 'SERVICE_UNAVAILABLE'),
      title: titleFor(503),
      status: 503,
      detail: 'The service lost its connection to its data store for a moment. Try again in a few seconds.',
      code: 'SERVICE_UNAVAILABLE',
    };
  }
  // Fastify's own errors (body too large, bad JSON, wrong content type) carry a 4xx statusCode.
  const fastify = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    return { type: typeFor(status), title: titleFor(status), status, detail: fastifyDetail(fastify.code, fastify.message) };
  }
  const errorId = randomUUID();
  return {
    type: typeFor(500),
    title: titleFor(500),
    status: 500,
    detail: `Something went wrong on our side. Quote error id ${errorId} when you report it.`,
    errorId,
  };
}

/** Seconds a client is asked to wait (`Retry-After`) when the database or Redis is out of reach. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/** SQLSTATEs of a server that is going away or not there yet: class 08, shutdowns, start-up, too many clients. */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3]|53300)$/;
/** Socket errors of a connection that was refused or dropped. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * TypeORM releases a transaction's query runner when its connection dies; the statements after
 * that fail with these. (A bug that used a runner after its transaction ended would too: the
 * 503 is logged with its stack, so it is still found.)
 */
const RELEASED_RUNNER_ERRORS = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
/** node-postgres and ioredis say so in words only. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|Reached the max retries per request/;

/**
 * Whether an error means PostgreSQL or Redis cannot be reached right now (a restart, a failover, a
 * full connection table), as opposed to a fault of the request or a bug: the driver's error, the
 * TypeORM error wrapping it, or its cause.
 */
export function isUnavailable(exception: unknown, depth = 0): boolean {
  if (typeof exception !== 'object' || exception === null || depth > 3) return false;
  const error = exception as { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof error.name === 'string' && RELEASED_RUNNER_ERRORS.has(error.name)) return true;
  if (typeof error.code === 'string' && (UNAVAILABLE_SQLSTATES.test(error.code) || UNAVAILABLE_ERRNOS.has(error.code))) return true;
  if (typeof error.message === 'string' && UNAVAILABLE_MESSAGES.test(error.message)) return true;
  return isUnavailable(error.driverError, depth + 1) || isUnavailable(error.cause, depth + 1);
}

/** Every domain error code has exactly one HTTP status; a new code fails the type check here. */
export function statusOf(code: DomainErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'INVALID_INPUT':
    case 'WEAK_PASSWORD':
    case 'LICENCE_REQUIRED':
      return 422;
    case 'EMAIL_TAKEN':
    case 'CONFLICT':
    case 'ACTION_NOT_ALLOWED':
    case 'STALE_VERSION':
      return 409;
    case 'INVALID_CREDENTIALS':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'TOO_MANY_ATTEMPTS':
      return 429;
    case 'GONE':
      return 410;
    default:
      return assertUnreachable(code);
  }
}

function fastifyDetail(code: string | undefined, message: string | undefined): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this service accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty but the content type says JSON.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The body is not valid JSON.';
    default:
      // Fastify's messages describe the request's form, never its content.
      return message?.startsWith('Unexpected') || message?.includes('JSON') ? 'The body is not valid JSON.' : (message ?? '');
  }
}

/**
 * What an unexpected error may put in a log line: its kind and where it was
 * thrown. Database errors keep their code and constraint but not their
 * message or parameters, which can quote the patient data that was sent.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const fields = error as Error & { code?: string; constraint?: string; table?: string; driverError?: unknown };
  const isDatabase = 'driverError' in fields || 'query' in fields;
  const frames = (error.stack ?? '').split('\n').slice(1).join('\n');
  // "kind", not "name": the log redactor masks any field called name.
  return {
    kind: error.name,
    code: fields.code,
    constraint: fields.constraint,
    table: fields.table,
    message: isDatabase ? undefined : error.message,
    stack: frames,
  };
}

/** Every error leaves the API as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const problem = toProblem(exception);
    if (problem.errorId) this.logger.error({ errorId: problem.errorId, err: loggableError(exception) }, 'unexpected error');
    if (exception instanceof DomainError && exception.retryAfterSeconds)
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    if (problem.status === 503) {
      this.logger.warn({ err: loggableError(exception) }, 'data store unavailable: answered 503');
      void reply.header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    sendProblem(reply, problem, request?.url);
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, url?: string): void {
  const body: Problem = { ...problem, ...(url ? { instance: url.split('?')[0] } : {}) };
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}
