import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A reason the demo will not run, told to the operator (exit code 2). */
export class DemoRefusal extends Error {
  override readonly name = 'DemoRefusal';
}

/**
 * The data directory to record into: the one asked for (`--data-dir`, else LEDGER_DATA_DIR) if it is empty or
 * does not exist yet (it is created), or a new temporary one. A directory with anything in it is refused:
 * the demo records a whole county's year and must not mix it into an existing ledger.
 */
export function prepareDataDir(requested: string | undefined): string {
  if (requested === undefined || requested === '') {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'jinzhai-2024-'));
  }
  const dir = path.resolve(requested);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  if (!fs.statSync(dir).isDirectory()) throw new DemoRefusal(`${dir} is not a directory`);
  const entries = fs.readdirSync(dir);
  if (entries.length > 0) {
    throw new DemoRefusal(
      `${dir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); give an empty or new directory`,
    );
  }
  return dir;
}
