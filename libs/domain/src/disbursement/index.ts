export * from './allocate-funds';
export * from './approved-line-splits';
export * from './digest-lines';
export * from './line-id';
export * from './draft-payment-batch';
export * from './chunk-draft';
export * from './draft-from-events';
