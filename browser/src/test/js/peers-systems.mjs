// The systems of the side-by-side benchmark (./benchmark peers), each the same small interface
// over its own API. Data comes as entries: [key, value] pairs of strings. Every method opens
// the store itself and closes it before it resolves; a timed write resolves once the system
// acknowledged it (for IndexedDB: the transaction's complete event, in the durability stated).
// A system lacks a method when it has no such operation (raw IndexedDB has no history, no pull,
// no merge); the harness then leaves it out of that workload.
//
//   write(name, entries)            untimed setup: all entries as one commit / transaction
//   commits(name, entries) -> ms    one commit per entry, each awaited (W1)
//   batch(name, entries) -> ms      one commit of all entries (W2)
//   batches(name, list) -> ms       one commit per entry list, in order (W4)
//   reads(name, keys, cold) -> {ms, got}   point reads, each awaited; cold: the open is timed too
//   listAll(name) -> {ms, keys}     every key (W3b)
//   pull(name, remote, first) -> ms the first pull into a new store, or the next one (W5, W6)
//   merge(name, base, ours, theirs) -> {ms, policy}  three-way merge of two branches (W7)
//   destroy(name)                   deletes the store
import { open } from './grove.js';

const { git, http, LightningFS, PouchDB } = window.peers;

const done = request => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
const committed = tx => new Promise((resolve, reject) => {
  tx.oncomplete = resolve;
  tx.onabort = tx.onerror = () => reject(tx.error);
});
/**
 * Reads `keys` one at a time and times it: open(name, body) opens the store, reader(store)
 * gives the read of one key. Cold: the time includes the open.
 */
const timedReads = (open, name, keys, cold, reader) => {
  const start = performance.now();
  return open(name, async store => {
    const read = reader(store);
    const from = cold ? start : performance.now();
    const got = [];
    for (const k of keys) got.push(await read(k));
    return { ms: performance.now() - from, got };
  });
};

const time = async body => {
  const start = performance.now();
  const result = await body();
  return { ms: performance.now() - start, result };
};

/** The floor: the same puts in IndexedDB with nothing on top (no history, so no W5–W7). */
export function rawIndexedDb(durability) {
  const openDb = name => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('kv');
    return done(request);
  };
  const putAll = async (db, entries) => {
    const tx = db.transaction('kv', 'readwrite', { durability });
    for (const [k, v] of entries) tx.objectStore('kv').put(v, k);
    await committed(tx);
  };
  const withDb = async (name, body) => {
    const db = await openDb(name);
    try { return await body(db); } finally { db.close(); }
  };
  return {
    durability: `IndexedDB ${durability}`,
    write: (name, entries) => withDb(name, db => putAll(db, entries)),
    commits: (name, entries) => withDb(name, async db => (await time(async () => {
      for (const entry of entries) await putAll(db, [entry]);
    })).ms),
    batch: (name, entries) => withDb(name, async db => (await time(() => putAll(db, entries))).ms),
    batches: (name, list) => withDb(name, async db => (await time(async () => {
      for (const entries of list) await putAll(db, entries);
    })).ms),
    reads: (name, keys, cold) => timedReads(withDb, name, keys, cold,
      db => k => done(db.transaction('kv', 'readonly').objectStore('kv').get(k))),
    listAll: name => withDb(name, async db => {
      const { ms, result } = await time(() => done(db.transaction('kv', 'readonly').objectStore('kv').getAllKeys()));
      return { ms, keys: result };
    }),
    destroy: name => done(indexedDB.deleteDatabase(name)),
  };
}

/** Every key under dir (the root when empty) of a Grove branch or draft, depth first. */
async function walk(branch, dir, out) {
  for (const entry of await branch.list(dir || undefined)) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.kind === 'tree') await walk(branch, path, out);
    else out.push(path);
  }
  return out;
}

/** Grove on IndexedDB: a commit per write. */
export function grove(durability) {
  const withStore = async (name, body, options = {}) => {
    const store = await open(name, { durability, ...options });
    try { return await body(store); } finally { await store.close(); }
  };
  const transact = (branch, entries) => branch.transact(draft => { for (const [k, v] of entries) draft.set(k, v); });
  return {
    durability: `IndexedDB ${durability}`,
    write: (name, entries) => withStore(name, store => transact(store.branch('main'), entries)),
    commits: (name, entries) => withStore(name, async store => {
      const main = store.branch('main');
      return (await time(async () => { for (const [k, v] of entries) await main.set(k, v); })).ms;
    }),
    batch: (name, entries) => withStore(name, async store => (await time(() => transact(store.branch('main'), entries))).ms),
    batches: (name, list) => withStore(name, async store => {
      const main = store.branch('main');
      return (await time(async () => { for (const entries of list) await transact(main, entries); })).ms;
    }),
    reads: (name, keys, cold) => timedReads(withStore, name, keys, cold, store => {
      const main = store.branch('main');
      return k => main.getText(k);
    }),
    listAll: name => withStore(name, async store => {
      const { ms, result } = await time(() => walk(store.branch('main'), '', []));
      return { ms, keys: result };
    }),
    pull: (name, remote, first) => withStore(name, async store => {
      const { ms, result } = await time(() => store.remote(remote.grove, { token: remote.token }).pull());
      if (result.status !== 'fast-forward') throw new Error(`Grove's ${first ? 'first' : 'next'} pull: ${result.status}`);
      return ms;
    }),
    merge: (name, base, ours, theirs) => withStore(name, async store => {
      const main = store.branch('main');
      await transact(main, base);
      await store.createBranch('theirs', 'main');
      await transact(store.branch('theirs'), theirs);
      await transact(main, ours);
      const { ms, result } = await time(() => main.merge('theirs'));
      if (result.status !== 'merged') throw new Error(`Grove's merge: ${result.status}`);
      return { ms, policy: "open(name, {merge: {'': 'last-writer-wins'}}): the later commit's value" };
    }, { merge: { '': 'last-writer-wins' } }),
    async destroy(name) {
      await (await open(name)).destroy();
    },
  };
}

