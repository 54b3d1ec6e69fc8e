import { ForbiddenException, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role } from '#auth';
import type { User } from '#persistence';
import { IS_PUBLIC } from './public.decorator.js';
import { ROLES_KEY } from './roles.decorator.js';

/** An admin may do everything a privacy officer may (see docs: roles). */
export function effectiveRoles(roles: readonly string[]): Set<string> {
  const effective = new Set(roles);
  if (effective.has('admin')) effective.add('privacy_officer');
  return effective;
}

/**
 * The one global guard: public routes pass; every other route needs a valid
 * bearer token (401) of a user holding one of the route's roles (403). A
 * route that declares neither is refused: access is closed unless opened.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const user = context.switchToHttp().getRequest<{ user: User }>().user;
    const roles = effectiveRoles(user.roles);
    if (!allowed || !allowed.some((role) => roles.has(role))) {
      throw new ForbiddenException({ detail: 'Your role does not allow this.' });
    }
    return true;
  }
}
