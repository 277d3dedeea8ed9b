/** Who does what in the demo (the maker–checker split is the point: a clerk drafts, another approves). */
export const ACTORS = {
  clerk: 'clerk-li', // 经办人 李: registers, enrolls, drafts batches, imports bank returns
  approver: 'approver-zhao', // 审核人 赵: approves batches, reverses payments
  finance: 'finance-wang', // 财务 王: opens program-years, records allocations
} as const;
