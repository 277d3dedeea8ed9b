import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { EventData } from '../port/event-store.port';
import type { JsonObject, JsonValue } from '../port/json';
import { serializeEvent } from '../port/append-limit';
import { chain } from './chain-events';
import { verifyChain } from './chain-verifier';

/**
 * Canonical JSON by the rule's words (keys sorted at every depth, JSON.stringify otherwise, so members without
 * JSON dropped and array items without it null).
 */
const reference = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map((item) => reference(item ?? null)).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v)!;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('chain', () => {
  it('writes, byte for byte, what the chain wrote before it was rewritten for speed (old logs still verify)', async () => {
    // Events of every kind of content, and below them the rows the previous implementation stored for them
    // (captured from it): same data text, same metadata text, same hashes.
    const events: EventData[] = [
      {
        id: '0190d5e4-0000-7000-8000-000000000001',
        type: 'BeneficiaryEnrolled',
        data: {
          enrollmentId: 'e-1',
          programCode: 'assistive-devices',
          year: 2024,
          personId: '340123199001011234',
          tier: 'standard',
          entitled: '1200.00',
        },
        metadata: {
          schemaVersion: 1,
          actor: 'clerk-li',
          correlationId: 'c-1',
          causationId: 'c-1',
          recordedAt: '2025-01-15T02:00:00.000Z',
        },
      },
      {
        id: '0190d5e4-0000-7000-8000-000000000002',
        type: 'ProgramYearOpened',
        data: {
          quota: 120,
          rates: { residential: '500.00', day: '300.00', home: '200.00' },
          fundingPlan: { upper: '1000.00', county: '500.00' },
          note: 'tab\there "quoted" back\\slash 残疾人 \u2028 \ud800',
          lines: [1, -0, 1.5e-7, 2e21, null, true, false, { b: 1, a: [] }],
          gone: undefined,
        } as unknown as JsonValue,
        metadata: {
          schemaVersion: 2,
          actor: '王',
          correlationId: 'c-2',
          causationId: 'c-1',
          reason: 'line1\nline2',
          recordedAt: '2025-01-15T02:00:00.001Z',
          idempotencyKey: 'k"1',
          hash: 'forged',
          prevHash: 'forged',
        },
      },
      {
        id: '0190d5e4-0000-7000-8000-000000000003',
        type: 'Sorted',
        data: { a: 1, b: 'x', c: { d: 'y' } },
        metadata: { actor: 'a', recordedAt: 'r', '10': 'ten', '9': 'nine', z: { nested: [{}] } },
      },
      { id: '0190d5e4-0000-7000-8000-000000000004', type: 'Empty', data: {}, metadata: {} },
      {
        id: '0190d5e4-0000-7000-8000-000000000005',
        type: 'Scalar',
        data: 'just a string',
        metadata: { actor: 'x' },
      },
      {
        id: '0190d5e4-0000-7000-8000-000000000006',
        type: 'Array',
        data: [{ y: 1, x: 2 }, 'é', [undefined]] as unknown as JsonValue,
        metadata: { actor: 'x', schemaVersion: 1 },
      },
    ];
    const stored = [
      [
        '{"enrollmentId":"e-1","programCode":"assistive-devices","year":2024,"personId":"340123199001011234","tier":"standard","entitled":"1200.00"}',
        '{"actor":"clerk-li","causationId":"c-1","correlationId":"c-1","prevHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","recordedAt":"2025-01-15T02:00:00.000Z","schemaVersion":1,"hash":"21aca0a39b71b4ed675d1fb75e27c2e535a04bbc19e3703c7cf6404ccfd3b3d7"}',
      ],
      [
        '{"quota":120,"rates":{"residential":"500.00","day":"300.00","home":"200.00"},"fundingPlan":{"upper":"1000.00","county":"500.00"},"note":"tab\\there \\"quoted\\" back\\\\slash 残疾人 \u2028 \\ud800","lines":[1,0,1.5e-7,2e+21,null,true,false,{"b":1,"a":[]}]}',
        '{"actor":"王","causationId":"c-1","correlationId":"c-2","idempotencyKey":"k\\"1","prevHash":"21aca0a39b71b4ed675d1fb75e27c2e535a04bbc19e3703c7cf6404ccfd3b3d7","reason":"line1\\nline2","recordedAt":"2025-01-15T02:00:00.001Z","schemaVersion":2,"hash":"74108befa6246ca74fe9ee94dc17f7001227afc79175b0451d21793958852744"}',
      ],
      [
        '{"a":1,"b":"x","c":{"d":"y"}}',
        '{"10":"ten","9":"nine","actor":"a","prevHash":"74108befa6246ca74fe9ee94dc17f7001227afc79175b0451d21793958852744","recordedAt":"r","z":{"nested":[{}]},"hash":"76d9b1fea531d08ab1aceca5836f40f5ba7d0573554ec8f4cf37fdd264e9d443"}',
      ],
      [
        '{}',
        '{"prevHash":"76d9b1fea531d08ab1aceca5836f40f5ba7d0573554ec8f4cf37fdd264e9d443","hash":"a0b1862fcbc03d9840627ee33bf17883e8fd5289406f83c3544bdbf724174c6c"}',
      ],
      [
        '"just a string"',
        '{"actor":"x","prevHash":"a0b1862fcbc03d9840627ee33bf17883e8fd5289406f83c3544bdbf724174c6c","hash":"e62f57de6847baa74d9d4f181c5cfabbefef98249fd4fc49121f719f4fcb5d6c"}',
      ],
      [
        '[{"y":1,"x":2},"é",[null]]',
        '{"actor":"x","prevHash":"e62f57de6847baa74d9d4f181c5cfabbefef98249fd4fc49121f719f4fcb5d6c","schemaVersion":1,"hash":"ff337f180e655886370706d8ffd913c587c10f9fca3188a6a2861c5f58ae1fd4"}',
      ],
    ];

    const chained = chain('stream-é-1', events, 41n, 'a'.repeat(64));

    expect(chained.map(serializeEvent).map((e) => [e.data, e.metadata])).toEqual(stored);
    // And the audit accepts those rows read back (a stream starting at 41 is checked from there on).
    const readBack = stored.map(([data, metadata], i) => ({
      id: events[i]!.id,
      type: events[i]!.type,
      streamId: 'stream-é-1',
      revision: BigInt(41 + i),
      position: BigInt(i + 1),
      recordedAt: new Date(0),
      data: JSON.parse(data!) as JsonValue,
      metadata: JSON.parse(metadata!) as JsonObject,
    }));
    const faults = await verifyChain(readBack);
    expect(faults.map((f) => f.kind)).toEqual(['revision-gap']); // only that it does not start at 0
  });

  /** Checks each chained event against the rule written out, for events chained after `prevHash`. */
  const agreesWithTheRule = (streamId: string, events: EventData[], first: bigint): void => {
    const chained = chain(streamId, events, first, '0'.repeat(64));
    let prev = '0'.repeat(64);
    chained.forEach((c, i) => {
      const e = events[i]!;
      const linked: JsonObject = { ...e.metadata, prevHash: prev };
      const { hash: _dropped, ...covered } = linked;
      const hash = sha256(
        reference({
          data: e.data,
          id: e.id,
          metadata: covered,
          revision: String(first + BigInt(i)),
          streamId,
          type: e.type,
        }),
      );
      expect(c.hash).toBe(hash);
      expect(c.dataJson).toBe(JSON.stringify(e.data));
      expect(c.metadataJson).toBe(`${reference(covered).slice(0, -1)},"hash":"${hash}"}`);
      expect(c.metadata).toEqual(JSON.parse(JSON.stringify({ ...covered, hash })));
      prev = hash;
    });
  };

  it('hashes the canonical JSON of each event linked to the one before, and stores data as JSON.stringify writes it', () => {
    const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
    const event = fc.record({
      id: fc.uuid(),
      type: fc.string({ minLength: 1 }),
      data: json,
      metadata: fc.dictionary(fc.string(), json),
    });
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(event, { minLength: 1, maxLength: 5 }),
        fc.bigInt(0n, 2n ** 63n - 10n),
        agreesWithTheRule,
      ),
      { numRuns: 300 },
    );
  });

  it('writes members right when events of one shape repeat values, whatever they are (the writer keeps the last)', () => {
    // Few values, so members often repeat the last event's value, in place or not: plain and escaped strings,
    // numbers (-0, NaN), members without JSON, nested values.
    const value = fc.constantFrom<unknown>(
      'x',
      'x"y',
      'é',
      '',
      1,
      -0,
      2.5,
      Number.NaN,
      null,
      true,
      undefined,
      { k: 'x' },
      [1, 'x'],
    );
    const event = fc.record({
      id: fc.constantFrom('0190d5e4-0000-7000-8000-000000000001', 'id"2'),
      type: fc.constantFrom('Paid', 'Pa"id'),
      data: fc.record({ b: value, a: value, c: value }) as fc.Arbitrary<JsonValue>,
      metadata: fc.record({ actor: value, recordedAt: value, prevHash: value }) as fc.Arbitrary<JsonObject>,
    });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) =>
        agreesWithTheRule('s', events, 0n),
      ),
      { numRuns: 500 },
    );
  });
});
