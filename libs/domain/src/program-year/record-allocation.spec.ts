import { CARE, ProgramYearHarness, YEAR, refusalOf } from './program-year.fixtures';
import { decideRecordAllocation, type RecordAllocation } from './record-allocation';
import { availableOf, evolve, initialProgramYearState } from './program-year';

const allocation = (overrides: Partial<RecordAllocation['data']> = {}): RecordAllocation => ({
  type: 'RecordAllocation',
  data: {
    allocationId: 'a-1',
    programCode: CARE,
    year: YEAR,
    source: 'upper',
    amount: '133500.00',
    reference: '皖残联〔2024〕12号',
    receivedOn: '2024-04-15',
    ...overrides,
  },
});

describe('RecordAllocation (上级拨付 / 县级配套)', () => {
  it('records money received from a source, which becomes available to pay from', () => {
    const { state } = new ProgramYearHarness().open();

    const events = decideRecordAllocation(allocation(), state);
    const after = events.reduce(evolve, state);

    expect(events).toEqual([{ type: 'AllocationRecorded', data: allocation().data }]);
    expect(availableOf(after, 'upper').toFixed(2)).toBe('133500.00');
    expect(availableOf(after, 'county').toFixed(2)).toBe('0.00');
  });

  it('adds up several allocations per source', () => {
    const h = new ProgramYearHarness().open().allocate('county', '40000.00').allocate('county', '34500.00');
    expect(availableOf(h.state, 'county').toFixed(2)).toBe('74500.00');
  });

  it('refuses a program-year that is not opened (404)', () => {
    const error = refusalOf(() => decideRecordAllocation(allocation(), initialProgramYearState(CARE, YEAR)));
    expect(error.kind).toBe('not-found');
  });

  it.each([
    ['a zero amount', { amount: '0.00' }, 'amount'],
    ['a negative amount', { amount: '-5.00' }, 'amount'],
    ['an amount with one decimal', { amount: '5.0' }, 'amount'],
    ['an unknown source', { source: 'province' as never }, 'source'],
    ['no reference', { reference: ' ' }, 'reference'],
    ['an impossible date', { receivedOn: '2024-02-30' }, 'receivedOn'],
  ])('refuses %s (400 naming the field)', (_, overrides, field) => {
    const { state } = new ProgramYearHarness().open();
    const error = refusalOf(() => decideRecordAllocation(allocation(overrides), state));
    expect(error.kind).toBe('validation');
    expect(error.errors?.map((e) => e.field)).toEqual([field]);
  });
});
