import Database from 'better-sqlite3';
import { heldDraftAmounts } from './draft-amounts';

describe('heldDraftAmounts: a bulk catch-up hands an approval its draft amounts only when it saw every line', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    heldDraftAmounts.bulkCatchUpStarts(db);
  });
  afterEach(() => db.close());

  const draftOf = (lines: Array<[number, number]>, lineCount = 3) => {
    heldDraftAmounts.drafted(db, 7, lineCount);
    for (const [lineNo, fen] of lines) heldDraftAmounts.of(db, 7)!.add(lineNo, fen);
    return heldDraftAmounts.take(db, 7);
  };

  it('gives the amounts by line number once lines 1..lineCount are all there, in any chunk order', () => {
    expect(
      Array.from(
        draftOf([
          [3, 30],
          [1, 10],
          [2, 20],
        ])!,
      ),
    ).toEqual([10, 20, 30]);
  });

  it('keeps the first amount of a line applied twice (as the table does), and counts it once', () => {
    expect(
      Array.from(
        draftOf([
          [1, 10],
          [1, 99],
          [2, 20],
          [3, 30],
        ])!,
      ),
    ).toEqual([10, 20, 30]);
    expect(
      draftOf([
        [1, 10],
        [1, 10],
        [2, 20],
      ]),
    ).toBeUndefined();
  });

  it('gives nothing for a draft missing a line or holding one outside 1..lineCount: the approval reads the table', () => {
    expect(
      draftOf([
        [1, 10],
        [2, 20],
      ]),
    ).toBeUndefined();
    expect(
      draftOf([
        [0, 5],
        [1, 10],
        [2, 20],
        [3, 30],
      ]),
    ).toBeUndefined();
    expect(
      draftOf([
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 40],
      ]),
    ).toBeUndefined();
  });

  it('lets a draft go once taken, and holds nothing outside a bulk catch-up', () => {
    draftOf([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    expect(heldDraftAmounts.take(db, 7)).toBeUndefined();
    heldDraftAmounts.caughtUp(db);
    heldDraftAmounts.drafted(db, 8, 1);
    expect(heldDraftAmounts.of(db, 8)).toBeUndefined();
    expect(heldDraftAmounts.take(db, 8)).toBeUndefined();
  });
});
