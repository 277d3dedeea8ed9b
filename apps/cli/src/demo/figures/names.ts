/**
 * Name parts for generated people. Surnames lean towards those common in western Anhui (汪, 余, 詹, 储 …;
 * the report quotes trainees 汪*, 代**, 江**); weights are rough, not census figures.
 */
export const SURNAMES: ReadonlyArray<readonly [surname: string, weight: number]> = [
  ['汪', 9], ['王', 8], ['陈', 8], ['李', 7], ['张', 7], ['余', 5], ['胡', 5], ['刘', 5], ['周', 4],
  ['徐', 4], ['詹', 3], ['杨', 3], ['吴', 3], ['程', 3], ['江', 3], ['黄', 3], ['储', 2], ['朱', 2],
  ['漆', 2], ['洪', 2], ['何', 2], ['郑', 2], ['代', 2], ['方', 2], ['袁', 2], ['彭', 1], ['鲍', 1],
  ['廖', 1], ['叶', 1], ['孙', 1], ['赵', 1], ['易', 1], ['许', 1], ['桂', 1], ['晏', 1], ['丁', 1],
];

/** Characters of given names (one or two of them), by the sex the ID number's sequence gives. */
export const GIVEN_NAME_CHARACTERS = {
  male: [...'德明国华建军永志伟强文平海林春亮金宏新东家友学良成贵祥福才兵勇俊杰涛斌光辉'],
  female: [...'秀英兰芳桂珍玉红丽娟霞梅琴云凤花翠萍敏静燕艳婷雪慧娜丹菊莲香芬'],
} as const;
