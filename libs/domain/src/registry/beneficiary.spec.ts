import type { BeneficiaryEvent, BeneficiaryRegistered } from '../events/beneficiary-events';
import { DomainError } from '../shared/domain-error';
import {
  BeneficiaryAlreadyRegistered,
  decide,
  evolve,
  initialBeneficiaryState,
  resolvesTo,
  type BeneficiaryCommand,
  type BeneficiaryState,
} from './beneficiary';
import { makeCertificateNumber } from './certificate';
import { makeIdNumber } from './id-number';

const NOW = new Date('2025-06-01T02:00:00Z'); // 10:00 in Jinzhai
const ID = makeIdNumber('341524', '1990-03-07', 2); // a woman
const CERT = makeCertificateNumber(ID, 'physical', 3);

const given = (...events: BeneficiaryEvent[]): BeneficiaryState =>
  events.reduce(evolve, initialBeneficiaryState());
const when = (command: BeneficiaryCommand, state: BeneficiaryState): BeneficiaryEvent[] =>
  decide(command, state, NOW);
const refusalOf = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const registration = {
  certificateNumber: CERT,
  name: '王秀英',
  township: '梅山镇',
  bankAccount: '6217001234561234',
};
const register = (data: Partial<typeof registration> = {}): BeneficiaryCommand => ({
  type: 'RegisterBeneficiary',
  data: { ...registration, ...data },
});
const registered: BeneficiaryRegistered = {
  type: 'BeneficiaryRegistered',
  data: {
    personId: ID,
    certificateNumber: CERT,
    name: '王秀英',
    township: '梅山镇',
    bankAccount: '6217001234561234',
    birthDate: '1990-03-07',
    sex: 'female',
    category: 'physical',
    grade: 3,
  },
};

