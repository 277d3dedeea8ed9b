import { HealthController } from './health/health.controller';
import { ProgramsController } from './programs/programs.controller';
import { BeneficiariesController } from './beneficiaries/beneficiaries.controller';
import { EnrollmentsController } from './enrollments/enrollments.controller';
import { PaymentBatchesController } from './payment-batches/payment-batches.controller';
import { PaymentsController } from './payments/payments.controller';
import { ReportsController } from './reports/reports.controller';

export const API_CONTROLLERS = [
  HealthController,
  ProgramsController,
  BeneficiariesController,
  EnrollmentsController,
  PaymentBatchesController,
  PaymentsController,
  ReportsController,
];
