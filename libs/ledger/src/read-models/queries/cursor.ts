/**
 * Keyset pagination. A cursor is opaque to clients: base64url of "<list>:<seq>", seq being the log position
 * of the last item's founding event (a registration, a draft), which never changes. So a page never skips or
 * repeats an item however many are added meanwhile, and a cursor of one list is refused by another.
 */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  readonly field = 'cursor';
  constructor(readonly cursor: string) {
    super('cursor: not a cursor this list gave out');
  }
}

export type CursorList = 'beneficiaries' | 'payment-batches';

export function encodeCursor(list: CursorList, seq: number): string {
  return Buffer.from(`${list}:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(list: CursorList, cursor: string): number {
  const m = /^([a-z-]+):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (m === null || m[1] !== list) throw new InvalidCursorError(cursor);
  return Number(m[2]);
}

/** Takes `limit` items of `limit + 1` fetched; the cursor points after the last one taken when more remain. */
export function page<Row extends { seq: number }, Item>(
  list: CursorList,
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const taken = more ? rows.slice(0, limit) : rows;
  return {
    items: taken.map(toItem),
    nextCursor: more ? encodeCursor(list, taken[taken.length - 1].seq) : null,
  };
}