describe('beneficiary (登记)', () => {
  describe('RegisterBeneficiary', () => {
    it('given nobody, records the person with birth date, sex, category and grade read from the certificate', () => {
      expect(when(register(), given())).toEqual([registered]);
    });

    it('trims name and township, and upper-cases a lower-case x check character', () => {
      const id = makeIdNumber('341524', '1985-01-01', 5);
      expect(id.endsWith('X')).toBe(true);
      const cert = makeCertificateNumber(id, 'mental', 2);
      const [event] = when(
        register({ certificateNumber: cert.toLowerCase(), name: ' 张三 ', township: ' 青山镇' }),
        given(),
      );
      expect(event!.data).toMatchObject({
        personId: id,
        certificateNumber: cert,
        name: '张三',
        township: '青山镇',
        sex: 'male',
      });
    });

    it('refuses bad input naming every field and rule (400), recording nothing', () => {
      const error = refusalOf(() =>
        when(
          register({
            certificateNumber: `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}43`,
            name: ' ',
            bankAccount: '6217',
          }),
          given(),
        ),
      );
      expect(error.kind).toBe('validation');
      expect(error.errors).toEqual([
        {
          field: 'certificateNumber',
          message: `check character should be ${ID[17]}, is ${ID[17] === '0' ? '1' : '0'}`,
        },
        { field: 'name', message: 'is required' },
        { field: 'bankAccount', message: 'must be 12–30 digits long, is 4' },
      ]);
    });

    it('refuses a birth date after today in Asia/Shanghai', () => {
      const cert = makeCertificateNumber(makeIdNumber('341524', '2025-06-02', 1), 'hearing', 1);
      const error = refusalOf(() => when(register({ certificateNumber: cert }), given()));
      expect(error.errors).toEqual([
        { field: 'certificateNumber', message: 'birth date 2025-06-02 is after today, 2025-06-01' },
      ]);
    });

    it('given the ID number registered, refuses any certificate number for it (409), naming the one on record', () => {
      const other = makeCertificateNumber(ID, 'visual', 1);
      const error = refusalOf(() => when(register({ certificateNumber: other }), given(registered)));
      expect(error).toBeInstanceOf(BeneficiaryAlreadyRegistered);
      expect(error.kind).toBe('conflict');
      expect(error.message).toBe(`ID number ${ID} is already registered, with certificate number ${CERT}`);
      expect((error as BeneficiaryAlreadyRegistered).existingCertificateNumber).toBe(CERT);
    });
  });

  describe('ReassessBeneficiary (换证/等级变更)', () => {
    const reassess = (
      data: Partial<{ category: string; grade: number; reason: string }>,
    ): BeneficiaryCommand =>
      ({
        type: 'ReassessBeneficiary',
        data: { category: 'physical', grade: 3, reason: 're-assessed', ...data },
      }) as BeneficiaryCommand;

    it('derives the new certificate number: same ID part, new category and grade digits', () => {
      expect(when(reassess({ grade: 2 }), given(registered))).toEqual([
        {
          type: 'BeneficiaryReassessed',
          data: {
            personId: ID,
            previousCertificateNumber: CERT,
            certificateNumber: `${ID}42`,
            category: 'physical',
            grade: 2,
          },
        },
      ]);
    });

    it('refuses the same category and grade as on record (422)', () => {
      const error = refusalOf(() => when(reassess({}), given(registered)));
      expect(error.kind).toBe('rule');
      expect(error.message).toBe(
        `certificate ${CERT} already records category physical, grade 3: a re-assessment must change the category or the grade`,
      );
    });

    it('refuses without a reason, or with an unknown category or grade (400)', () => {
      const error = refusalOf(() =>
        when(reassess({ category: 'tall', grade: 5, reason: '  ' }), given(registered)),
      );
      expect(error.kind).toBe('validation');
      expect(error.errors).toEqual([
        {
          field: 'category',
          message: 'must be one of visual, hearing, speech, physical, intellectual, mental, multiple',
        },
        { field: 'grade', message: 'must be 1, 2, 3 or 4 (1 most severe)' },
        { field: 'reason', message: 'is required' },
      ]);
    });

    it('refuses a person never registered (404)', () => {
      expect(refusalOf(() => when(reassess({ grade: 1 }), given())).kind).toBe('not-found');
    });
  });

  describe('ChangeBankAccount and ChangeTownship', () => {
    it('record the new account and the new township', () => {
      const state = given(registered);
      expect(
        when(
          { type: 'ChangeBankAccount', data: { bankAccount: '6228480012345678', reason: 'card lost' } },
          state,
        ),
      ).toEqual([
        { type: 'BeneficiaryBankAccountChanged', data: { personId: ID, bankAccount: '6228480012345678' } },
      ]);
      expect(
        when({ type: 'ChangeTownship', data: { township: ' 南溪镇 ', reason: 'moved' } }, state),
      ).toEqual([{ type: 'BeneficiaryTownshipChanged', data: { personId: ID, township: '南溪镇' } }]);
    });

    it('refuse a change that changes nothing (422), masking the account in the message', () => {
      const state = given(registered);
      const account = refusalOf(() =>
        when(
          { type: 'ChangeBankAccount', data: { bankAccount: '6217001234561234', reason: 'again' } },
          state,
        ),
      );
      expect([account.kind, account.message]).toEqual([
        'rule',
        'the bank account on record is already ************1234',
      ]);
      const township = refusalOf(() =>
        when({ type: 'ChangeTownship', data: { township: '梅山镇', reason: 'again' } }, state),
      );
      expect([township.kind, township.message]).toEqual(['rule', 'the township on record is already 梅山镇']);
    });

    it('refuse bad input (400) and an unregistered person (404)', () => {
      const bad = refusalOf(() =>
        when({ type: 'ChangeBankAccount', data: { bankAccount: '62-17', reason: '' } }, given(registered)),
      );
      expect(bad.errors).toEqual([
        { field: 'bankAccount', message: 'must be digits only; character 3 is "-" U+002D' },
        { field: 'bankAccount', message: 'must be 12–30 digits long, is 5' },
        { field: 'reason', message: 'is required' },
      ]);
      const nobody = refusalOf(() =>
        when({ type: 'ChangeTownship', data: { township: '沙河乡', reason: 'moved' } }, given()),
      );
      expect(nobody.kind).toBe('not-found');
    });
  });

  describe('evolve and resolvesTo', () => {
    const reassessed: BeneficiaryEvent = {
      type: 'BeneficiaryReassessed',
      data: {
        personId: ID,
        previousCertificateNumber: CERT,
        certificateNumber: `${ID}42`,
        category: 'physical',
        grade: 2,
      },
    };

    it('keeps the certificate number in force and every one held', () => {
      const state = given(registered, reassessed);
      expect(state).toMatchObject({
        status: 'registered',
        certificateNumber: `${ID}42`,
        category: 'physical',
        grade: 2,
      });
      expect(state.certificateNumbers).toEqual([CERT, `${ID}42`]);
    });

    it('an old certificate number still resolves to the person after a re-assessment', () => {
      const state = given(registered, reassessed);
      expect(resolvesTo(state, CERT)).toBe(true);
      expect(resolvesTo(state, `${ID}42`)).toBe(true);
    });

    it('a certificate number with the right ID part but never held does not', () => {
      expect(resolvesTo(given(registered, reassessed), `${ID}61`)).toBe(false);
      expect(resolvesTo(given(), CERT)).toBe(false);
    });

    it('going back to an earlier category and grade keeps the list without duplicates', () => {
      const back: BeneficiaryEvent = {
        type: 'BeneficiaryReassessed',
        data: {
          personId: ID,
          previousCertificateNumber: `${ID}42`,
          certificateNumber: CERT,
          category: 'physical',
          grade: 3,
        },
      };
      expect(given(registered, reassessed, back).certificateNumbers).toEqual([CERT, `${ID}42`]);
    });

    it('a lower-case x in the asked number still resolves', () => {
      const id = makeIdNumber('341524', '1985-01-01', 5); // ends in X
      const cert = makeCertificateNumber(id, 'mental', 2);
      const state = given({
        ...registered,
        data: { ...registered.data, personId: id, certificateNumber: cert },
      });
      expect(resolvesTo(state, cert.toLowerCase())).toBe(true);
    });

    it('a stream that does not start with the registration is refused as corrupt', () => {
      expect(() => given(reassessed)).toThrow('BeneficiaryReassessed before BeneficiaryRegistered');
    });
  });
});
