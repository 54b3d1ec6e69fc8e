import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuditContext } from '#audit';
import type { User } from '#persistence';

/** Builds the audit context of an HTTP request: the actor, the client address, the request id. */
export function auditContextOf(request: FastifyRequest & { user?: User }): AuditContext {
  return {
    actor: request.user ? `user:${request.user.id}` : 'anonymous',
    clientAddress: request.ip ?? null,
    requestId: String(request.id),
  };
}

/** `@Ctx() context: AuditContext`: who is acting, for the service's first argument. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) => auditContextOf(context.switchToHttp().getRequest()));

/** `@CurrentUser() user: User`: the signed-in staff user. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<{ user: User }>().user,
);
