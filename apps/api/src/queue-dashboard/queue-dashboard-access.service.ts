import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { AuthService, type AccessTokenClaims } from '#auth';
import { AppConfig } from '#config';
import type { User } from '#persistence';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_SESSION_SECONDS } from './queue-dashboard.constants.js';

/** Who may see the dashboard: an active admin, or why not. */
export type DashboardDecision = { allowed: true; user: User } | { allowed: false; status: 401 | 403; detail: string };

/** One Fastify route of the dashboard, as registered. */
export interface DashboardRoute {
  method: string;
  path: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const deny = (status: 401 | 403, detail: string): DashboardDecision => ({ allowed: false, status, detail });

/**
 * Access to bull-board, which Nest's guard never sees (its routes live on Fastify).
 * A caller proves who they are with the same bearer JWT as the API, or with the
 * dashboard session cookie; either way the user is re-read on every request, so a
 * deactivated admin, a removed role or revoked tokens shut the dashboard at once.
 */
@Injectable()
export class QueueDashboardAccess {
  /** The dashboard's routes, filled in when it is registered: tests check each one's access. */
  readonly routes: DashboardRoute[] = [];
  private readonly jwt: JwtService;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.jwt = new JwtService({ secret: config.jwt.secret, verifyOptions: { algorithms: ['HS256'] } });
  }

  /**
   * Starts a dashboard session for an admin: the cookie value (signed by the caller,
   * @fastify/cookie) is the user id, token version and expiry. Recorded in the audit log.
   */
  async openSession(context: AuditContext, user: User, now = Date.now()): Promise<string> {
    const expiresAt = now + QUEUE_DASHBOARD_SESSION_SECONDS * 1000;
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'queue_dashboard.session',
        targetType: 'queue_dashboard',
        details: { expiresAt: new Date(expiresAt).toISOString() },
      }),
    );
    return `${user.id}.${user.tokenVersion}.${expiresAt}`;
  }

  /** Whether this request may reach the dashboard. A bearer header, when sent, is the only credential looked at. */
  async decide(request: FastifyRequest): Promise<DashboardDecision> {
    const authorization = request.headers.authorization;
    const cookie = request.cookies?.[QUEUE_DASHBOARD_COOKIE];
    let claims: AccessTokenClaims | null;
    if (authorization !== undefined) claims = await this.bearerClaims(authorization);
    else if (cookie) claims = this.cookieClaims(request, cookie);
    else return deny(401, 'Sign in as an admin: send a bearer token, or open a session with POST /api/v1/admin/queue-dashboard-session.');
    if (!claims) return deny(401, 'The token or dashboard session is not valid, or has expired.');

    const user = await this.auth.userForToken(claims);
    if (!user) return deny(401, 'The token or dashboard session is no longer valid.');
    if (!user.roles.includes('admin')) return deny(403, 'Only admins may open the queue dashboard.');
    // The cookie rides along with any same-site request: a change must also come from this origin.
    if (authorization === undefined && !SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      return deny(403, 'A change to the queues must come from the dashboard itself.');
    }
    return { allowed: true, user };
  }

  private async bearerClaims(authorization: string): Promise<AccessTokenClaims | null> {
    const token = /^Bearer[ ]+(\S+)$/i.exec(authorization.trim())?.[1];
    if (!token) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      return typeof claims?.sub === 'string' && typeof claims?.tv === 'number' ? claims : null;
    } catch {
      return null;
    }
  }

  private cookieClaims(request: FastifyRequest, cookie: string): AccessTokenClaims | null {
    const unsigned = request.unsignCookie(cookie);
    if (!unsigned.valid || !unsigned.value) return null;
    const [sub, tv, expiresAt, extra] = unsigned.value.split('.');
    if (!sub || !tv || !expiresAt || extra !== undefined) return null;
    if (!/^\d+$/.test(tv) || !/^\d+$/.test(expiresAt) || Number(expiresAt) <= Date.now()) return null;
    return { sub, tv: Number(tv) };
  }
}

function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return request.headers['sec-fetch-site'] === 'same-origin';
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
