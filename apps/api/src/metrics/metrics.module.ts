import { Module } from '@nestjs/common';
import { JobsModule } from '#jobs';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** GET /metrics for Prometheus. */
@Module({ imports: [JobsModule], controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
