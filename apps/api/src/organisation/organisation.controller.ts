import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import { STAFF_ROLES } from '#auth';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { OrganisationDto, OrganisationResponse, PrivacyNoticeDto, PrivacyNoticeResponse } from './dto/organisation.dto.js';
import { OrganisationService } from './organisation.service.js';

/** Organisation settings that letters are written from. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller()
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Roles(...STAFF_ROLES)
  @Get('organisation')
  @ApiOkResponse({ type: OrganisationResponse })
  async get(): Promise<OrganisationResponse> {
    return OrganisationResponse.from(await this.organisation.get());
  }

  @Roles('admin')
  @Put('organisation')
  @ApiOkResponse({ type: OrganisationResponse })
  async put(@Ctx() context: AuditContext, @Body() body: OrganisationDto): Promise<OrganisationResponse> {
    return OrganisationResponse.from(await this.organisation.put(context, body));
  }

  @Roles(...STAFF_ROLES)
  @Get('privacy-notices')
  @ApiOkResponse({ type: PrivacyNoticeResponse, isArray: true })
  async notices(): Promise<PrivacyNoticeResponse[]> {
    return (await this.organisation.listNotices()).map(PrivacyNoticeResponse.from);
  }

  @Roles('admin')
  @Post('privacy-notices')
  @ApiCreatedResponse({ type: PrivacyNoticeResponse })
  async addNotice(@Ctx() context: AuditContext, @Body() body: PrivacyNoticeDto): Promise<PrivacyNoticeResponse> {
    return PrivacyNoticeResponse.from(await this.organisation.addNotice(context, body));
  }
}
