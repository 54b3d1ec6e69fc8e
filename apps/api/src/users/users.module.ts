import { Module } from '@nestjs/common';
import { AuthModule } from '#auth';
import { UsersController } from './users.controller.js';

@Module({ imports: [AuthModule], controllers: [UsersController] })
export class UsersModule {}
