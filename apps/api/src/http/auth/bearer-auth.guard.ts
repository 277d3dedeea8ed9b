import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UserStore } from '@subsidy/ledger/users/user-store';
import type { Role } from '@subsidy/ledger/users/role';
import { ROLES_KEY } from './roles.decorator';
import type { AuthenticatedRequest } from './current-user.decorator';

/**
 * `Authorization: Bearer TOKEN` on every `/api/v1` route: missing or unknown → 401, no fitting role → 403.
 * Each request looks the token up in the users file, so users added by the CLI act at once.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(UserStore) private readonly users: UserStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.path.startsWith('/api/')) return true;
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer TOKEN"');
    const user = this.users.findByToken(match[1]!);
    if (!user) throw new UnauthorizedException('unknown bearer token');
    req.user = user;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (allowed && !allowed.some((r) => user.roles.includes(r))) {
      throw new ForbiddenException(`this needs the role ${allowed.join(' or ')}; ${user.name} has ${user.roles.join(', ')}`);
    }
    return true;
  }
}
