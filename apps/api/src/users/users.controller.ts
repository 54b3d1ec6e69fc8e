import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import { UsersService } from '#auth';
import { DomainError } from '#domain';
import { UuidParamPipe } from '../common/id-param.pipe.js';
import { PageQueryDto } from '../common/page-query.dto.js';
import { Ctx } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserPageResponse, UserResponse } from './dto/user.response.js';

/** Staff users, managed by admins. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: UserResponse })
  async create(@Ctx() context: AuditContext, @Body() body: CreateUserDto): Promise<UserResponse> {
    return UserResponse.from(await this.users.create(context, body));
  }

  @Get()
  @ApiOkResponse({ type: UserPageResponse })
  async list(@Ctx() context: AuditContext, @Query() query: PageQueryDto): Promise<UserPageResponse> {
    const page = await this.users.list(context, query.limit, query.cursor);
    return { items: page.items.map(UserResponse.from), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  async get(@Param('id', UuidParamPipe) id: string): Promise<UserResponse> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', 'no such user');
    return UserResponse.from(user);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  async update(@Ctx() context: AuditContext, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return UserResponse.from(await this.users.update(context, id, body));
  }
}
