import type { Sex } from '@subsidy/domain/registry/certificate';
import { GIVEN_NAME_CHARACTERS, SURNAMES } from '../figures/names';
import type { Prng } from './prng';

/** Surname and a one- or two-character given name (two in most cases, as is usual now). */
export function makeChineseName(prng: Prng, sex: Sex): string {
  const given = GIVEN_NAME_CHARACTERS[sex];
  const first = prng.pick(given);
  const second = prng.next() < 0.7 ? prng.pick(given) : '';
  return prng.weighted(SURNAMES) + first + second;
}
