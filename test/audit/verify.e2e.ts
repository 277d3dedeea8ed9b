import { careScenario, payBack } from '@subsidy/ledger/read-models/testing/care-scenario';
import { changeOneByte, named, RecordedLedger, type StoredRow } from './support/recorded-ledger';

/**
 * `verify` against an administrator with write access to the database: every edit is made directly on
 * events.sqlite, and the verdict line must name the first faulty event.
 */
describe('verify', () => {
  const scenario = careScenario();
  payBack(scenario);
  const events = scenario.ledger.events;
  const recorded = new RecordedLedger();
  let ledger: RecordedLedger;

  beforeAll(async () => {
    await recorded.record(events);
    await recorded.project();
  });
  beforeEach(() => {
    ledger = new RecordedLedger(recorded);
  });
  afterEach(() => ledger.remove());
  afterAll(() => recorded.remove());

  const firstLine = (out: string) => out.split('\n')[0];
  const streamOf = (row: StoredRow) => ledger.rows('stream_id = ?', row.stream_id);

  it('passes a clean log and says what it checked, with counts', async () => {
    const { code, out } = await ledger.verify();
    expect(code).toBe(0);
    const streams = new Set(events.map((e) => e.streamId)).size;
    expect(out).toContain('verify: OK\n');
    expect(out).toContain(`  events       ${events.length} (positions up to ${events.length})`);
    expect(out).toContain(`  streams      ${streams}: revisions contiguous from 0`);
    expect(out).toContain('  seals        none recorded');
    expect(out).toMatch(
      / {2}read models {2}7 projections, \d+ tables, [1-9]\d* rows compared with a fresh replay at position \d+/,
    );
  });

  it('answers JSON for scripts', async () => {
    const { code, out } = await ledger.verify('--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ ok: true, events: events.length, faultCount: 0, faults: [] });
  });

  it('catches one changed byte of an event’s data', async () => {
    const row = ledger.rows("type = 'BeneficiaryEnrolled'")[10]!;
    ledger.tamper((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changeOneByte(row.data), row.position),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(new RegExp(`^verify: FAILED at ${escape(named(row))}: content changed`));
  });

  it('catches one changed byte of an event’s metadata (when it was recorded)', async () => {
    const row = ledger.rows("type = 'PaymentBatchApproved'")[0]!;
    const at = row.metadata.indexOf('"recordedAt"');
    ledger.tamper((db) =>
      db
        .prepare('UPDATE events SET metadata = ? WHERE position = ?')
        .run(changeOneByte(row.metadata, at), row.position),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(new RegExp(`^verify: FAILED at ${escape(named(row))}: content changed`));
  });

  it('catches a changed byte that leaves the stored JSON unreadable', async () => {
    const row = ledger.rows()[50]!;
    ledger.tamper((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(`[${row.data.slice(1)}`, row.position),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(
      new RegExp(`^verify: FAILED at ${escape(named(row))}: content changed: stored data is not JSON`),
    );
  });

  it('still names the event when its changed data makes the projections throw on a replay', async () => {
    const row = ledger.rows("type = 'AllocationRecorded'")[0]!;
    const data = JSON.stringify({ ...JSON.parse(row.data), amount: 'a lot' });
    ledger.tamper((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, row.position),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(new RegExp(`^verify: FAILED at ${escape(named(row))}: content changed`));
    expect(out).toContain(
      `  read models: a fresh replay fails at position ${row.position} (${row.stream_id}, AllocationRecorded)`,
    );
  });

  it('catches a deleted event, at the next event of its stream', async () => {
    const stream = ledger.rows("stream_id = 'program-year-care-services-2024'");
    const [removed, next] = [stream[3]!, stream[4]!];
    ledger.tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(removed.position));
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toBe(
      `verify: FAILED at ${named(next)}: revision ${removed.revision} is missing before it (removed or moved)`,
    );
  });

  it('catches two events whose data were swapped, naming the first', async () => {
    const [a, b] = [ledger.rows()[30]!, ledger.rows()[31]!];
    ledger.tamper((db) => {
      const set = db.prepare('UPDATE events SET data = ? WHERE position = ?');
      set.run(b.data, a.position);
      set.run(a.data, b.position);
    });
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(new RegExp(`^verify: FAILED at ${escape(named(a))}: content changed`));
    expect(out).toContain(`  ${named(b)}: content changed`);
  });

  it('catches two events of a stream moved into each other’s place in the log', async () => {
    const stream = ledger.rows("stream_id = 'program-year-care-services-2024'");
    const [a, b] = [stream[2]!, stream[6]!];
    ledger.tamper((db) => {
      const move = db.prepare(
        'UPDATE events SET id = ?, stream_id = ?, revision = ?, type = ?, data = ?, metadata = ? WHERE position = ?',
      );
      db.transaction(() => {
        move.run('parked', 'parked', -1, a.type, a.data, a.metadata, a.position);
        move.run(a.id, a.stream_id, a.revision, a.type, a.data, a.metadata, b.position);
        move.run(b.id, b.stream_id, b.revision, b.type, b.data, b.metadata, a.position);
      })();
    });
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toBe(
      `verify: FAILED at ${named({ ...b, position: a.position })}: revision ${a.revision} is missing before it (removed or moved)`,
    );
  });

  it('catches an event inserted around the chain', async () => {
    const last = ledger.rows().at(-1)!;
    const { hash: _h, prevHash: _p, ...metadata } = JSON.parse(last.metadata) as Record<string, unknown>;
    ledger.tamper((db) =>
      db
        .prepare(
          'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, 0)',
        )
        .run('forged', last.stream_id, last.revision + 1, last.type, last.data, JSON.stringify(metadata)),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(
      /^verify: FAILED at position \d+, .*: the event carries no valid hash\/prevHash/,
    );
  });

  it('catches a stream truncated at the tail of the log: the read models remember what the log lost', async () => {
    const last = ledger.rows().at(-1)!;
    ledger.tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(last.position));
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toBe(
      `verify: FAILED at read models: the read models have applied the log up to position ${last.position}, but it now ends at ${last.position - 1}: events after ${last.position - 1} were removed`,
    );
  });

  it('catches a stream truncated inside the log: its effects are still in the read models', async () => {
    const victim = ledger.rows("type = 'BeneficiaryTownshipChanged'").at(-1)!;
    expect(streamOf(victim).at(-1)!.position).toBe(victim.position); // the stream's last event: no gap shows
    ledger.tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(victim.position));
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(
      /^verify: FAILED at read models: table \w+ differs from a fresh replay of the log/,
    );
  });

  it('catches live read models changed behind the projections’ back', async () => {
    ledger.readModels((db) =>
      db.exec("UPDATE funding_source SET allocated_fen = allocated_fen + 100 WHERE source = 'upper'"),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(firstLine(out)).toMatch(
      /^verify: FAILED at read models: table funding_source differs .*row \d+ \(in sorted order\): live \{.*"allocated_fen":13350100/,
    );
  });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
