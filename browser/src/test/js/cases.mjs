// The small case runner of the Node test scripts: test(name, body) registers a case; run(label)
// runs them in order, prints PASS/FAIL per case (with the stack of a failure), then
// "<label>: N passed, M failed", and sets a failing exit code when one failed.

const cases = [];

/** Registers a case; body may be async. */
export function test(name, body) {
  cases.push({ name, body });
}

/** Runs every registered case, one after the other. */
export async function run(label) {
  let passed = 0;
  let failed = 0;
  for (const { name, body } of cases) {
    try {
      await body();
      passed++;
      console.log(`PASS ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}`);
      for (const line of String(e && e.stack || e).split('\n')) {
        console.log(`    ${line}`);
      }
    }
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  if (failed > 0) {
    process.exitCode = 1;
  }
}
