import type Database from 'better-sqlite3';
import { prepared } from './prepared';

type Db = Database.Database;

/** An event about a person: fetch it from the log by position; `lineNos` are the person's lines in it. */
export interface PersonEventRef {
  position: bigint;
  type: string;
  batchId?: string;
  lineNos: number[];
}

export interface BatchEventRef {
  position: bigint;
  type: string;
}

/**
 * Positions of the events about a person, from the rows that record them: registration, changes, enrollments,
 * and per payment line its draft chunk, its batch's approval, the bank return that paid it (the paid run
 * holding it: the last run starting at or before it, if it reaches that far) or failed it, and its reversal.
 */
const PERSON_LINES = `payment_line l JOIN payment_batch b ON b.seq = l.batch_seq WHERE l.person_id = @personId`;
const PERSON_EVENTS = `
  SELECT seq AS position, 'BeneficiaryRegistered' AS type, NULL AS batch_id, 0 AS line_no
    FROM beneficiary WHERE person_id = @personId
  UNION ALL SELECT position, type, NULL, 0 FROM person_event WHERE person_id = @personId
  UNION ALL SELECT seq, 'BeneficiaryEnrolled', NULL, 0 FROM entitlement WHERE person_id = @personId
  UNION ALL SELECT l.drafted_seq, 'PaymentBatchLinesDrafted', b.batch_id, l.line_no FROM ${PERSON_LINES}
  UNION ALL SELECT b.approved_seq, 'PaymentBatchApproved', b.batch_id, l.line_no
    FROM ${PERSON_LINES} AND b.approved_seq IS NOT NULL
  UNION ALL SELECT * FROM (
    SELECT (SELECT CASE WHEN p.last_line_no >= l.line_no THEN p.returned_seq END FROM payment_paid p
              WHERE p.batch_seq = l.batch_seq AND p.first_line_no <= l.line_no
              ORDER BY p.first_line_no DESC LIMIT 1) AS position,
           'BankReturnRecorded', b.batch_id, l.line_no
    FROM ${PERSON_LINES}) WHERE position IS NOT NULL
  UNION ALL SELECT o.seq, CASE o.status WHEN 'failed' THEN 'BankReturnRecorded' ELSE 'PaymentReversed' END,
      b.batch_id, l.line_no
    FROM payment_line l JOIN payment_batch b ON b.seq = l.batch_seq
      JOIN payment_outcome o ON o.batch_seq = l.batch_seq AND o.line_no = l.line_no
    WHERE l.person_id = @personId
  ORDER BY position, line_no`;

/** Every event about the person, oldest first (one entry per event, however many of their lines it holds). */
export function personEventRefs(db: Db, personId: string): PersonEventRef[] {
  const rows = prepared<
    [{ personId: string }],
    { position: bigint; line_no: bigint; type: string; batch_id: string | null }
  >(db, PERSON_EVENTS)
    .safeIntegers(true)
    .all({ personId });
  const refs: PersonEventRef[] = [];
  for (const r of rows) {
    let ref = refs[refs.length - 1];
    if (ref === undefined || ref.position !== r.position) {
      ref = { position: r.position, type: r.type, lineNos: [] };
      if (r.batch_id !== null) ref.batchId = r.batch_id;
      refs.push(ref);
    }
    if (r.line_no !== 0n) ref.lineNos.push(Number(r.line_no));
  }
  return refs;
}

/** Every event about the batch, oldest first. */
export function batchEventRefs(db: Db, batchId: string): BatchEventRef[] {
  return prepared<[string], BatchEventRef>(
    db,
    'SELECT position, type FROM batch_event WHERE batch_id = ? ORDER BY position',
  )
    .safeIntegers(true)
    .all(batchId);
}
