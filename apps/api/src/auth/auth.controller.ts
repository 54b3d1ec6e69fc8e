import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuditContext } from '#audit';
import { AuthService, ROLES } from '#auth';
import type { User } from '#persistence';
import { Public } from '../common/public.decorator.js';
import { Ctx, CurrentUser } from '../common/request-context.decorator.js';
import { Roles } from '../common/roles.decorator.js';
import { UserResponse } from '../users/dto/user.response.js';
import { LoginDto } from './login.dto.js';
import { LoginResponse } from './login.response.js';

/** Staff sign-in. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'The email or password is not right (the same answer for both).' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this account or address; see Retry-After.' })
  async login(@Ctx() context: AuditContext, @Body() body: LoginDto): Promise<LoginResponse> {
    const result = await this.auth.login(context, body.email, body.password);
    return { accessToken: result.accessToken, expiresIn: result.expiresIn, user: UserResponse.from(result.user) };
  }

  @Roles(...ROLES)
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: User): UserResponse {
    return UserResponse.from(user);
  }
}
