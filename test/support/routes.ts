import { RequestMethod, VERSION_NEUTRAL } from '@nestjs/common';
// Not re-exported by the package root at run time.
import { METHOD_METADATA, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { UNPREFIXED } from '../../apps/api/src/bootstrap/create-api-app.js';
import { IS_PUBLIC } from '../../apps/api/src/common/public.decorator.js';
import { ROLES_KEY } from '../../apps/api/src/common/roles.decorator.js';

export interface RouteRule {
  method: string;
  path: string;
  /** `public`, the roles, or `NONE` when the route declares nothing (a defect). */
  rule: 'public' | string[] | 'NONE';
}

/** Every controller route of the running app, with the role rule it declares. */
export function listRoutes(app: NestFastifyApplication): RouteRule[] {
  const routes: RouteRule[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const version = Reflect.getMetadata(VERSION_METADATA, controller);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler);
        if (method === undefined) continue;
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        const relative = [base, sub]
          .filter((part) => part && part !== '/')
          .join('/')
          .replace(/\/+/g, '/')
          .replace(/^\//, '');
        const prefix = UNPREFIXED.includes(relative) ? '' : '/api';
        const versionPart = version === VERSION_NEUTRAL ? '' : `/v${version ?? '1'}`;
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
        const roles: string[] | undefined = Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller);
        routes.push({
          method: RequestMethod[method as RequestMethod],
          path: `${prefix}${versionPart}/${relative}`,
          rule: isPublic ? 'public' : roles ? [...roles].sort() : 'NONE',
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
