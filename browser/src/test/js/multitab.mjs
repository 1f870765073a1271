// One tab of MultiTabTest: several tabs of one Chromium load this page (same origin, so the same
// IndexedDB store), register watches on branch 'main', then, on a start signal sent over a
// BroadcastChannel (so that they overlap), each writes n commits with unique keys, mixing
// branch.set and branch.transact with every strategy. Each records what was acknowledged and
// every watch event it received; the test (Java) compares the tabs' records with a fresh page's
// reading of the store.
//
// Every function on window.multitab returns a Promise of plain data (what Selenium can carry).
// Query: tab=<name>, store=<store name>, nobc (the page hides BroadcastChannel from grove.js, so
// that it learns of other tabs' commits only by re-reading when shown again or focused).
import { open } from './grove.js';

const params = new URLSearchParams(location.search);
const tab = params.get('tab') ?? 'x';
const storeName = params.get('store') ?? 'multitab';
// The start signal uses the real BroadcastChannel even when grove.js is denied it.
const Channel = window.BroadcastChannel;
if (params.has('nobc')) {
  window.BroadcastChannel = undefined;
}

// 'stats/total' is a counter: 'merge' transactions that increment it concurrently add up.
const MERGE = { 'stats/': 'counter' };
// The kinds of writes, in turn. set-1attempt goes through a second Store opened with
// maxAttempts 1: each compare-and-set it loses surfaces as too_many_retries (and is retried by
// this page with a new key), so lost compare-and-sets become countable. tx-tas-shared increments
// a key every tab increments: a test-and-set conflict is expected there (retried likewise).
const KINDS = ['set', 'tx-set', 'tx-tas-own', 'tx-merge', 'set-1attempt', 'tx-tas-shared'];
const MAX_TRIES = 200;

const now = () => performance.timeOrigin + performance.now();
const describe = e => String(e && e.stack || e) + (e && e.code ? ` (code ${e.code})` : '');

