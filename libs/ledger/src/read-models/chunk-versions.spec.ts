/**
 * Draft chunks are written as columns (schema version 2) since #7; logs recorded before hold one object per
 * line (version 1) and must keep replaying: the same care scenario written either way projects to the same
 * tables and answers, and its history shows each chunk alike.
 */
import type { RecordedEvent } from '@subsidy/event-store';
import { lineIdOf } from '@subsidy/domain/disbursement/line-id';
import { draftChunkView } from '../history/draft-chunk-view';
import { personSlice } from '../history/person-slice';
import {
  bankFileLines,
  batchEventRefs,
  dumpReadModels,
  getPaymentBatch,
  getPaymentLine,
  listPaymentBatches,
  personEventRefs,
} from './index';
import { careScenario, payBack, type CareScenario } from './testing/care-scenario';
import { LedgerFixture } from './testing/ledger-fixture';
import { projected } from './testing/project';

function scenario(chunkSchemaVersion: 1 | 2): CareScenario {
  const s = careScenario(new LedgerFixture({ chunkSchemaVersion }));
  payBack(s);
  return s;
}

const chunksOf = (events: readonly RecordedEvent[]) =>
  events.filter((e) => e.type === 'PaymentBatchLinesDrafted');

describe('draft chunks stored as version 1 (objects) and version 2 (columns) replay alike', () => {
  const v1 = scenario(1);
  const v2 = scenario(2);
  const db1 = projected(v1.ledger.events);
  const db2 = projected(v2.ledger.events);

  it('are really stored differently', () => {
    expect(
      chunksOf(v1.ledger.events).every((e) => Array.isArray((e.data as { lines?: unknown }).lines)),
    ).toBe(true);
    expect(chunksOf(v2.ledger.events).every((e) => e.metadata['schemaVersion'] === 2)).toBe(true);
    expect(chunksOf(v2.ledger.events).every((e) => !('lines' in (e.data as object)))).toBe(true);
    expect(chunksOf(v1.ledger.events)).toHaveLength(chunksOf(v2.ledger.events).length);
  });

  it('project to the same tables, so every read-model answer is the same', () => {
    expect(dumpReadModels(db1)).toEqual(dumpReadModels(db2));
    expect(getPaymentBatch(db1, 'b-2024-care-1')).toEqual(getPaymentBatch(db2, 'b-2024-care-1'));
    expect(getPaymentBatch(db2, 'b-2024-care-1')!.lines).toHaveLength(v2.firstBatch.length);
    expect(bankFileLines(db1, 'b-2024-care-2')).toEqual(bankFileLines(db2, 'b-2024-care-2'));
    expect(listPaymentBatches(db1, { limit: 10 })).toEqual(listPaymentBatches(db2, { limit: 10 }));
  });

  it('show a person the same slice of each chunk: their lines as objects with ids', () => {
    const personId = v2.failedLine.personId;
    const slices = (s: CareScenario, db: ReturnType<typeof projected>) =>
      personEventRefs(db, personId)
        .filter((r) => r.type === 'PaymentBatchLinesDrafted')
        .map((r) =>
          personSlice(s.ledger.events[Number(r.position) - 1]!, personId, r.lineNos, (batchId, nos) =>
            nos.map((n) => getPaymentLine(db, lineIdOf(batchId, n))!),
          ),
        );

    const fromV2 = slices(v2, db2);

    expect(fromV2).toEqual(slices(v1, db1));
    expect(fromV2[0]).toEqual({ batchId: 'b-2024-care-1', chunk: 1, lines: [v2.failedLine] });
  });

  it('show a batch’s history the same chunks, every line as an object', () => {
    const views = (s: CareScenario, db: ReturnType<typeof projected>) =>
      batchEventRefs(db, 'b-2024-care-1')
        .filter((r) => r.type === 'PaymentBatchLinesDrafted')
        .map((r) => draftChunkView(s.ledger.events[Number(r.position) - 1]!.data));

    expect(views(v2, db2)).toEqual(views(v1, db1));
    expect(views(v2, db2).flatMap((v) => v.lines)).toEqual(v2.firstBatch);
  });

  it('list each line with its own payee when a version-1 chunk holds its lines out of order', () => {
    // Version 1 gave every line its own lineNo, so nothing in the format kept a chunk's lines consecutive.
    const shuffled = v1.ledger.events.map((e) => {
      if (e.type !== 'PaymentBatchLinesDrafted') return e;
      const data = e.data as { lines: unknown[] };
      return { ...e, data: { ...data, lines: [...data.lines].reverse() } } as RecordedEvent;
    });
    const db = projected(shuffled);
    const rows = (d: typeof db) => d.prepare('SELECT count(*) FROM payment_chunk').pluck().get() as number;
    expect(rows(db)).toBeGreaterThan(rows(db1)); // one row per run of consecutive lines: here one a line
    expect(bankFileLines(db, 'b-2024-care-2')).toEqual(bankFileLines(db1, 'b-2024-care-2'));
    expect(getPaymentBatch(db, 'b-2024-care-1')).toEqual(getPaymentBatch(db1, 'b-2024-care-1'));
  });
});
