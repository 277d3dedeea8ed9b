#!/usr/bin/env node
// Runs a TypeScript entry point without a build step: SWC transpiles on load (tsconfig paths, decorator metadata).
// Type-checking is `npm run typecheck`; this only executes.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts.js FILE [args…]');
  process.exit(2);
}
process.argv.splice(1, 2, require('path').resolve(entry));
require(require('path').resolve(entry));
