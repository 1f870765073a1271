// The workloads of the side-by-side benchmark (./benchmark peers), run in headless Chromium by
// dev.grove.browser.bench.PeerBenchmark. window.bench.run({system, workload, name, n}) runs one
// workload once on one system in a new store called `name`, times it with performance.now(),
// then reopens the store, checks what the workload wrote, deletes the store, and resolves to
// {ms, durability}. Values are 100 bytes. Each timed write ends when the system acknowledged
// it (for IndexedDB: the transaction's complete event, with the durability stated).
import { open } from './grove.js';

const { git, LightningFS, PouchDB } = window.peers;

const value = i => `value of key ${i} `.padEnd(100, '.');
/** W1's keys: k/00000, k/00001, ... (one directory). */
const flatKey = i => `k/${String(i).padStart(5, '0')}`;
/** W2's keys: k/DDD/IIIII, 100 keys per directory. */
const deepKey = i => `k/${String(Math.floor(i / 100)).padStart(3, '0')}/${String(i).padStart(5, '0')}`;
/** The keys W3a reads: n of them, spread over the store's keys. */
const sample = (count, n) => Array.from({ length: n }, (_, j) => Math.floor((j * count) / n));

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

const done = request => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
const committed = tx => new Promise((resolve, reject) => {
  tx.oncomplete = resolve;
  tx.onabort = tx.onerror = () => reject(tx.error);
});

/** The floor: the same puts in IndexedDB with nothing on top. */
function rawIndexedDb(durability) {
  const openDb = name => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('kv');
    return done(request);
  };
  return {
    durability: `IndexedDB ${durability}`,
    async write(name, keys) {
      const db = await openDb(name);
      const tx = db.transaction('kv', 'readwrite', { durability });
      keys.forEach((k, i) => tx.objectStore('kv').put(value(i), k));
      await committed(tx);
      db.close();
    },
    async w1(name, n) {
      const db = await openDb(name);
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const tx = db.transaction('kv', 'readwrite', { durability });
        tx.objectStore('kv').put(value(i), flatKey(i));
        await committed(tx);
      }
      const ms = performance.now() - start;
      db.close();
      return ms;
    },
    async w2(name, n) {
      const db = await openDb(name);
      const start = performance.now();
      const tx = db.transaction('kv', 'readwrite', { durability });
      for (let i = 0; i < n; i++) tx.objectStore('kv').put(value(i), deepKey(i));
      await committed(tx);
      const ms = performance.now() - start;
      db.close();
      return ms;
    },
    async reads(name, keys) {
      const db = await openDb(name);
      const start = performance.now();
      const got = [];
      for (const k of keys) got.push(await done(db.transaction('kv', 'readonly').objectStore('kv').get(k)));
      const ms = performance.now() - start;
      db.close();
      return { ms, got };
    },
    async destroy(name) {
      await done(indexedDB.deleteDatabase(name));
    },
  };
}

/** Grove: a commit per set, on IndexedDB. */
function grove(durability) {
  return {
    durability: `IndexedDB ${durability}`,
    async write(name, keys) {
      const store = await open(name, { durability });
      await store.branch('main').transact(draft => { keys.forEach((k, i) => draft.set(k, value(i))); });
      await store.close();
    },
    async w1(name, n) {
      const store = await open(name, { durability });
      const main = store.branch('main');
      const start = performance.now();
      for (let i = 0; i < n; i++) await main.set(flatKey(i), value(i));
      const ms = performance.now() - start;
      await store.close();
      return ms;
    },
    async w2(name, n) {
      const store = await open(name, { durability });
      const start = performance.now();
      await store.branch('main').transact(draft => {
        for (let i = 0; i < n; i++) draft.set(deepKey(i), value(i));
      });
      const ms = performance.now() - start;
      await store.close();
      return ms;
    },
    async reads(name, keys) {
      const store = await open(name, { durability });
      const main = store.branch('main');
      const start = performance.now();
      const got = [];
      for (const k of keys) got.push(await main.getText(k));
      const ms = performance.now() - start;
      await store.close();
      return { ms, got };
    },
    async destroy(name) {
      const store = await open(name);
      await store.destroy();
    },
  };
}

/** PouchDB: a document per key. */
function pouchDb() {
  return {
    durability: 'IndexedDB default (relaxed in Chromium)',
    async write(name, keys) {
      const db = new PouchDB(name);
      await db.bulkDocs(keys.map((k, i) => ({ _id: k, v: value(i) })));
      await db.close();
    },
    async w1(name, n) {
      const db = new PouchDB(name);
      await db.info();
      const start = performance.now();
      for (let i = 0; i < n; i++) await db.put({ _id: flatKey(i), v: value(i) });
      const ms = performance.now() - start;
      await db.close();
      return ms;
    },
    async w2(name, n) {
      const db = new PouchDB(name);
      await db.info();
      const start = performance.now();
      await db.bulkDocs(Array.from({ length: n }, (_, i) => ({ _id: deepKey(i), v: value(i) })));
      const ms = performance.now() - start;
      await db.close();
      return ms;
    },
    async reads(name, keys) {
      const db = new PouchDB(name);
      await db.info();
      const start = performance.now();
      const got = [];
      for (const k of keys) got.push((await db.get(k)).v);
      const ms = performance.now() - start;
      await db.close();
      return { ms, got };
    },
    async destroy(name) {
      await new PouchDB(name).destroy();
    },
  };
}

