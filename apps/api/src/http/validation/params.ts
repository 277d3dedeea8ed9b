import { InvalidInputError } from '../problem/problem';
import { isProgramCode, type ProgramCode } from '@subsidy/domain/catalogue/program-code';

/** Path and query parameters arrive as strings: parse them with errors that name the parameter. */
export function parseYear(value: string, field = 'year'): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) {
    throw new InvalidInputError([{ field, message: 'must be a year from 2000 to 2100' }]);
  }
  return Number(value);
}

export function parseProgramCode(value: string, field = 'programCode'): ProgramCode {
  if (!isProgramCode(value)) {
    throw new InvalidInputError([{ field, message: `must be a program code of the catalogue, not "${value.slice(0, 40)}"` }]);
  }
  return value;
}

export function parseOptionalPosition(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,20}$/.test(value)) throw new InvalidInputError([{ field: 'minPosition', message: 'must be a log position' }]);
  return BigInt(value);
}

export function parseLimit(value: string | undefined, fallback = 50): number {
  return value === undefined ? fallback : Number(value);
}
