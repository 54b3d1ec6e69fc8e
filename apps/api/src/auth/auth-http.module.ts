import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthModule } from '#auth';
import { AccessGuard } from '../common/access.guard.js';
import { AuthController } from './auth.controller.js';
import { FirstAdminHint } from './first-admin-hint.js';

/** Sign-in routes and the global access guard. */
@Module({
  imports: [AuthModule],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }, FirstAdminHint],
})
export class AuthHttpModule {}
