// Runs the README's JavaScript samples (ReadmeJsTest writes each as sample-N.mjs, with every
// line that shows `// → value` turned into a call of __check) and reports each check.
//
// An expected value is the JavaScript after the arrow, where `…` stands for what differs from
// run to run: a value `…` matches anything, a string with `…` matches any text there, and a
// last property `…` lets an object have more properties than shown.

const ANY = Symbol('any');
const MORE = '\u0000more';
let checks = [];

function expectedValue(source) {
  const prepared = source
    .replace(/,\s*…\s*}/g, `, ${JSON.stringify(MORE)}: true }`)
    .replace(/'[^']*'|…/g, token => (token === '…' ? '__ANY' : token));
  return new Function('__ANY', `return (${prepared});`)(ANY);
}

function matches(expected, actual) {
  if (expected === ANY) return true;
  if (typeof expected === 'string' && expected.includes('…')) {
    if (typeof actual !== 'string') return false;
    const parts = expected.split('…').map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return new RegExp(`^${parts.join('.*')}$`, 's').test(actual);
  }
  if (expected instanceof Uint8Array) {
    return actual instanceof Uint8Array && actual.length === expected.length
      && expected.every((b, i) => actual[i] === b);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length
      && expected.every((e, i) => matches(e, actual[i]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected).filter(k => k !== MORE);
    if (!expected[MORE] && Object.keys(actual).length !== keys.length) return false;
    return keys.every(k => k in actual && matches(expected[k], actual[k]));
  }
  return Object.is(expected, actual);
}

function describe(value) {
  if (value instanceof Uint8Array) return `new Uint8Array([${Array.from(value).join(', ')}])`;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value, (k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
  } catch (e) {
    return String(value);
  }
}

globalThis.__check = (line, source, actual) => {
  let ok;
  try {
    ok = matches(expectedValue(source), actual);
  } catch (e) {
    ok = false;
    source += ` (cannot read the expected value: ${e})`;
  }
  checks.push({ line, source, ok, actual: describe(actual) });
  return actual;
};

window.runSample = async file => {
  checks = [];
  await import(`./${file}`);
  return checks;
};