/** PouchDB: a document {_id: key, v: value} per key. */
export function pouchDb() {
  const withDb = async (name, body) => {
    const db = new PouchDB(name);
    await db.info();
    try { return await body(db); } finally { await db.close(); }
  };
  const docs = entries => entries.map(([k, v]) => ({ _id: k, v }));
  /** Writes entries as new revisions of whatever documents exist. */
  const bulk = async (db, entries) => {
    const existing = await db.allDocs({ keys: entries.map(([k]) => k) });
    const revs = new Map(existing.rows.filter(r => r.value && !r.value.deleted).map(r => [r.id, r.value.rev]));
    const result = await db.bulkDocs(entries.map(([k, v]) => (revs.has(k) ? { _id: k, _rev: revs.get(k), v } : { _id: k, v })));
    const failed = result.filter(r => r.error);
    if (failed.length) throw new Error(`PouchDB bulkDocs: ${failed.length} failed, first ${JSON.stringify(failed[0])}`);
  };
  return {
    durability: 'IndexedDB default (relaxed in Chromium)',
    write: (name, entries) => withDb(name, db => db.bulkDocs(docs(entries))),
    commits: (name, entries) => withDb(name, async db => (await time(async () => {
      for (const [k, v] of entries) await db.put({ _id: k, v });
    })).ms),
    batch: (name, entries) => withDb(name, async db => (await time(() => bulk(db, entries))).ms),
    batches: (name, list) => withDb(name, async db => (await time(async () => {
      for (const entries of list) await bulk(db, entries);
    })).ms),
    reads: (name, keys, cold) => timedReads(withDb, name, keys, cold,
      db => async k => (await db.get(k)).v),
    listAll: name => withDb(name, async db => {
      const { ms, result } = await time(() => db.allDocs());
      return { ms, keys: result.rows.map(r => r.id) };
    }),
    pull: (name, remote) => withDb(name, async db => {
      const { ms, result } = await time(() => db.replicate.from(remote.couch));
      if (!result.ok) throw new Error(`PouchDB's replication: ${JSON.stringify(result.errors)}`);
      return ms;
    }),
    async destroy(name) {
      await new PouchDB(name).destroy();
    },
  };
}

/**
 * isomorphic-git on lightning-fs. W1, W2 and W4 go the way its documentation shows: write the
 * files, add, commit (the work tree and index kept). Setups untimed (write, merge's branches)
 * write blobs, trees and commits directly; reads read blobs from the branch's commit.
 * lightning-fs writes file contents at once but saves its file tree (the "superblock") 500 ms
 * after the last change: a write is persisted only then, so every timed write ends with
 * fs.promises.flush(), which saves it.
 */
