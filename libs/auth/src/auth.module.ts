import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '#audit';
import { AppConfig } from '#config';
import { AuthService } from './auth.service.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginThrottle } from './login-throttle.js';
import { UsersService } from './users.service.js';

/** Staff users, passwords, sign-in and the JWT strategy. */
@Module({
  imports: [
    AuditModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ secret: config.jwt.secret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [UsersService, AuthService, LoginThrottle, JwtStrategy],
  exports: [UsersService, AuthService],
})
export class AuthModule {}
