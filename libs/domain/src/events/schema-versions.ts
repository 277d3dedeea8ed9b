/**
 * The data-schema version of each event type, written into every event's metadata. Bump a version when a
 * type's data changes shape, and add an upcaster for the old one; recorded history is never rewritten.
 */
export const EVENT_SCHEMA_VERSIONS = {
  BeneficiaryRegistered: 1,
  BeneficiaryReassessed: 1,
  BeneficiaryBankAccountChanged: 1,
  BeneficiaryTownshipChanged: 1,
  ProgramYearOpened: 1,
  ProgramYearAmended: 1,
  AllocationRecorded: 1,
  BeneficiaryEnrolled: 1,
  PaymentBatchDrafted: 1,
  PaymentBatchLinesDrafted: 2, // v2: lines as columns (v1: one object per line)
  PaymentBatchApproved: 1,
  BankReturnRecorded: 1,
  PaymentReversed: 1,
  IdempotentRequestCompleted: 1,
  LedgerSealed: 1,
} as const;

export type LedgerEventType = keyof typeof EVENT_SCHEMA_VERSIONS;

export function schemaVersionOf(type: string): number {
  const v = (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type];
  if (v === undefined) throw new Error(`unknown event type ${type}: add it to EVENT_SCHEMA_VERSIONS`);
  return v;
}
