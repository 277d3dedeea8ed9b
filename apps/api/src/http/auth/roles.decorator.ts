import { SetMetadata } from '@nestjs/common';
import type { Role } from '@subsidy/ledger/users/role';

export const ROLES_KEY = 'ledger:roles';
/** The roles that may call a route; a user needs one of them. Routes without it: any authenticated user. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);
