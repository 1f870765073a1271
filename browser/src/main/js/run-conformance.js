// Runs the conformance suite that TeaVM compiled into conformance.js (beside this file) in Node:
//   node browser/target/javascript/run-conformance.js
// Prints one line per case and "conformance: N passed, M failed"; exits with 1 when a case fails.
require('./conformance.js').main([]);
