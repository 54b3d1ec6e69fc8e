import { createSecretKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '#config';
import type { User } from '#persistence';
import { AuthService, type AccessTokenClaims } from './auth.service.js';

/**
 * Bearer JWT (HS256) from the Authorization header. Each request re-reads the
 * user, so deactivation and role changes take effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
      // public key on every request and pays for the exception (seen in the intake profile).
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Returning false makes passport answer 401. */
  async validate(claims: AccessTokenClaims): Promise<User | false> {
    if (typeof claims?.sub !== 'string' || typeof claims?.tv !== 'number') return false;
    return (await this.auth.userForToken(claims)) ?? false;
  }
}
