import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { PatientsController } from './patients.controller.js';
import { PatientsService } from './patients.service.js';

@Module({ imports: [AuditModule], controllers: [PatientsController], providers: [PatientsService], exports: [PatientsService] })
export class PatientsModule {}
