/** EventStoreDB's default maximum for one append (data + metadata): every adapter enforces it. */
export const MAX_APPEND_BYTES = 1024 * 1024;
