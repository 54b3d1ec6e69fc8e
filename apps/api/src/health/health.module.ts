import { Module } from '@nestjs/common';
import { JobsModule } from '#jobs';
import { HealthController } from './health.controller.js';
import { ReadinessService } from './readiness.service.js';

@Module({ imports: [JobsModule], controllers: [HealthController], providers: [ReadinessService] })
export class HealthModule {}
