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
      secretOrKey: config.jwt.secret,
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
