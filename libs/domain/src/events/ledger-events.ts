/** Events of the ledger's own streams: idempotent responses and auditors' seals. */

/** The first answer to an Idempotency-Key, replayed for a retry with the same body. */
export interface IdempotentRequestCompleted {
  type: 'IdempotentRequestCompleted';
  data: {
    keyHash: string;
    method: string;
    path: string;
    bodyHash: string;
    status: number;
    response: unknown;
    position: string; // Ledger-Position of the write
  };
}

/** A commitment to every stream's head hash up to a log position (a Merkle root). */
export interface LedgerSealed {
  type: 'LedgerSealed';
  data: {
    upToPosition: string;
    root: string;
    streamCount: number;
    eventCount: number;
  };
}
