import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { AppConfig } from '#config';
import { DomainError } from '#domain';
import type { User } from '#persistence';
import { LoginThrottle } from './login-throttle.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { UsersService } from './users.service.js';

/** What a staff access token carries: the user id and the token version it was issued under. */
export interface AccessTokenClaims {
  sub: string;
  tv: number;
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  user: User;
}

/**
 * Sign-in. Unknown email and wrong password give the same answer in the same
 * time (a decoy hash is verified for unknown emails); failures are counted in
 * Redis and slowed, then refused; every attempt is an audit event.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async login(context: AuditContext, email: string, password: string): Promise<LoginResult> {
    const address = context.clientAddress ?? 'unknown';
    try {
      await this.throttle.assertAllowed(email, address);
    } catch (error) {
      await this.recordAttempt(context, null, 'denied', 'throttled');
      throw error;
    }
    const user = await this.users.findForLogin(email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !valid || !user.active) {
      await this.throttle.recordFailure(email, address);
      await this.recordAttempt(context, user?.id ?? null, 'failure', !user ? 'unknown_email' : !valid ? 'wrong_password' : 'inactive');
      throw new DomainError('INVALID_CREDENTIALS', 'the email or password is not right');
    }
    await this.throttle.recordSuccess(email);
    await this.recordAttempt(context, user.id, 'success');
    const claims: AccessTokenClaims = { sub: user.id, tv: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwt.ttlSeconds });
    const { passwordHash: _hidden, ...safe } = user;
    return { accessToken, expiresIn: this.config.jwt.ttlSeconds, user: safe as User };
  }

  /** The active user a token belongs to, or null when it was revoked or the user deactivated. */
  async userForToken(claims: AccessTokenClaims): Promise<User | null> {
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active || user.tokenVersion !== claims.tv) return null;
    return user;
  }

  private async recordAttempt(context: AuditContext, userId: string | null, outcome: 'success' | 'failure' | 'denied', reason?: string) {
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, userId ? { ...context, actor: `user:${userId}` } : context, {
        action: 'auth.login',
        targetType: 'user',
        targetId: userId,
        outcome,
        details: reason ? { code: reason } : {},
      }),
    );
  }
}
