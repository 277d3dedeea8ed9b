/** Roles of the outside contract. A user may hold several. */
export const ROLES = ['clerk', 'approver', 'finance-admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface User {
  name: string;
  roles: Role[];
}
