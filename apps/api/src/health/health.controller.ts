import { Controller, Get, HttpCode, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/public.decorator.js';
import { ReadinessService, type Readiness } from './readiness.service.js';

/** Liveness and readiness probes, outside /api and unversioned. */
@ApiTags('operations')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Public()
  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process is alive.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOkResponse({ description: 'Database and Redis answer and every migration is applied.' })
  @ApiServiceUnavailableResponse({ description: 'Not ready; the body says which check failed.' })
  async ready(): Promise<Readiness> {
    const result = await this.readiness.check();
    if (!result.ready) {
      const failed = Object.entries(result.checks)
        .filter(([, status]) => status === 'down')
        .map(([name]) => name);
      throw new ServiceUnavailableException({ title: 'Not ready', detail: `Failing checks: ${failed.join(', ')}` });
    }
    return result;
  }
}
