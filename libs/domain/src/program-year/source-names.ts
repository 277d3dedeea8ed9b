import type { FundingSource } from '../events/program-year-events';

/** How a source is named in messages: 上级拨付 upper-level allocation, 县级配套 county matching. */
export const SOURCE_NAMES: Record<FundingSource, string> = {
  upper: 'upper-level (上级拨付)',
  county: 'county (县级配套)',
};
