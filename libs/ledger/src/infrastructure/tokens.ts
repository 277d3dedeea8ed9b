/** Injection tokens for things that are interfaces or third-party objects, not our classes. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
export const CLOCK = Symbol('CLOCK');