/** isomorphic-git on lightning-fs: a file per key, a commit per set. */
function isomorphicGit() {
  const dir = '/repo';
  const author = { name: 'Bench', email: 'bench@example.com', timestamp: 1700000000, timezoneOffset: 0 };
  const repo = async (name, wipe) => {
    const fs = new LightningFS(name, wipe ? { wipe: true } : undefined);
    if (wipe) await git.init({ fs, dir, defaultBranch: 'main' });
    return fs;
  };
  const writeFiles = async (fs, keys) => {
    const made = new Set();
    for (let i = 0; i < keys.length; i++) {
      const parts = keys[i].split('/');
      for (let d = 1; d < parts.length; d++) {
        const path = `${dir}/${parts.slice(0, d).join('/')}`;
        if (!made.has(path)) {
          made.add(path);
          try { await fs.promises.mkdir(path); } catch (e) { if (e.code !== 'EEXIST') throw e; }
        }
      }
      await fs.promises.writeFile(`${dir}/${keys[i]}`, value(i), 'utf8');
    }
  };
  const commitAll = async (fs, keys, message) => {
    const cache = {}; // shared by this add and commit only: every store has the same dir
    await git.add({ fs, dir, filepath: keys, cache }); // one index write for all of them
    return git.commit({ fs, dir, message, author, cache });
  };
  return {
    durability: 'IndexedDB default (relaxed in Chromium)',
    async write(name, keys) {
      const fs = await repo(name, true);
      await writeFiles(fs, keys);
      await commitAll(fs, keys, 'all keys');
    },
    async w1(name, n) {
      const fs = await repo(name, true);
      const start = performance.now();
      for (let i = 0; i < n; i++) {
        const k = flatKey(i);
        if (i === 0) { try { await fs.promises.mkdir(`${dir}/k`); } catch (e) { if (e.code !== 'EEXIST') throw e; } }
        await fs.promises.writeFile(`${dir}/${k}`, value(i), 'utf8');
        await git.add({ fs, dir, filepath: k });
        await git.commit({ fs, dir, message: `set ${k}`, author });
      }
      return performance.now() - start;
    },
    async w2(name, n) {
      const fs = await repo(name, true);
      const keys = Array.from({ length: n }, (_, i) => deepKey(i));
      const start = performance.now();
      await writeFiles(fs, keys);
      await commitAll(fs, keys, 'all keys');
      return performance.now() - start;
    },
    async reads(name, keys) {
      const fs = await repo(name, false);
      const start = performance.now();
      const oid = await git.resolveRef({ fs, dir, ref: 'main' });
      const got = [];
      for (const k of keys) {
        const { blob } = await git.readBlob({ fs, dir, oid, filepath: k });
        got.push(new TextDecoder().decode(blob));
      }
      return { ms: performance.now() - start, got };
    },
    async destroy(name) {
      new LightningFS(name, { wipe: true });
      for (const db of [name, `${name}_lock`]) await done(indexedDB.deleteDatabase(db));
    },
  };
}

const systems = {
  'raw IndexedDB strict': rawIndexedDb('strict'),
  'raw IndexedDB relaxed': rawIndexedDb('relaxed'),
  'Grove strict': grove('strict'),
  'Grove relaxed': grove('relaxed'),
  PouchDB: pouchDb(),
  'isomorphic-git': isomorphicGit(),
};

/** Reads keys indexes (named by keyOf) in a reopened store; checks every value and gives the time. */
async function readBack(system, name, keyOf, indexes) {
  const { ms, got } = await system.reads(name, indexes.map(keyOf));
  got.forEach((v, j) => check(v === value(indexes[j]), `${keyOf(indexes[j])} reads back`));
  return ms;
}

const ends = n => [0, Math.floor(n / 2), n - 1];

const workloads = {
  /** W1: n single-key commits (puts) in a row, keys k/00000... in one directory. */
  async W1(system, name, n) {
    const ms = await system.w1(name, n);
    await readBack(system, name, flatKey, ends(n));
    return ms;
  },
  /** W2: one commit (transaction) of n keys k/DDD/IIIII. */
  async W2(system, name, n) {
    const ms = await system.w2(name, n);
    await readBack(system, name, deepKey, ends(n));
    return ms;
  },
  /** W3a: n point reads, each awaited, in a 10,000-key store just reopened (its writing not timed). */
  async W3a(system, name, n) {
    const count = 10000;
    await system.write(name, Array.from({ length: count }, (_, i) => deepKey(i)));
    return readBack(system, name, deepKey, sample(count, n));
  },
};

window.bench = {
  systems: async () => Object.fromEntries(Object.entries(systems).map(([k, s]) => [k, s.durability])),
  async run({ system, workload, name, n }) {
    const s = systems[system];
    check(s, `no system ${system}`);
    try {
      const ms = await workloads[workload](s, name, n);
      return { ms };
    } finally {
      await s.destroy(name);
    }
  },
};
