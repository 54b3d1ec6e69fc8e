import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or image) root: the nearest folder above this file with a package.json. */
export function appRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the application root (package.json)');
    dir = parent;
  }
  return dir;
}

export const PORTAL_VIEWS = join(appRoot(), 'apps/api/views/portal');
export const PORTAL_ASSETS = join(appRoot(), 'apps/api/public');

/** Renders the portal's Eta templates, escaping every interpolated value. */
@Injectable()
export class PortalRenderer {
  private readonly eta = new Eta({ views: PORTAL_VIEWS, autoEscape: true, cache: true, autoTrim: [false, 'nl'] });

  render(template: string, view: object): string {
    return this.eta.render(`./${template}`, view);
  }
}
