import { ProgramYearHarness, person, refusalOf } from '../program-year/program-year.fixtures';
import { initialProgramYearState } from '../program-year/program-year';
import { draftPaymentBatch, type DraftLineInput, type DraftPaymentBatch } from './draft-payment-batch';

const lineFor = (n: number, amount: string): DraftLineInput => ({ ...person(n), amount });
const withLines = (lines: DraftLineInput[]): DraftPaymentBatch => ({
  type: 'DraftPaymentBatch',
  data: { batchId: 'b1', programCode: 'care-services', year: 2024, maker: 'li', mode: 'lines', lines },
});
const payOutstanding = (
  payeeOf = (id: string) => [1, 2, 3, 4].map(person).find((p) => p.personId === id),
): DraftPaymentBatch => ({
  type: 'DraftPaymentBatch',
  data: {
    batchId: 'b1',
    programCode: 'care-services',
    year: 2024,
    maker: 'li',
    mode: 'payOutstanding',
    payeeOf,
  },
});

/** Care 2024, funded; person 1 residential, 2 day, 3 home (4 not enrolled). */
function enrolled(): ProgramYearHarness {
  return new ProgramYearHarness()
    .open()
    .allocate('upper', '133500.00')
    .allocate('county', '74500.00')
    .enroll(person(1), 'residential')
    .enroll(person(2), 'day')
    .enroll(person(3), 'home');
}

describe('draftPaymentBatch (经办人制单)', () => {
  it('numbers explicit lines 1..n with lineIds, snapshots the payee, and totals them', () => {
    const draft = draftPaymentBatch(
      withLines([lineFor(2, '1000.00'), lineFor(1, '6000.00')]),
      enrolled().state,
    );

    expect(draft).toEqual({
      batchId: 'b1',
      programCode: 'care-services',
      year: 2024,
      maker: 'li',
      mode: 'lines',
      lineCount: 2,
      total: '7000.00',
      warnings: [],
      lines: [
        { lineId: 'b1-1', lineNo: 1, ...lineFor(2, '1000.00') },
        { lineId: 'b1-2', lineNo: 2, ...lineFor(1, '6000.00') },
      ],
    });
  });

  it('payOutstanding pays everyone still owed, all they are owed, in enrollment order', () => {
    const h = enrolled();
    h.draft('b0', 'li', [[person(2), '1500.00']]);
    h.approve('b0', 'wang');
    h.draft('b00', 'li', [[person(3), '2000.00']]);
    h.approve('b00', 'wang');

    const draft = draftPaymentBatch(payOutstanding(), h.state);

    expect(draft.lines.map((l) => [l.lineNo, l.certificateNumber, l.bankAccount, l.amount])).toEqual([
      [1, person(1).certificateNumber, person(1).bankAccount, '12000.00'],
      [2, person(2).certificateNumber, person(2).bankAccount, '2500.00'],
    ]);
    expect(draft.total).toBe('14500.00');
  });

  it('allows several lines for one person while together they stay within what is owed', () => {
    const draft = draftPaymentBatch(
      withLines([lineFor(2, '1000.00'), lineFor(2, '3000.00')]),
      enrolled().state,
    );
    expect(draft.total).toBe('4000.00');
  });

  it('refuses lines above what is owed (422), naming each line and the amount still owed', () => {
    const error = refusalOf(() =>
      draftPaymentBatch(
        withLines([lineFor(2, '3000.00'), lineFor(3, '2000.01'), lineFor(2, '1000.01')]),
        enrolled().state,
      ),
    );

    expect(error.kind).toBe('rule');
    expect(error.errors).toEqual([
      {
        field: 'lines[1].amount',
        message: `2000.01 is more than the 2000.00 still owed to ${person(3).certificateNumber}`,
      },
      {
        field: 'lines[2].amount',
        message: `1000.01 is more than the 1000.00 still owed to ${person(2).certificateNumber}`,
      },
    ]);
  });

  it('refuses a person who is not enrolled (422)', () => {
    const error = refusalOf(() => draftPaymentBatch(withLines([lineFor(4, '10.00')]), enrolled().state));
    expect(error.kind).toBe('rule');
    expect(error.errors?.map((e) => e.field)).toEqual(['lines[0].certificateNumber']);
  });

  it.each([
    ['no lines', [], ['lines']],
    ['a zero amount', [lineFor(1, '0.00')], ['lines[0].amount']],
    ['a negative amount', [lineFor(1, '-1.00')], ['lines[0].amount']],
    ['a third decimal', [lineFor(1, '1.001')], ['lines[0].amount']],
  ])('refuses %s (400)', (_, lines, fields) => {
    const error = refusalOf(() => draftPaymentBatch(withLines(lines), enrolled().state));
    expect(error.kind).toBe('validation');
    expect(error.errors?.map((e) => e.field)).toEqual(fields);
  });

  it('refuses a program-year that is not opened (404)', () => {
    const error = refusalOf(() =>
      draftPaymentBatch(payOutstanding(), initialProgramYearState('care-services', 2024)),
    );
    expect(error.kind).toBe('not-found');
  });

  it('refuses payOutstanding when nobody is owed anything (422)', () => {
    const h = new ProgramYearHarness().open();
    expect(refusalOf(() => draftPaymentBatch(payOutstanding(), h.state)).kind).toBe('rule');
  });

  it('reserves nothing and needs no funds yet, but warns per source of a shortfall at today’s balances', () => {
    const h = new ProgramYearHarness().open().allocate('upper', '10000.00');
    h.enroll(person(1), 'residential').enroll(person(2), 'day');

    const draft = draftPaymentBatch(payOutstanding(), h.state);

    // 16000 × 133500/208000 = 10269.23 upper, 5730.77 county
    expect(draft.warnings).toEqual([
      {
        source: 'upper',
        shortfall: '269.23',
        message:
          'upper-level (上级拨付) funds hold 10000.00; this batch would need 10269.23 (short by 269.23). Approval needs the money received first.',
      },
      {
        source: 'county',
        shortfall: '5730.77',
        message:
          'county (县级配套) funds hold 0.00; this batch would need 5730.77 (short by 5730.77). Approval needs the money received first.',
      },
    ]);
  });
});
