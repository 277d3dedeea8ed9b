/** Category digit of the second-generation certificate number (残疾类别). */
export type Category = 'visual' | 'hearing' | 'speech' | 'physical' | 'intellectual' | 'mental' | 'multiple';
/** 1 most severe … 4 (残疾等级). */
export type Grade = 1 | 2 | 3 | 4;
export type Sex = 'male' | 'female';
