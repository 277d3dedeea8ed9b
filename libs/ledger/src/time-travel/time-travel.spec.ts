import type Database from 'better-sqlite3';
import { SqliteEventStore, uuidv7, type RecordedEvent } from '@subsidy/event-store';
import { beneficiaryStream } from '@subsidy/domain/events/streams';
import { getBeneficiary } from '../read-models';
import { appendEach } from '../read-models/testing/append-each';
import { careScenario, type CareScenario } from '../read-models/testing/care-scenario';
import { projected } from '../read-models/testing/project';
import { TimeTravel } from './time-travel';

const DAY = 86_400_000;
const FIRST_DAY = Date.parse('2024-03-01T04:00:00Z'); // noon in Shanghai

/** The care scenario with each event recorded on a day of its own, so that every day is a different prefix. */
function dailyEvents(s: CareScenario): RecordedEvent[] {
  return s.ledger.events.map((e, i) => {
    const at = new Date(FIRST_DAY + i * DAY);
    return { ...e, recordedAt: at, metadata: { ...e.metadata, recordedAt: at.toISOString() } };
  });
}

/** The Shanghai calendar day (YYYY-MM-DD) of event i. */
const dayOf = (i: number): string => new Date(FIRST_DAY + i * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

describe('TimeTravel.beneficiaryAsOf (one scratch database kept from answer to answer)', () => {
  let s: CareScenario;
  let events: RecordedEvent[];
  let store: SqliteEventStore;
  let live: Database.Database;
  let timeTravel: TimeTravel;

  beforeAll(async () => {
    s = careScenario();
    events = dailyEvents(s);
    store = new SqliteEventStore({ file: ':memory:' });
    await appendEach(store, events);
    live = projected(events);
    timeTravel = new TimeTravel(store, live);
  });

  afterAll(async () => {
    timeTravel.onApplicationShutdown();
    live.close();
    await store.close();
  });

  it('answers people and days in any order each as a fresh replay of the log up to that day does', async () => {
    const people = [
      s.reassessed.oldCertificateNumber, // found by a number they held before, as they stood then
      s.reassessed.person.certificateNumber,
      s.moved.person.certificateNumber,
      s.reversedLine.certificateNumber, // their bank account changed last
      s.failedLine.certificateNumber,
      s.notEnrolled[0]!.certificateNumber,
    ];
    const changes = events.flatMap((e, i) => (e.streamId.startsWith('beneficiary-') ? [] : [i]));
    // Days before anything, around every change to a person above and through the batches, back and forth.
    const indexes = [...new Set([0, ...events.map((_, i) => i).filter((i) => i % 17 === 0), ...changes.slice(-12)])];
    const days = indexes.map(dayOf).concat('2024-02-29');
    const order = days.map((_, k) => (k * 7) % days.length); // 7 is prime to the count: a permutation
    expect(new Set(order).size).toBe(days.length);
    let answered = 0;
    for (const k of order) {
      const day = days[k]!;
      const upTo = events.filter((e) => e.recordedAt.getTime() < Date.parse(`${day}T16:00:00Z`));
      const fresh = projected(upTo);
      for (const cert of people) {
        const expected = getBeneficiary(fresh, cert);
        expect(await timeTravel.beneficiaryAsOf(cert, day)).toEqual(expected);
        if (expected !== undefined) answered++;
      }
      fresh.close();
    }
    expect(answered).toBeGreaterThan(days.length); // not only "nobody yet"
  });

  it('answers right after an answer that failed (nothing of the failed replay is left behind)', async () => {
    const person = s.moved.person;
    const broken = new Date(FIRST_DAY + events.length * DAY);
    await store.appendToStream(beneficiaryStream(person.personId), [
      {
        id: uuidv7(),
        type: 'BeneficiaryTownshipChanged',
        data: { personId: person.personId, township: null },
        metadata: { recordedAt: broken.toISOString() },
      },
    ]);
    const after = new Date(broken.getTime() + DAY).toISOString().slice(0, 10);
    // Matched by message, not `toThrow()`: better-sqlite3's native addon is loaded once per jest worker, so an
    // error it raises is built from the Error of the first test file that loaded it, and is no `instanceof
    // Error` in a later file of the same worker (the full suite then reported "did not throw").
    await expect(timeTravel.beneficiaryAsOf(person.certificateNumber, after)).rejects.toMatchObject({
      message: expect.stringContaining('NOT NULL constraint failed: beneficiary.township'),
    });
    const lastDay = dayOf(events.length - 1);
    expect(await timeTravel.beneficiaryAsOf(person.certificateNumber, lastDay)).toEqual(
      getBeneficiary(live, person.certificateNumber),
    );
    const other = s.notEnrolled[1]!.certificateNumber;
    expect(await timeTravel.beneficiaryAsOf(other, lastDay)).toEqual(getBeneficiary(live, other));
  });
});
