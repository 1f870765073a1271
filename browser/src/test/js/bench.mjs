// The measurements of the browser benchmark, run in headless Chromium by
// dev.grove.browser.bench.BrowserBenchmark (./benchmark browser). Each function of window.bench
// measures one thing with performance.now(), checks that what it wrote reads back, and resolves
// to plain data. Times are in milliseconds.
import { open } from './grove.js';

// Milliseconds from the start of the navigation to this line: the page, grove.js fetched,
// compiled and evaluated (a module's imports are evaluated before its body).
const moduleReady = performance.now();

function check(condition, message) {
  if (!condition) {
    throw new Error('benchmark check failed: ' + message);
  }
}

/** The key of number i in a store of hierarchical keys: 1,000 keys per top directory, 100 per subdirectory. */
function bigKey(i) {
  return `d${Math.floor(i / 1000)}/e${Math.floor(i / 100) % 10}/k${i}`;
}

function bigValue(i) {
  return `value of key ${i}`;
}

/** The key of the i-th single-key set: 20 directories, so that none grows past count / 20 keys. */
function setKey(i) {
  return `sets/d${i % 20}/k${i}`;
}

/**
 * `count` single-key sets of new keys in a row (each a commit, each awaited) on a new store,
 * after `warmup` sets that are not timed. With `flat` > 0, the store first gets a directory of
 * `flat` keys (one transaction, not timed) and the sets go into that directory: a set rewrites
 * the whole directory it changes, so its cost grows with the directory's size.
 */
async function sets({ name, memory, count, warmup, flat }) {
  const store = await open(name, memory ? { memory: true } : undefined);
  try {
    const main = store.branch('main');
    let commits = 0;
    if (flat > 0) {
      await main.transact(draft => {
        for (let i = 0; i < flat; i++) {
          draft.set(`flat/k${i}`, `value ${i}`);
        }
      });
      commits++;
    }
    const key = flat > 0 ? i => `flat/new${i}` : setKey;
    for (let i = 0; i < warmup; i++) {
      await main.set(`warmup/k${i}`, `warm ${i}`);
    }
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      await main.set(key(i), `value ${i}`);
    }
    const ms = performance.now() - t0;
    check(await main.getText(key(count - 1)) === `value ${count - 1}`, 'the last set reads back');
    check((await main.log()).length === commits + warmup + count, 'one commit per set');
    return { ms, count, perSecond: count * 1000 / ms };
  } finally {
    await store.close();
  }
}

/** One transaction setting `keys` keys (hierarchical paths) on a new store: one commit. */
async function bigTransaction({ name, memory, keys }) {
  const store = await open(name, memory ? { memory: true } : undefined);
  try {
    const main = store.branch('main');
    await main.set('first', 'so that the branch exists');
    const paths = [];
    const values = [];
    for (let i = 0; i < keys; i++) {
      paths.push(bigKey(i));
      values.push(bigValue(i));
    }
    const t0 = performance.now();
    const r = await main.transact(draft => {
      for (let i = 0; i < keys; i++) {
        draft.set(paths[i], values[i]);
      }
    }, { message: `${keys} keys` });
    const ms = performance.now() - t0;
    check(r.status === 'committed', 'the transaction committed: ' + JSON.stringify(r));
    const probe = Math.floor(keys / 2) + 7;
    check(await main.getText(bigKey(probe)) === bigValue(probe), 'a key of the transaction reads back');
    check((await main.log()).length === 2, 'one commit for the transaction');
    return { ms, keys };
  } finally {
    await store.close();
  }
}

/** Fills store `name` (IndexedDB) with `total` keys in transactions of `batch` keys each. */
async function build({ name, total, batch }) {
  const store = await open(name);
  try {
    const main = store.branch('main');
    check(await main.head() === null, `store ${name} is new`);
    const times = [];
    for (let from = 0; from < total; from += batch) {
      const to = Math.min(total, from + batch);
      const t0 = performance.now();
      const r = await main.transact(draft => {
        for (let i = from; i < to; i++) {
          draft.set(bigKey(i), bigValue(i));
        }
      }, { message: `keys ${from} to ${to - 1}` });
      times.push(performance.now() - t0);
      check(r.status === 'committed', 'a build transaction committed: ' + JSON.stringify(r));
    }
    return { times, head: await main.head() };
  } finally {
    await store.close();
  }
}

/**
 * In a fresh page: opens store `name`, reads key number `key` (timed together: the open and the
 * read), reads a second key, then times `sets` single-key sets in it.
 */
async function openAndRead({ name, key, other, sets }) {
  const t0 = performance.now();
  const store = await open(name);
  const t1 = performance.now();
  const main = store.branch('main');
  const value = await main.getText(bigKey(key));
  const t2 = performance.now();
  const otherValue = await main.getText(bigKey(other));
  const t3 = performance.now();
  try {
    check(value === bigValue(key), `key ${key} reads back: ${value}`);
    check(otherValue === bigValue(other), `key ${other} reads back: ${otherValue}`);
    const setTimes = [];
    if (sets > 0) {
      for (let i = 0; i < sets; i++) {
        const s = performance.now();
        await main.set(`extra/k${key}-${i}`, `extra ${i}`);
        setTimes.push(performance.now() - s);
      }
    }
    return { moduleReady, open: t1 - t0, read: t2 - t1, openAndRead: t2 - t0, secondRead: t3 - t2,
      setTimes };
  } finally {
    await store.close();
  }
}

window.bench = { sets, bigTransaction, build, openAndRead };
