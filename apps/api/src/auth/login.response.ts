import { ApiProperty } from '@nestjs/swagger';
import { UserResponse } from '../users/dto/user.response.js';

export class LoginResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`.' }) accessToken: string;
  @ApiProperty({ description: 'Seconds until the token expires.' }) expiresIn: number;
  @ApiProperty({ type: UserResponse }) user: UserResponse;
}
