import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES } from '#auth';
import { Roles } from '../common/roles.decorator.js';
import { describeRequestTypes, type RequestTypeDescription } from './request-types.catalogue.js';

/** The request types with their states, actions, deadlines and diagrams, generated from the machine tables. */
@ApiTags('requests')
@ApiBearerAuth()
@Controller('request-types')
export class RequestTypesController {
  private readonly catalogue = describeRequestTypes();

  @Roles(...STAFF_ROLES)
  @Get()
  @ApiOkResponse({
    description:
      'Every type: states (with the actions each allows), actions (with input JSON Schemas), the deadline rule, the intake details schema and a Mermaid stateDiagram-v2.',
  })
  list(): RequestTypeDescription[] {
    return this.catalogue;
  }
}
