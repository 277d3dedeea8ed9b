export * from './program-year';
export * from './decide';
export * from './open-program-year';
export * from './record-allocation';
export * from './enroll-beneficiary';
export * from './approve-payment-batch';
export * from './record-bank-return';
export * from './reverse-payment';
