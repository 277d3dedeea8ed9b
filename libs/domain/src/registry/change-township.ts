/** A move to another township (乡镇): reports by township count the person there from now on. */
import type { BeneficiaryTownshipChanged } from '../events/beneficiary-events';
import { isRegistered, type BeneficiaryState } from './beneficiary-state';
import { FieldErrors, notRegistered, unchanged } from './registry-refusals';
import { checkReason, checkTownship } from './validation';

export interface ChangeTownship {
  type: 'ChangeTownship';
  data: { township: string; reason: string };
}

/** → BeneficiaryTownshipChanged. Not registered 404; bad township or missing reason 400; same township 422. */
export function decideChangeTownship(
  command: ChangeTownship,
  state: BeneficiaryState,
): [BeneficiaryTownshipChanged] {
  if (!isRegistered(state)) throw notRegistered();
  const errors = new FieldErrors();
  const township = errors.take('township', checkTownship(command.data.township));
  errors.take('reason', checkReason(command.data.reason));
  errors.throwIfAny();
  if (township === undefined) throw new Error('unreachable: township checked above');
  if (township === state.township) {
    throw unchanged(`the township on record is already ${township}`, [
      { field: 'township', message: 'is already the township on record' },
    ]);
  }
  return [{ type: 'BeneficiaryTownshipChanged', data: { personId: state.personId, township } }];
}
