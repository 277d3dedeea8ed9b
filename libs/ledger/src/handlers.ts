import { OpenProgramYearHandler } from './programs/handlers/open-program-year.handler';
import { RecordAllocationHandler } from './programs/handlers/record-allocation.handler';
import { EnrollBeneficiaryHandler } from './enrollment/handlers/enroll-beneficiary.handler';
import { DraftPaymentBatchHandler } from './disbursement/handlers/draft-payment-batch.handler';
import { ApprovePaymentBatchHandler } from './disbursement/handlers/approve-payment-batch.handler';
import { RecordBankReturnHandler } from './disbursement/handlers/record-bank-return.handler';
import { ReversePaymentHandler } from './disbursement/handlers/reverse-payment.handler';
import { REGISTRY_HANDLERS } from './registry/handlers';
import { GetBeneficiaryHandler, ListBeneficiariesHandler } from './queries/handlers/beneficiary.query-handlers';
import { GetBeneficiaryHistoryHandler, GetPaymentBatchHistoryHandler } from './queries/handlers/history.query-handlers';
import {
  GetPaymentBatchHandler,
  ListPaymentBatchesHandler,
  ListProgramsHandler,
} from './queries/handlers/payment-batch.query-handlers';
import { GetBankFileHandler } from './queries/handlers/bank-file.query-handler';
import { GetReportHandler } from './queries/handlers/report.query-handler';

export const COMMAND_HANDLERS = [
  ...REGISTRY_HANDLERS,
  OpenProgramYearHandler,
  RecordAllocationHandler,
  EnrollBeneficiaryHandler,
  DraftPaymentBatchHandler,
  ApprovePaymentBatchHandler,
  RecordBankReturnHandler,
  ReversePaymentHandler,
];

export const QUERY_HANDLERS = [
  GetBeneficiaryHandler,
  ListBeneficiariesHandler,
  GetBeneficiaryHistoryHandler,
  GetPaymentBatchHistoryHandler,
  GetPaymentBatchHandler,
  ListPaymentBatchesHandler,
  ListProgramsHandler,
  GetBankFileHandler,
  GetReportHandler,
];
