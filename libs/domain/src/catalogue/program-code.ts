/** Program codes of the contract's catalogue. */
export const PROGRAM_CODES = [
  'psychiatric-medication',
  'fuel-subsidy',
  'care-services',
  'student-aid-higher',
  'student-aid-vocational',
  'vocational-training',
  'child-rehabilitation',
  'assistive-devices',
  'accessibility-renovation',
] as const;
export type ProgramCode = (typeof PROGRAM_CODES)[number];

export function isProgramCode(value: unknown): value is ProgramCode {
  return typeof value === 'string' && (PROGRAM_CODES as readonly string[]).includes(value);
}