export function isomorphicGit() {
  const dir = '/repo';
  const author = { name: 'Bench', email: 'bench@example.com', timestamp: 1700000000, timezoneOffset: 0 };
  const encoder = new TextEncoder();
  const repo = async (name, wipe) => {
    const fs = new LightningFS(name, wipe ? { wipe: true } : undefined);
    if (wipe) await git.init({ fs, dir, defaultBranch: 'main' });
    return fs;
  };
  /** Writes the files of entries into the work tree, making directories as needed. */
  const writeFiles = async (fs, entries, made = new Set()) => {
    for (const [k, v] of entries) {
      const parts = k.split('/');
      for (let d = 1; d < parts.length; d++) {
        const path = `${dir}/${parts.slice(0, d).join('/')}`;
        if (!made.has(path)) {
          made.add(path);
          try { await fs.promises.mkdir(path); } catch (e) { if (e.code !== 'EEXIST') throw e; }
        }
      }
      await fs.promises.writeFile(`${dir}/${k}`, v, 'utf8');
    }
  };
  const addAndCommit = async (fs, entries, message, made) => {
    await writeFiles(fs, entries, made);
    const cache = {}; // shared by this add and commit only: every store has the same dir
    await git.add({ fs, dir, filepath: entries.map(([k]) => k), cache }); // one index write for all
    return git.commit({ fs, dir, message, author, cache });
  };
  /** The tree of entries (nested directories), written as blobs and trees; its id. */
  const writeTreeOf = async (fs, entries) => {
    const root = new Map();
    for (const [k, v] of entries) {
      const parts = k.split('/');
      let node = root;
      for (const part of parts.slice(0, -1)) {
        if (!node.has(part)) node.set(part, new Map());
        node = node.get(part);
      }
      node.set(parts[parts.length - 1], v);
    }
    const writeNode = async node => {
      const tree = [];
      for (const [path, child] of node) {
        tree.push(child instanceof Map
          ? { mode: '040000', path, type: 'tree', oid: await writeNode(child) }
          : { mode: '100644', path, type: 'blob', oid: await git.writeBlob({ fs, dir, blob: encoder.encode(child) }) });
      }
      return git.writeTree({ fs, dir, tree });
    };
    return writeNode(root);
  };
  const writeCommitOf = async (fs, entries, parent, message) => git.writeCommit({
    fs, dir,
    commit: { tree: await writeTreeOf(fs, entries), parent, author, committer: author, message: `${message}\n` },
  });
  const httpOptions = remote => ({
    fs: null, http, dir, url: remote.git, singleBranch: true, ref: 'main',
    headers: { authorization: `Basic ${btoa(`grove:${remote.token}`)}` },
  });
  return {
    durability: 'IndexedDB default (relaxed in Chromium)',
    cloneForSetup: true,
    async write(name, entries) {
      const fs = await repo(name, true);
      const oid = await writeCommitOf(fs, entries, [], 'all keys');
      await git.writeRef({ fs, dir, ref: 'refs/heads/main', value: oid, force: true });
      await fs.promises.flush();
    },
    async commits(name, entries) {
      const fs = await repo(name, true);
      const made = new Set();
      return (await time(async () => {
        for (const entry of entries) {
          await writeFiles(fs, [entry], made);
          await git.add({ fs, dir, filepath: entry[0] });
          await git.commit({ fs, dir, message: `set ${entry[0]}`, author });
          await fs.promises.flush();
        }
      })).ms;
    },
    async batch(name, entries) {
      const fs = await repo(name, true);
      return (await time(async () => {
        await addAndCommit(fs, entries, 'all keys');
        await fs.promises.flush();
      })).ms;
    },
    async batches(name, list) {
      const fs = await repo(name, true);
      const made = new Set();
      return (await time(async () => {
        for (let i = 0; i < list.length; i++) {
          await addAndCommit(fs, list[i], `update ${i}`, made);
          await fs.promises.flush();
        }
      })).ms;
    },
    async reads(name, keys, cold) {
      const start = performance.now();
      const fs = await repo(name, false);
      const from = cold ? start : performance.now();
      const oid = await git.resolveRef({ fs, dir, ref: 'main' });
      const cache = {};
      const got = [];
      for (const k of keys) {
        const { blob } = await git.readBlob({ fs, dir, oid, filepath: k, cache });
        got.push(new TextDecoder().decode(blob));
      }
      return { ms: performance.now() - from, got };
    },
    async listAll(name) {
      const fs = await repo(name, false);
      const { ms, result } = await time(() => git.listFiles({ fs, dir, ref: 'main' }));
      return { ms, keys: result };
    },
    async pull(name, remote, first) {
      const fs = await repo(name, false);
      const options = { ...httpOptions(remote), fs };
      if (first) {
        return (await time(async () => {
          await git.clone({ ...options, noCheckout: true });
          await fs.promises.flush();
        })).ms;
      }
      return (await time(async () => {
        const { fetchHead } = await git.fetch(options);
        await git.writeRef({ fs, dir, ref: 'refs/heads/main', value: fetchHead, force: true });
        await fs.promises.flush();
      })).ms;
    },
    async merge(name, base, ours, theirs) {
      const fs = await repo(name, true);
      const apply = (entries, changes) => [...new Map([...entries, ...changes])];
      const baseOid = await writeCommitOf(fs, base, [], 'base');
      const theirsOid = await writeCommitOf(fs, apply(base, theirs), [baseOid], 'theirs');
      const oursOid = await writeCommitOf(fs, apply(base, ours), [baseOid], 'ours');
      await git.writeRef({ fs, dir, ref: 'refs/heads/theirs', value: theirsOid, force: true });
      await git.writeRef({ fs, dir, ref: 'refs/heads/main', value: oursOid, force: true });
      await fs.promises.flush();
      const { ms } = await time(async () => {
        await git.merge({
          fs, dir, ours: 'main', theirs: 'theirs', author, cache: {},
          mergeDriver: ({ contents }) => ({ cleanMerge: true, mergedText: contents[2] }),
        });
        await fs.promises.flush();
      });
      return { ms, policy: "merge({mergeDriver}) taking theirs: a conflict gets the merged branch's value" };
    },
    async destroy(name) {
      new LightningFS(name, { wipe: true });
      for (const db of [name, `${name}_lock`]) await done(indexedDB.deleteDatabase(db));
    },
  };
}
