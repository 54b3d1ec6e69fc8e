import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, type AuditContext } from '#audit';
import { AppConfig } from '#config';
import { DomainError, RegisterTally, calendarDateIn, registerRow, type Clock, type RegisterFigures } from '#domain';
import { registerRequestPages } from '#persistence';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { ComplianceReportQueryDto } from './dto/compliance-report-query.dto.js';
import { CLOCK } from '../requests/clock.provider.js';

/** The request register's figures as JSON: the same rules as the register export, for dashboards. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Roles('auditor', 'privacy_officer')
  @Get('compliance')
  @ApiOkResponse({ description: 'On-time rate by type, median days to close, open and overdue now, and on time vs late by month.' })
  async compliance(@Ctx() context: AuditContext, @Query() query: ComplianceReportQueryDto): Promise<RegisterFigures> {
    if (query.from > query.to) {
      throw new DomainError('INVALID_INPUT', 'to must be on or after from', [{ field: 'to', message: 'to must be on or after from' }]);
    }
    const today = calendarDateIn(this.clock.now(), this.config.organisation.timeZone);
    const tally = new RegisterTally({ from: query.from, to: query.to }, today);
    for await (const page of registerRequestPages(this.dataSource, query, this.config.organisation.timeZone)) {
      for (const request of page) tally.add(registerRow(request, today));
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'report.compliance',
        targetType: 'report',
        details: { from: query.from, to: query.to },
      }),
    );
    return tally.figures();
  }
}
