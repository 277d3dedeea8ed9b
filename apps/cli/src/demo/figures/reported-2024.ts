/**
 * What the report (seed/000) says about each program in 2024: quota (任务数), the persons actually served and
 * paid (实际完成 / 已打卡), and — only for care and training — rates and funding. Nothing here is invented;
 * what the report leaves out is in assumed-2024.ts.
 */
import type { ProgramCode } from '@subsidy/domain/catalogue/program-code';
import type { MoneyString } from '@subsidy/domain/shared/money';

export interface ReportedProgramYear {
  quota?: number;
  /** Persons served and paid in full, per tier ('standard' where the program has no named tiers). */
  persons: Readonly<Record<string, number>>;
  rates?: Readonly<Record<string, MoneyString>>;
  fundingPlan?: { upper: MoneyString; county: MoneyString };
  /** The report's words, for the printed comparison. */
  says: string;
}

export const REPORTED_2024: Readonly<Record<ProgramCode, ReportedProgramYear>> = {
  'psychiatric-medication': {
    quota: 1_203,
    persons: { standard: 1_384 },
    says: '精神病人药费补助 任务1203人,已打卡1384人',
  },
  'fuel-subsidy': { persons: { standard: 143 }, says: '残疾人燃油补贴143人的打卡发放' },
  'care-services': {
    quota: 89,
    persons: { residential: 2, day: 5, home: 82 }, // 寄宿制 2 · 日间照料 5 · 居家 82
    rates: { residential: '12000.00', day: '4000.00', home: '2000.00' },
    fundingPlan: { upper: '133500.00', county: '74500.00' }, // 上级残联拨付13.35万元,县级政府配套7.45万元
    says: '托养服务89人;上级拨付13.35万元,县级配套7.45万元',
  },
  'student-aid-higher': { quota: 18, persons: { standard: 31 }, says: '高等教育 任务数18人,录取31人已打卡' },
  'student-aid-vocational': { quota: 15, persons: { standard: 44 }, says: '中等职业教育 任务数15人,完成44人已打卡' },
  'vocational-training': {
    persons: { standard: 668 },
    rates: { standard: '200.00' }, // 培训费用200元/人 (the ~300 yuan of chicks in kind is not money paid)
    says: '职业技能培训668人,培训费用200元/人',
  },
  'child-rehabilitation': { quota: 138, persons: { standard: 319 }, says: '残疾儿童康复训练 任务138人,实际319人' },
  'assistive-devices': {
    persons: { standard: 45 }, // 假肢矫形器 24 + 儿童辅具适配 21
    says: '假肢矫形器24人,儿童辅具适配21人,均超额完成',
  },
  'accessibility-renovation': {
    persons: { standard: 124 },
    says: '124户困难重度残疾人家庭无障碍改造',
  },
};
