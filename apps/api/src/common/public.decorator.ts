import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'prd:isPublic';

/** Marks a route as open to anyone: the explicit opposite of a role rule. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
