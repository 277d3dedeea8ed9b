/**
 * Townships (乡镇) people are registered in, with a rough weight for how many live there. The first five
 * are named in the report (梅山镇 is the county seat); the others are the county's other townships from
 * public administrative divisions, not from the report — ASSUMED, as are all the weights.
 */
export const TOWNSHIPS: ReadonlyArray<readonly [name: string, weight: number]> = [
  ['梅山镇', 12], // in the report
  ['青山镇', 4], // in the report
  ['油坊店乡', 3], // in the report
  ['沙河乡', 3], // in the report
  ['南溪镇', 4], // in the report
  ['麻埠镇', 4],
  ['燕子河镇', 4],
  ['天堂寨镇', 4],
  ['古碑镇', 4],
  ['双河镇', 4],
  ['白塔畈镇', 4],
  ['汤家汇镇', 4],
  ['斑竹园镇', 4],
  ['吴家店镇', 4],
  ['槐树湾乡', 3],
  ['桃岭乡', 3],
  ['全军乡', 3],
  ['长岭乡', 3],
  ['花石乡', 3],
  ['关庙乡', 3],
  ['果子园乡', 3],
  ['铁冲乡', 3],
];

/** The townships the report itself names. */
export const REPORTED_TOWNSHIPS: readonly string[] = ['梅山镇', '青山镇', '油坊店乡', '沙河乡', '南溪镇'];
