import { Controller, Get, Headers, Res, UnauthorizedException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '#config';
import { Public } from '../common/public.decorator.js';
import { bearerMatches } from './metrics-token.js';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus scrape endpoint, outside /api and unversioned. Public unless
 * METRICS_TOKEN is set: then the scraper sends it as a bearer token.
 */
@ApiTags('operations')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Queue depths, open and overdue requests, and process metrics, in the Prometheus text format.' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request did not send it as a bearer token.' })
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = this.config.metrics.token;
    if (token !== null && !bearerMatches(authorization, token)) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException({ detail: 'Send the metrics token as a bearer token.' });
    }
    const body = await this.metrics.scrape();
    void reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store');
    return body;
  }
}
