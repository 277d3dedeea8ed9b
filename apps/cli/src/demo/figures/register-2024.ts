/**
 * Jinzhai County's register of certified disabled persons (持证残疾人) at the end of 2024, as the Federation's
 * report gives it (seed/000, 一、2024年工作总结). The demo's people reproduce these marginals exactly.
 */
import type { Category } from '@subsidy/domain/registry/certificate';

/** 金寨县 (GB/T 2260 code of the county, the first six digits of its residents' ID numbers). */
export const JINZHAI_AREA_CODE = '341524';

export const CERTIFIED_PERSONS = 27_066;

/** 一、二级重度 severe, 三、四级 the rest. */
export const BY_SEVERITY = { severe: 17_397, moderate: 9_669 } as const;

export const BY_CATEGORY: Readonly<Record<Category, number>> = {
  visual: 2_690, // 视力
  hearing: 4_162, // 听力
  speech: 578, // 言语
  physical: 13_587, // 肢体
  intellectual: 2_305, // 智力
  mental: 2_572, // 精神
  multiple: 1_172, // 多重
};
