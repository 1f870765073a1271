// A short smoke test of grove.js on IndexedDB in a real browser, driven by GroveJsChromiumTest:
// phase 'write' opens a store and uses the API; the page is then reloaded, and phase 'read'
// opens the same store again and reads back what phase 'write' left. Each phase resolves to
// {checks: [{name, ok, detail}], head}.
import * as grove from './grove.js';

const { open, Store } = grove;

async function check(checks, name, body) {
  try {
    const detail = await body();
    checks.push({ name, ok: true, detail: detail === undefined ? '' : String(detail) });
  } catch (e) {
    checks.push({ name, ok: false, detail: String(e && e.stack || e) + (e && e.code ? ` (code ${e.code})` : '') });
  }
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const waitFor = async (condition, what) => {
  const end = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 5));
  }
};

async function write() {
  const checks = [];
  let store;
  let head;
  await check(checks, 'open a store in IndexedDB', async () => {
    store = await open('smoke', { author: { name: 'Smoke', email: 'smoke@example.com' } });
    expect(store instanceof Store && store.name === 'smoke', 'a Store named smoke');
    if (indexedDB.databases) {
      const names = (await indexedDB.databases()).map(d => d.name);
      expect(names.includes('grove:smoke'), `database grove:smoke in ${names}`);
    }
  });
  const main = store.branch('main');
  await check(checks, 'set and get text, bytes and JSON', async () => {
    await main.set('notes/today', 'buy milk ✓', { message: 'first note' });
    await main.set('bin/b', new Uint8Array([0, 128, 255]));
    await main.set('doc', { title: 'Hi', tags: ['a'] });
    expect(await main.getText('notes/today') === 'buy milk ✓', 'text');
    expect(same([...await main.get('bin/b')], [0, 128, 255]), 'bytes');
    expect(same(await main.getJSON('doc'), { title: 'Hi', tags: ['a'] }), 'JSON');
    expect(await main.get('nothing') === undefined, 'absent is undefined');
  });
  await check(checks, 'errors carry codes', async () => {
    try {
      await main.get('a/../b');
      throw new Error('no rejection');
    } catch (e) {
      expect(e instanceof Error && e.code === 'invalid_path', `code ${e.code}`);
    }
  });
  await check(checks, 'watch and watchKeys in the page', async () => {
    const events = [];
    const changes = [];
    const stop = main.watch(e => events.push(e));
    const stopKeys = main.watchKeys('notes/', c => changes.push(...c));
    const h = await main.set('notes/later', 'call Bob');
    await waitFor(() => events.length === 1 && changes.length === 1, 'the watch callbacks');
    expect(events[0].head === h, 'the event has the new head');
    expect(same(changes, [{ path: 'notes/later', kind: 'added' }]), JSON.stringify(changes));
    stop();
    stopKeys();
  });
  await check(checks, 'transactions: committed, and a test-and-set conflict', async () => {
    const done = await main.transact(async draft => {
      const text = await draft.getText('notes/today');
      draft.set('notes/copy', text);
      draft.remove('doc');
      return text.length;
    }, { strategy: 'test-and-set', message: 'copy' });
    expect(done.status === 'committed' && done.value === 10, JSON.stringify(done));
    const conflict = await main.transact(async draft => {
      await draft.getText('notes/today');
      await main.set('notes/today', 'changed meanwhile');
      draft.set('notes/x', '1');
    }, { strategy: 'test-and-set' });
    expect(conflict.status === 'conflict' && conflict.conflicts[0].path === 'notes/today',
      JSON.stringify(conflict));
    const merged = await main.transact(async draft => {
      await main.set('notes/y', 'theirs');
      draft.set('notes/z', 'ours');
    }, { strategy: 'merge' });
    expect(merged.status === 'committed', JSON.stringify(merged));
  });
  await check(checks, 'branches and merge', async () => {
    await store.createBranch('dev', 'main');
    await store.branch('dev').set('notes/dev', 'from dev');
    await main.set('notes/main', 'from main');
    const result = await main.merge('dev', { message: 'merge dev' });
    expect(result.status === 'merged', JSON.stringify(result));
    const names = (await store.branches()).map(b => b.name);
    expect(same(names, ['dev', 'main']), names);
    head = await main.head();
    const log = await store.log('main');
    expect(log[0].message === 'merge dev' && log[0].parents.length === 2, 'the merge commit');
    return `${log.length} commits`;
  });
  await check(checks, 'durability reaches IndexedDB: strict by default, relaxed when asked', async () => {
    const original = IDBDatabase.prototype.transaction;
    const seen = [];
    IDBDatabase.prototype.transaction = function (stores, mode, options) {
      if (mode === 'readwrite') seen.push(options && options.durability);
      return original.call(this, stores, mode, options);
    };
    try {
      for (const durability of [undefined, 'relaxed', 'strict']) {
        seen.length = 0;
        const s = await open('smoke-durability', durability ? { durability } : {});
        await s.branch('main').set('k', String(durability));
        await s.close();
        expect(seen.length > 0 && seen.every(d => d === (durability || 'strict')),
          `${durability}: write transactions had ${JSON.stringify(seen)}`);
      }
      const again = await open('smoke-durability', { durability: 'relaxed' });
      expect(await again.branch('main').getText('k') === 'strict', 'every write is there');
      await again.destroy();
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
  });
  await check(checks, 'close', async () => {
    await store.close();
    try {
      await main.get('doc');
      throw new Error('no rejection');
    } catch (e) {
      expect(e.code === 'closed', `code ${e.code}`);
    }
  });
  return { checks, head };
}

async function read(expectedHead) {
  const checks = [];
  let store;
  await check(checks, 'reopen the store after a reload', async () => {
    store = await open('smoke');
    expect(await store.branch('main').head() === expectedHead, 'the same head as before the reload');
  });
  const main = store.branch('main');
  await check(checks, 'read back what the other page load wrote', async () => {
    expect(await main.getText('notes/today') === 'changed meanwhile', 'text');
    expect(await main.getText('notes/copy') === 'buy milk ✓', 'the transaction copy');
    expect(same([...await main.get('bin/b')], [0, 128, 255]), 'bytes');
    expect(await main.getJSON('doc') === undefined, 'removed in the transaction');
    expect(await main.getText('notes/dev') === 'from dev', 'merged from dev');
    const names = (await store.branches()).map(b => b.name);
    expect(same(names, ['dev', 'main']), names);
    const log = await main.log();
    expect(log.every(c => c.author.name === 'Smoke' || c.author.name === 'Grove'), 'authors');
    return `${log.length} commits`;
  });
  await check(checks, 'a second Store on the same database sees commits (watch)', async () => {
    const other = await open('smoke');
    const events = [];
    const stop = main.watch(e => events.push(e));
    const h = await other.branch('main').set('notes/from-other', 'hello');
    await waitFor(() => events.some(e => e.head === h), 'the event from the other Store');
    expect(await main.getText('notes/from-other') === 'hello', 'read through the first Store');
    stop();
    await other.close();
  });
  await check(checks, 'a memory store is separate', async () => {
    const memory = await open('smoke', { memory: true });
    expect(await memory.branch('main').head() === null, 'empty');
    await memory.close();
  });
  await store.close();
  return { checks };
}

window.groveSmoke = phase => (phase === 'write' ? write() : read(phase));
