import { ProgramYearHarness, person, refusalOf } from './program-year.fixtures';
import { decideRecordBankReturn, type RecordBankReturn } from './record-bank-return';
import { availableOf, outstandingOf } from './program-year';

/** Care 2024, funded; persons 1 and 2 (home care) paid 2,000.00 each in batch b1. */
function approvedBatch(): ProgramYearHarness {
  const h = new ProgramYearHarness().open().allocate('upper', '133500.00').allocate('county', '74500.00');
  h.enroll(person(1), 'home').enroll(person(2), 'home');
  h.draft('b1', 'li', 'payOutstanding');
  h.approve('b1', 'wang');
  return h;
}

const bankReturn = (lines: RecordBankReturn['data']['lines'], batchId = 'b1'): RecordBankReturn => ({
  type: 'RecordBankReturn',
  data: { programCode: 'care-services', year: 2024, batchId, lines },
});

describe('RecordBankReturn (银行回盘)', () => {
  it('records paid lines, and failed lines with what goes back to the person and to each source', () => {
    const h = approvedBatch();

    const events = decideRecordBankReturn(
      bankReturn([
        { lineNo: 1, result: 'paid' },
        { lineNo: 2, result: 'failed', reason: '户名不符 name does not match' },
      ]),
      h.state,
    );

    expect(events).toEqual([
      {
        type: 'BankReturnRecorded',
        data: {
          batchId: 'b1',
          programCode: 'care-services',
          year: 2024,
          paid: [1],
          failed: [
            {
              lineNo: 2,
              personId: person(2).personId,
              amount: '2000.00',
              // line 2 took U(4000) − U(2000) = 2567.31 − 1283.65
              funding: { upper: '1283.66', county: '716.34' },
              reason: '户名不符 name does not match',
            },
          ],
        },
      },
    ]);
  });

  it('a failed line gives its amount back to the person’s outstanding and its parts back to the funds', () => {
    const h = approvedBatch();

    h.bankReturn('b1', [{ lineNo: 2, result: 'failed', reason: '账户冻结 account frozen' }]);

    expect(outstandingOf(h.state, person(2).personId).toFixed(2)).toBe('2000.00');
    expect(outstandingOf(h.state, person(1).personId).toFixed(2)).toBe('0.00');
    expect(availableOf(h.state, 'upper').toFixed(2)).toBe('132216.35');
    expect(availableOf(h.state, 'county').toFixed(2)).toBe('73783.65');
    expect(h.state.batches.get('b1')!.lines.get(2)!.status).toBe('failed');
  });

  it('refuses a batch that is not approved (409)', () => {
    const h = approvedBatch();
    expect(
      refusalOf(() => decideRecordBankReturn(bankReturn([{ lineNo: 1, result: 'paid' }], 'b9'), h.state))
        .kind,
    ).toBe('conflict');
  });

  it('refuses a line already settled (409): paid, failed or reversed lines are returned once', () => {
    const h = approvedBatch();
    h.bankReturn('b1', [
      { lineNo: 1, result: 'paid' },
      { lineNo: 2, result: 'failed', reason: '账户冻结' },
    ]);

    for (const lineNo of [1, 2]) {
      const error = refusalOf(() =>
        decideRecordBankReturn(bankReturn([{ lineNo, result: 'paid' }]), h.state),
      );
      expect(error.kind).toBe('conflict');
      expect(error.errors?.[0]?.field).toBe('lines[0].lineId');
    }
  });

  it('refuses a reversed line (409)', () => {
    const h = approvedBatch();
    h.reverse('b1', 1);
    expect(
      refusalOf(() => decideRecordBankReturn(bankReturn([{ lineNo: 1, result: 'paid' }]), h.state)).kind,
    ).toBe('conflict');
  });

  it.each<[string, RecordBankReturn['data']['lines'], string[]]>([
    ['no lines', [], ['lines']],
    [
      'the same line twice',
      [
        { lineNo: 1, result: 'paid' },
        { lineNo: 1, result: 'failed', reason: 'x' },
      ],
      ['lines[1].lineId'],
    ],
    ['a line the batch does not have', [{ lineNo: 3, result: 'paid' }], ['lines[0].lineId']],
    ['a failed line without a reason', [{ lineNo: 1, result: 'failed', reason: ' ' }], ['lines[0].reason']],
    ['an unknown result', [{ lineNo: 1, result: 'pending' as never }], ['lines[0].result']],
  ])('refuses %s (400), recording nothing', (_, lines, fields) => {
    const h = approvedBatch();
    const error = refusalOf(() => decideRecordBankReturn(bankReturn(lines), h.state));
    expect(error.kind).toBe('validation');
    expect(error.errors?.map((e) => e.field)).toEqual(fields);
  });
});
