import type { ProgramCode } from '../catalogue/program-code';
import { programDefinition } from '../catalogue/catalogue';
import type { MoneyString } from '../shared/money';
import type {
  FundingPolicy,
  ProgramYearAmended,
  ProgramYearConfig,
  ProgramYearOpened,
} from '../events/program-year-events';
import type { ProgramYearState } from './program-year';
import { FieldErrors, conflict } from './refusals';
import { assertSameProgramYear } from './program-year-guards';

const POLICIES: readonly FundingPolicy[] = ['proportional', 'upper-first', 'county-first'];

/** PUT of a program-year's configuration: opens it the first time, amends it after. */
export interface OpenProgramYear {
  type: 'OpenProgramYear';
  data: {
    programCode: ProgramCode;
    year: number;
    quota: number; // 任务数, a target, not a cap
    /** Exactly one per-person-year rate for every tier of the program in the catalogue. */
    rates: Record<string, MoneyString>;
    fundingPlan: { upper: MoneyString; county: MoneyString };
    /** Default: `proportional` when opening; the current policy when amending. */
    fundingPolicy?: FundingPolicy;
  };
}

/**
 * → ProgramYearOpened the first time; ProgramYearAmended with the whole new configuration after; nothing when
 * the configuration is unchanged (a repeated PUT is idempotent).
 *
 * An amendment may not change what recorded money depends on (409):
 * - a tier's rate once anyone is enrolled in that tier — their entitlement was recorded at the old rate and
 *   an amendment does not re-entitle anyone;
 * - the funding plan or policy while anything is disbursed (net), since the running split follows them.
 * The quota may always change.
 */
export function decideOpenProgramYear(
  command: OpenProgramYear,
  state: ProgramYearState,
): Array<ProgramYearOpened | ProgramYearAmended> {
  const config = validConfig(command.data, state.config?.fundingPolicy);
  assertSameProgramYear(state, config.programCode, config.year);
  const current = state.config;
  if (!current) return [{ type: 'ProgramYearOpened', data: config }];
  if (sameConfig(current, config)) return [];

  const refusals = new FieldErrors();
  for (const [tier, rate] of Object.entries(config.rates)) {
    if (rate === current.rates[tier]) continue;
    const enrolled = [...state.enrollments.values()].filter((e) => e.tier === tier).length;
    if (enrolled > 0) {
      refusals.add(
        `rates.${tier}`,
        `${enrolled} enrolled at ${current.rates[tier]}; their entitlement is recorded`,
      );
    }
  }
  const netDisbursed = state.disbursed.upper.plus(state.disbursed.county);
  if (!netDisbursed.isZero()) {
    const spent = `${netDisbursed.toFixed(2)} is already disbursed under it`;
    if (!samePlan(current, config)) refusals.add('fundingPlan', spent);
    if (current.fundingPolicy !== config.fundingPolicy) refusals.add('fundingPolicy', spent);
  }
  if (refusals.errors.length > 0) {
    throw conflict(
      `${config.programCode} ${config.year} cannot be amended this way: money already depends on it`,
      refusals.errors,
    );
  }
  return [{ type: 'ProgramYearAmended', data: config }];
}

function validConfig(
  data: OpenProgramYear['data'],
  currentPolicy: FundingPolicy | undefined,
): ProgramYearConfig {
  const errors = new FieldErrors();
  const tiers = programDefinition(data.programCode).tiers;
  if (!Number.isInteger(data.year) || data.year < 1900 || data.year > 2999)
    errors.add('year', 'must be a year like 2024');
  if (!Number.isSafeInteger(data.quota) || data.quota < 0) errors.add('quota', 'must be a whole number ≥ 0');

  const given = typeof data.rates === 'object' && data.rates !== null ? data.rates : {};
  const rates: Record<string, MoneyString> = {};
  for (const tier of tiers) {
    if (!(tier in given)) errors.add(`rates.${tier}`, 'is required');
    else if (errors.money(`rates.${tier}`, given[tier], { positive: true })) rates[tier] = given[tier]!;
  }
  for (const tier of Object.keys(given).filter((t) => !tiers.includes(t))) {
    errors.add(`rates.${tier}`, `is not a tier of ${data.programCode} (${tiers.join(', ')})`);
  }
  errors.money('fundingPlan.upper', data.fundingPlan?.upper, { positive: false });
  errors.money('fundingPlan.county', data.fundingPlan?.county, { positive: false });
  const fundingPolicy = data.fundingPolicy ?? currentPolicy ?? 'proportional';
  if (!POLICIES.includes(fundingPolicy)) errors.add('fundingPolicy', `must be one of ${POLICIES.join(', ')}`);
  errors.throwIfAny();

  return {
    programCode: data.programCode,
    year: data.year,
    quota: data.quota,
    rates, // in catalogue tier order
    fundingPlan: { upper: data.fundingPlan.upper, county: data.fundingPlan.county },
    fundingPolicy,
  };
}

function samePlan(a: ProgramYearConfig, b: ProgramYearConfig): boolean {
  return a.fundingPlan.upper === b.fundingPlan.upper && a.fundingPlan.county === b.fundingPlan.county;
}

function sameConfig(a: ProgramYearConfig, b: ProgramYearConfig): boolean {
  const tiers = new Set([...Object.keys(a.rates), ...Object.keys(b.rates)]);
  return (
    a.quota === b.quota &&
    a.fundingPolicy === b.fundingPolicy &&
    samePlan(a, b) &&
    [...tiers].every((t) => a.rates[t] === b.rates[t])
  );
}
