import type { User } from '../users/role';

/**
 * ID and bank numbers are personal information (DOMAIN.md): shown in full in the person's own record and the
 * bank file, and to clerks, who register people and need the numbers; masked for every other role elsewhere.
 */
export function seesPersonalData(user: User): boolean {
  return user.roles.includes('clerk');
}
