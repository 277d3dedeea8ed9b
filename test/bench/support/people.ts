/**
 * Bench people: valid, unique ID and certificate numbers (GB 11643 check character) for any count, with
 * plausible names, townships and bank accounts. Deterministic: person i is always the same person.
 */
import { CATEGORIES, type Category, type Grade } from '@subsidy/domain/registry/certificate';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国志文玉梅红春生金凤海燕';
export const TOWNSHIPS = ['梅山镇', '麻埠镇', '青山镇', '燕子河镇', '天堂寨镇', '古碑镇', '双河镇', '汤家汇镇', '南溪镇', '花石乡', '沙河乡', '桃岭乡'];
const DAY_MS = 86_400_000;
const BIRTH_BASE = Date.UTC(1950, 0, 1);

export interface BenchPerson {
  idNumber: string;
  certificateNumber: string;
  name: string;
  township: string;
  bankAccount: string;
  birthDate: string;
  category: Category;
  grade: Grade;
}

/** Person i (0-based): ID numbers differ by birth date and sequence number; up to 19,980,000 people. */
export function benchPerson(i: number): BenchPerson {
  const seq = (i % 999) + 1;
  const day = (Math.floor(i / 999) * 37) % 20_000; // a bijection for i < 19,980,000: 37 is prime to 20,000
  const birthDate = new Date(BIRTH_BASE + day * DAY_MS).toISOString().slice(0, 10);
  const body = `341524${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(body[k]) * WEIGHTS[k]!;
  const idNumber = body + CHECK[sum % 11]!;
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const grade = ((Math.floor(i / 7) % 4) + 1) as Grade;
  return {
    idNumber,
    certificateNumber: `${idNumber}${CATEGORIES.indexOf(category) + 1}${grade}`,
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13) % GIVEN.length]!,
    township: TOWNSHIPS[i % TOWNSHIPS.length]!,
    bankAccount: `621700${String(1_000_000_000 + i).padStart(13, '0')}`,
    birthDate,
    category,
    grade,
  };
}

export function benchPeople(count: number, from = 0): BenchPerson[] {
  return Array.from({ length: count }, (_, k) => benchPerson(from + k));
}
