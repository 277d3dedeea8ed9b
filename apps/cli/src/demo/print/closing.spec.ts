import { nextSteps, timings } from './closing';

describe('nextSteps', () => {
  it('gives the exact commands to start the API on the data and to add a user', () => {
    const text = nextSteps('/tmp/jinzhai-2024-abc');
    expect(text).toContain('  LEDGER_DATA_DIR=/tmp/jinzhai-2024-abc npm start\n');
    expect(text).toContain(
      '  LEDGER_DATA_DIR=/tmp/jinzhai-2024-abc npm run cli -- user add sun --role auditor\n',
    );
  });

  it('quotes a directory the shell would split or expand', () => {
    expect(nextSteps("/data/it's here")).toContain(`LEDGER_DATA_DIR='/data/it'\\''s here' npm start`);
  });
});

describe('timings', () => {
  it('shows commands per second for each phase and the total time', () => {
    const text = timings(
      [
        { phase: 'register', commands: 27_066, ms: 27_066 },
        { phase: 'reports', commands: 0, ms: 12 },
      ],
      30_000,
    );
    expect(text).toMatch(/register\s+27,066\s+27\.1\s+1,000/);
    expect(text).toMatch(/reports\s+0\s+0\.0$/m);
    expect(text).toMatch(/total \(incl\. start-up\)\s+27,066\s+30\.0/);
  });
});
