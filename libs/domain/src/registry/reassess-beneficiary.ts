/**
 * 换证/等级变更: a re-assessment records a new category or grade, hence a new certificate number (same ID part,
 * new last two digits). The old number keeps resolving to the person. The reason goes in the event envelope.
 */
import type { BeneficiaryReassessed } from '../events/beneficiary-events';
import type { BeneficiaryState } from './beneficiary-state';
import { isRegistered } from './beneficiary-state';
import {
  CATEGORIES,
  isCategory,
  isGrade,
  makeCertificateNumber,
  type Category,
  type Grade,
} from './certificate';
import { FieldErrors, notRegistered, unchanged } from './registry-refusals';
import { checkReason } from './validation';

export interface ReassessBeneficiary {
  type: 'ReassessBeneficiary';
  data: { category: Category; grade: Grade; reason: string };
}

/** → BeneficiaryReassessed. Not registered 404; bad category, grade or missing reason 400; no change 422. */
export function decideReassessBeneficiary(
  command: ReassessBeneficiary,
  state: BeneficiaryState,
): [BeneficiaryReassessed] {
  if (!isRegistered(state)) throw notRegistered();
  const { category, grade } = command.data;
  const errors = new FieldErrors();
  if (!isCategory(category)) errors.add('category', `must be one of ${CATEGORIES.join(', ')}`);
  if (!isGrade(grade)) errors.add('grade', 'must be 1, 2, 3 or 4 (1 most severe)');
  errors.take('reason', checkReason(command.data.reason));
  errors.throwIfAny();
  if (category === state.category && grade === state.grade) {
    throw unchanged(
      `certificate ${state.certificateNumber} already records category ${category}, grade ${grade}: a re-assessment must change the category or the grade`,
      [
        { field: 'category', message: `is already ${category}` },
        { field: 'grade', message: `is already ${grade}` },
      ],
    );
  }
  return [
    {
      type: 'BeneficiaryReassessed',
      data: {
        personId: state.personId,
        previousCertificateNumber: state.certificateNumber,
        certificateNumber: makeCertificateNumber(state.personId, category, grade),
        category,
        grade,
      },
    },
  ];
}
