import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoRefusal, prepareDataDir } from './data-dir';

describe('prepareDataDir', () => {
  let base: string;
  beforeEach(() => (base = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-dir-spec-'))));
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('makes a new empty temporary directory when none is asked for', () => {
    const dir = prepareDataDir(undefined);
    try {
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(path.basename(dir)).toMatch(/^jinzhai-2024-/);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('creates a directory that does not exist yet, and accepts an empty one', () => {
    const fresh = path.join(base, 'a', 'b');
    expect(prepareDataDir(fresh)).toBe(fresh);
    expect(fs.statSync(fresh).isDirectory()).toBe(true);
    expect(prepareDataDir(fresh)).toBe(fresh);
  });

  it('refuses a directory that holds anything, naming what it found', () => {
    fs.writeFileSync(path.join(base, 'events.sqlite'), '');
    expect(() => prepareDataDir(base)).toThrow(DemoRefusal);
    expect(() => prepareDataDir(base)).toThrow(/not empty \(events\.sqlite\)/);
  });

  it('refuses a file', () => {
    const file = path.join(base, 'file');
    fs.writeFileSync(file, 'x');
    expect(() => prepareDataDir(file)).toThrow(/not a directory/);
  });
});
