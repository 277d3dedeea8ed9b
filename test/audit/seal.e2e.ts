import fs from 'node:fs';
import path from 'node:path';
import { careScenario, payBack } from '@subsidy/ledger/read-models/testing/care-scenario';
import { changeOneByte, named, RecordedLedger } from './support/recorded-ledger';

/** Seals: a commitment to every stream's head that later tampering, truncation included, cannot meet. */
describe('seal', () => {
  const scenario = careScenario();
  payBack(scenario);
  const events = scenario.ledger.events;
  const before = events.slice(0, 200);
  const after = events.slice(200);
  const recorded = new RecordedLedger();
  let ledger: RecordedLedger;

  beforeAll(async () => {
    await recorded.record(before);
    await recorded.project();
  });
  beforeEach(() => {
    ledger = new RecordedLedger(recorded);
    ledger.now = new Date('2024-03-02T06:30:00.000Z');
  });
  afterEach(() => ledger.remove());
  afterAll(() => recorded.remove());

  const RECEIPT = /^seal@(\d+):([0-9a-f]{64}):(\S+)$/;

  it('records a LedgerSealed event and prints the receipt as one line and as JSON', async () => {
    const { code, out, err } = await ledger.seal('--actor', 'auditor-wu');
    expect(code).toBe(0);
    const [line, json] = out.trimEnd().split('\n');
    const [, position, root, sealedAt] = RECEIPT.exec(line!)!;
    expect(sealedAt).toBe('2024-03-02T06:30:00.000Z');
    expect(JSON.parse(json!)).toEqual({
      receipt: line,
      position,
      upToPosition: String(before.length),
      root,
      streamCount: new Set(before.map((e) => e.streamId)).size,
      eventCount: before.length,
      sealedAt,
    });
    const [seal] = ledger.rows('position = ?', Number(position));
    expect(seal).toMatchObject({ stream_id: 'audit-seals', type: 'LedgerSealed' });
    expect(JSON.parse(seal!.metadata)).toMatchObject({ actor: 'auditor-wu', recordedAt: sealedAt });
    expect(err).toContain(path.join('seals', `seal-${position}.leaves`));
  });

  it('keeps the leaves, one "streamId TAB revision TAB hash" line per stream, for an auditor to recompute', async () => {
    const { out } = await ledger.seal();
    const position = RECEIPT.exec(out.split('\n')[0]!)![1]!;
    const leaves = fs
      .readFileSync(path.join(ledger.dataDir, 'seals', `seal-${position}.leaves`), 'utf8')
      .trimEnd()
      .split('\n');
    const head = ledger.rows("stream_id = 'program-year-care-services-2024'").at(-1)!;
    expect(leaves).toContain(`${head.stream_id}\t${head.revision}\t${JSON.parse(head.metadata).hash}`);
    expect(leaves).toHaveLength(new Set(before.map((e) => e.streamId)).size);
  });

  it('still verifies, receipt and all, after more events are appended', async () => {
    const receipt = (await ledger.seal()).out.split('\n')[0]!;
    await ledger.record(after);
    const { code, out } = await ledger.verify('--receipt', receipt);
    expect(code).toBe(0);
    expect(out).toContain('  seals        1 recomputed from the log (latest over positions ≤ 200');
    expect(out).toContain('  receipts     1 checked against the seal at their position');
    expect(out).toContain(`  events       ${events.length + 1} `);
  });

  it('takes the receipt from the file the auditor saved it in, JSON form included', async () => {
    const json = (await ledger.seal()).out.split('\n')[1]!;
    const file = path.join(ledger.dataDir, 'receipt.json');
    fs.writeFileSync(file, json);
    expect((await ledger.verify('--receipt', file)).code).toBe(0);
  });

  it('catches a stream truncated before the seal, naming the stream and where it now ends', async () => {
    await ledger.seal();
    await ledger.record(after);
    // A person's last event before the seal, with none after it: no chain gap can show the loss.
    const victim = ledger.rows("type = 'BeneficiaryReassessed'").at(-1)!;
    const stream = ledger.rows('stream_id = ?', victim.stream_id);
    expect(stream.at(-1)!.position).toBe(victim.position);
    ledger.tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(victim.position));
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toMatch(
      new RegExp(
        `^verify: FAILED at ${escape(named(stream.at(-2)!))}: the stream now ends here, but seal@\\d+ committed it at revision ${victim.revision}: 1 event\\(s\\) after this one were removed \\(truncated\\)`,
      ),
    );
    expect(out).toMatch(
      /: sealed root [0-9a-f]{16}… over positions ≤ 200 \(\d+ streams, 200 events\) ≠ recomputed [0-9a-f]{16}… \(\d+ streams, 199 events\): history before the seal changed/,
    );
  });

  it('still catches the truncation when the kept leaves are gone, at the seal', async () => {
    const { out: receipt } = await ledger.seal();
    fs.rmSync(path.join(ledger.dataDir, 'seals'), { recursive: true });
    const victim = ledger.rows("type = 'BeneficiaryReassessed'").at(-1)!;
    ledger.tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(victim.position));
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    const position = RECEIPT.exec(receipt.split('\n')[0]!)![1]!;
    expect(out.split('\n')[0]).toMatch(
      new RegExp(
        `^verify: FAILED at position ${position}, stream audit-seals, revision 0, LedgerSealed: sealed root`,
      ),
    );
  });

  it('fails a receipt whose root is not the one recorded at its position', async () => {
    const receipt = (await ledger.seal()).out.split('\n')[0]!;
    const [, position, root, sealedAt] = RECEIPT.exec(receipt)!;
    const forged = `seal@${position}:${changeOneByte(root!)}:${sealedAt}`;
    const { code, out } = await ledger.verify('--receipt', forged);
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toMatch(
      new RegExp(
        `^verify: FAILED at position ${position}, stream audit-seals, revision 0, LedgerSealed: receipt root`,
      ),
    );
  });

  it('fails a receipt for a seal that was removed from the log', async () => {
    const receipt = (await ledger.seal()).out.split('\n')[0]!;
    const position = Number(RECEIPT.exec(receipt)![1]);
    ledger.tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(position));
    const { code, out } = await ledger.verify('--receipt', receipt);
    expect(code).toBe(1);
    expect(out).toContain(
      `the receipt names a seal at position ${position}, but the log has no event there: it was removed`,
    );
  });

  it('catches a seal whose recorded root was rewritten, at the seal', async () => {
    const receipt = (await ledger.seal()).out.split('\n')[0]!;
    const position = Number(RECEIPT.exec(receipt)![1]);
    const [seal] = ledger.rows('position = ?', position);
    ledger.tamper((db) =>
      db
        .prepare('UPDATE events SET data = ? WHERE position = ?')
        .run(changeOneByte(seal!.data, seal!.data.indexOf('"root"')), position),
    );
    const { code, out } = await ledger.verify();
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toMatch(
      new RegExp(`^verify: FAILED at ${escape(named(seal!))}: content changed`),
    );
  });

  it('refuses to seal a log that does not verify, and records nothing', async () => {
    const row = ledger.rows()[20]!;
    ledger.tamper((db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changeOneByte(row.data), row.position),
    );
    const { code, out, err } = await ledger.seal();
    expect(code).toBe(1);
    expect(out.split('\n')[0]).toMatch(
      new RegExp(`^verify: FAILED at ${escape(named(row))}: content changed`),
    );
    expect(err).toMatch(/refused/);
    expect(ledger.rows("stream_id = 'audit-seals'")).toEqual([]);
  });

  it('refuses a receipt that is not one', async () => {
    await expect(ledger.verify('--receipt', 'seal@12:not-a-root:yesterday')).rejects.toThrow(
      /not a seal receipt/,
    );
  });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
