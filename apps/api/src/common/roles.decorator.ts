import { SetMetadata } from '@nestjs/common';
import type { Role } from '#auth';

export const ROLES_KEY = 'prd:roles';

/** The roles that may call a route. Every route has this or @Public(); the guard refuses anything else. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
