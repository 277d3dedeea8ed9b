import fs from 'node:fs';
import path from 'node:path';
import { parseSealLeafLine, sealLeafLine } from './seal-leaf';
import type { StreamHead } from './stream-head';

/**
 * A seal's leaves, kept beside the log (`<dataDir>/seals/seal-<position>.leaves`): one leaf line per stream in
 * leaf order, LF-terminated. The seal event holds only the root (a leaf per stream would not fit one event);
 * the file lets an auditor recompute the root by hand and lets `verify` name which streams changed. It proves
 * nothing by itself: `verify` uses it only if it hashes to the recorded root.
 */
export function sealLeavesPath(dataDir: string, sealPosition: bigint): string {
  return path.join(dataDir, 'seals', `seal-${sealPosition.toString()}.leaves`);
}

export function writeSealLeaves(file: string, leaves: Iterable<StreamHead>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(`${file}.tmp`, 'w');
  try {
    let chunk: string[] = [];
    for (const leaf of leaves) {
      chunk.push(`${sealLeafLine(leaf)}\n`);
      if (chunk.length === 10_000) {
        fs.writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    fs.writeSync(fd, chunk.join(''));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);
}

/** The kept leaves, or undefined when there is no readable file. */
export function readSealLeaves(file: string): StreamHead[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return text
      .split('\n')
      .filter((l) => l !== '')
      .map(parseSealLeafLine);
  } catch {
    return undefined;
  }
}
