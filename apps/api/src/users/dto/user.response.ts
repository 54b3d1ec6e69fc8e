import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '#auth';
import type { User } from '#persistence';
import { LicenceDto } from './licence.dto.js';

/** A staff user as the API shows it: never the password hash or token version. */
export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ type: LicenceDto, nullable: true }) licence: LicenceDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static from(user: User): UserResponse {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: user.roles as Role[],
      active: user.active,
      licence: user.licence,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}

export class UserPageResponse {
  @ApiProperty({ type: UserResponse, isArray: true }) items: UserResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