async function waitFor(condition, what, millis) {
  const end = Date.now() + millis;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error(`timed out after ${millis} ms waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

const state = {
  store: null,
  single: null,
  main: null,
  startHead: null,
  events: [],
  keyEvents: [],
  page: [],
  running: null,
  result: null,
};

document.addEventListener('visibilitychange',
  () => state.page.push({ event: 'visibility:' + document.visibilityState, at: now() }));
window.addEventListener('focus', () => state.page.push({ event: 'focus', at: now() }));

/** Writes the first commit of 'main' (the counters at 0) from a store of its own, then closes it. */
async function seed() {
  const store = await open(storeName, { merge: MERGE });
  try {
    const r = await store.branch('main').transact(draft => {
      draft.set('stats/total', 0);
      draft.set('shared/tas', 0);
      draft.set('seed', 'seed');
    }, { message: 'seed' });
    if (r.status !== 'committed') {
      throw new Error('the seed transaction: ' + JSON.stringify(r));
    }
    return { head: r.head };
  } finally {
    await store.close();
  }
}

/** Opens the store, registers a branch watch and a key watch on 'k/', listens for the start signal. */
async function prepare() {
  state.store = await open(storeName,
    { merge: MERGE, author: { name: 'tab ' + tab, email: `tab-${tab}@example.com` } });
  state.single = await open(storeName, { merge: MERGE, maxAttempts: 1 });
  state.main = state.store.branch('main');
  state.main.watch(e => state.events.push({ previous: e.previous, head: e.head, at: now(),
    visibility: document.visibilityState }));
  state.main.watchKeys('k/', (changes, e) => state.keyEvents.push({ previous: e.previous,
    head: e.head, changes: changes.map(c => ({ path: c.path, kind: c.kind })) }));
  state.startHead = await state.main.head();
  const go = new Channel('multitab-go:' + storeName);
  go.onmessage = m => {
    if (m.data && m.data.type === 'go') {
      start(m.data.n, m.data.pause);
    }
  };
  state.go = go;
  return { head: state.startHead, broadcastChannel: typeof window.BroadcastChannel === 'function' };
}

/**
 * Tells every other tab to start writing n commits, and starts this one. With `pause` > 0, each
 * tab waits a random 0 to `pause` ms after each write (so that the tabs' commits interleave).
 */
async function go(n, pause) {
  state.go.postMessage({ type: 'go', n, pause });
  start(n, pause);
  return { at: now() };
}

function start(n, pause) {
  if (state.running) {
    return;
  }
  state.running = run(n, pause || 0).then(r => { state.result = r; },
    e => { state.result = { broken: describe(e) }; });
}

/**
 * One write of kind `kind` adding `key`: {ok: true, head}, or {ok: false, why} when it lost:
 * 'too_many_retries' from the maxAttempts=1 store (one lost compare-and-set), 'conflict' from a
 * test-and-set transaction on the shared counter, 'gave up: too_many_retries' when a write of the
 * default store lost 64 compare-and-sets in a row (allowed, and reported).
 */
async function write(kind, key, value, i) {
  try {
    return await attempt(kind, key, value, i);
  } catch (e) {
    if (e && e.code === 'too_many_retries') {
      return { ok: false, why: 'gave up: too_many_retries' };
    }
    throw e;
  }
}

async function attempt(kind, key, value, i) {
  const main = state.main;
  const message = `${kind} ${key} by tab ${tab}`;
  const expectCommitted = r => {
    if (r.status !== 'committed') {
      return { ok: false, why: 'unexpected ' + r.status + ' ' + JSON.stringify(r.conflicts) };
    }
    return { ok: true, head: r.head };
  };
  switch (kind) {
    case 'set':
      return { ok: true, head: await main.set(key, value, { message }) };
    case 'tx-set':
      return expectCommitted(await main.transact(draft => {
        draft.set(key, value);
        draft.set(`last/${tab}`, i);
      }, { strategy: 'set', message }));
    case 'tx-tas-own':
      return expectCommitted(await main.transact(async draft => {
        const count = (await draft.getJSON(`count/${tab}`)) ?? 0;
        draft.set(`count/${tab}`, count + 1);
        draft.set(key, value);
      }, { strategy: 'test-and-set', message }));
    case 'tx-merge':
      return expectCommitted(await main.transact(async draft => {
        const total = await draft.getJSON('stats/total');
        draft.set('stats/total', total + 1);
        draft.set(key, value);
      }, { strategy: 'merge', message }));
    case 'set-1attempt':
      try {
        return { ok: true, head: await state.single.branch('main').set(key, value, { message }) };
      } catch (e) {
        if (e && e.code === 'too_many_retries') {
          return { ok: false, why: 'too_many_retries' };
        }
        throw e;
      }
    case 'tx-tas-shared': {
      const r = await main.transact(async draft => {
        const n = await draft.getJSON('shared/tas');
        draft.set('shared/tas', n + 1);
        draft.set(key, value);
      }, { strategy: 'test-and-set', message });
      if (r.status === 'conflict') {
        return { ok: false, why: 'conflict' };
      }
      return expectCommitted(r);
    }
    default:
      throw new Error('no kind ' + kind);
  }
}

async function run(n, pause) {
  const acks = [];
  const lost = [];
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length];
    for (let attempt = 0; ; attempt++) {
      if (attempt >= MAX_TRIES) {
        throw new Error(`write ${i} (${kind}) lost ${MAX_TRIES} times in a row`);
      }
      const key = `k/${tab}/${String(i).padStart(3, '0')}-a${attempt}`;
      const value = `v:${tab}:${i}:${attempt}`;
      const began = now();
      const r = await write(kind, key, value, i);
      if (r.ok) {
        acks.push({ kind, i, key, value, head: r.head, began, at: now() });
        if (pause > 0) {
          await new Promise(resolve => setTimeout(resolve, Math.random() * pause));
        }
        break;
      }
      lost.push({ kind, i, key, why: r.why });
    }
  }
  return { tab, start: t0, end: now(), acks, lost };
}

/** Waits (at most `millis`) until this tab's run ended; its record. */
async function finished(millis) {
  await waitFor(() => state.result !== null, `tab ${tab} to finish its writes`, millis);
  return state.result;
}

/**
 * Waits (at most `millis`) until this tab's branch watch and key watch were told of `head`;
 * then every event each received, and the page's visibility and focus events.
 */
async function watched(head, millis) {
  const last = list => list.length > 0 && list[list.length - 1].head === head;
  try {
    await waitFor(() => last(state.events) && last(state.keyEvents),
      `tab ${tab}'s watches to see ${head}`, millis);
  } catch (e) {
    // Returned as it is: the test names what is missing.
  }
  return { tab, startHead: state.startHead, events: state.events, keyEvents: state.keyEvents,
    page: state.page };
}

/** Writes `count` sets of keys 'k/<tab>/f<i>' at once (no start signal); their heads. */
async function writeSome(count) {
  const heads = [];
  for (let i = 0; i < count; i++) {
    heads.push(await state.main.set(`k/${tab}/f${i}`, `f:${tab}:${i}`, { message: `f${i} by ${tab}` }));
  }
  return { heads, at: now() };
}

/**
 * A fresh reading of the store, for the checks: the head, the whole log, every key under 'k/'
 * with its value, the counters, and the values at `keys` (null when absent).
 */
async function snapshot(keys) {
  const store = await open(storeName);
  try {
    const main = store.branch('main');
    const head = await main.head();
    const log = (await store.log('main')).map(c => ({ id: c.id, parents: c.parents,
      message: c.message }));
    const present = [];
    for (const dir of await main.list('k')) {
      for (const entry of await main.list('k/' + dir.name)) {
        present.push(`k/${dir.name}/${entry.name}`);
      }
    }
    const values = {};
    for (const key of keys) {
      values[key] = (await main.getText(key)) ?? null;
    }
    const counters = {};
    for (const dir of ['stats', 'shared', 'count', 'last']) {
      for (const entry of await main.list(dir)) {
        counters[`${dir}/${entry.name}`] = await main.getJSON(`${dir}/${entry.name}`);
      }
    }
    return { head, log, present, values, counters };
  } finally {
    await store.close();
  }
}

window.multitab = { seed, prepare, go, finished, watched, writeSome, snapshot };
