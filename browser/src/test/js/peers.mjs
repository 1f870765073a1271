// The workloads of the side-by-side benchmark (./benchmark peers), run in headless Chromium by
// dev.grove.browser.bench.PeerBenchmark, which calls window.bench's functions one at a time.
// Each run makes a new store called `name`, times its workload with performance.now() (a timed
// write ends when the system acknowledged it as persisted in its durability), then reopens the
// store and checks what it wrote. The harness deletes the store afterwards (bench.destroy).
// Values are 100 bytes. The systems are in peers-systems.mjs.
import { grove, isomorphicGit, pouchDb, rawIndexedDb } from './peers-systems.mjs';
import { recordBytes } from './peers-storage.mjs';

/** A 100-byte value: of key i, or of its update u. */
export const value = (i, u) => (u === undefined ? `value of key ${i} ` : `update ${u} of key ${i} `).padEnd(100, '.');
/** W1's keys: k/00000, k/00001, ... (one directory). */
const flatKey = i => `k/${String(i).padStart(5, '0')}`;
/** W2's keys: k/DDD/IIIII, 100 keys per directory. */
const deepKey = i => `k/${String(Math.floor(i / 100)).padStart(3, '0')}/${String(i).padStart(5, '0')}`;
const range = (from, count) => Array.from({ length: count }, (_, j) => from + j);
const entries = (keyOf, indexes, u) => indexes.map(i => [keyOf(i), value(i, u)]);
/** count indexes spread over 0..total-1. */
const sample = (total, count) => range(0, count).map(j => Math.floor((j * total) / count));
const ends = n => [0, Math.floor(n / 2), n - 1];

const systems = {
  'raw IndexedDB strict': rawIndexedDb('strict'),
  'raw IndexedDB relaxed': rawIndexedDb('relaxed'),
  'Grove strict': grove('strict'),
  'Grove relaxed': grove('relaxed'),
  PouchDB: pouchDb(),
  'isomorphic-git': isomorphicGit(),
};

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

/** Reads keys (after a reopen) and checks each against expected values; the read time. */
async function readBack(system, name, pairs, cold = false) {
  const { ms, got } = await system.reads(name, pairs.map(([k]) => k), cold);
  got.forEach((v, j) => check(v === pairs[j][1], `${pairs[j][0]} reads back ${JSON.stringify(pairs[j][1])}, not ${JSON.stringify(v)}`));
  return ms;
}

/** What a store of this origin takes: navigator.storage.estimate()'s usage. */
const usage = async () => (await navigator.storage.estimate()).usage;
const databases = async () => new Set((await indexedDB.databases()).map(d => d.name));

/**
 * The workloads bench.run runs in one call: each resolves to {measure: {ms, ...}} (a workload
 * may give more than one measure) and needs the system methods listed in `needs`.
 */
const workloads = {
  /** W1: n single-key commits in a row (each awaited), keys k/00000... in one directory. */
  W1: {
    needs: ['commits'],
    async run(s, name, { n }) {
      const data = entries(flatKey, range(0, n));
      const ms = await s.commits(name, data);
      await readBack(s, name, ends(n).map(i => data[i]));
      return { W1: { ms } };
    },
  },
  /** W2: one commit of n keys k/DDD/IIIII. */
  W2: {
    needs: ['batch'],
    async run(s, name, { n }) {
      const data = entries(deepKey, range(0, n));
      const ms = await s.batch(name, data);
      await readBack(s, name, ends(n).map(i => data[i]));
      return { W2: { ms } };
    },
  },
  /**
   * W4, history growth: `updates` commits in a row, each setting all of `keys` keys to new
   * values (the first creates them); the bytes stored afterwards, the store closed.
   */
  W4: {
    needs: ['batches'],
    async run(s, name, { keys, updates }) {
      const before = await databases();
      const usageBefore = await usage();
      const list = range(0, updates).map(u => entries(flatKey, range(0, keys), u));
      const ms = await s.batches(name, list);
      await readBack(s, name, ends(keys).map(i => [flatKey(i), value(i, updates - 1)]));
      const mine = [...(await databases())].filter(d => !before.has(d));
      return { W4: { ms, storedBytes: await recordBytes(mine), usageBytes: (await usage()) - usageBefore } };
    },
  },
  /**
   * W7: a base commit of disjoint + conflicts keys; branch `theirs` changes the first half of
   * the disjoint keys and all conflicting ones, `main` the other half and the same conflicting
   * ones differently; times the merge of theirs into main (setup not timed).
   */
  W7: {
    needs: ['merge', 'reads'],
    async run(s, name, { disjoint, conflicts }) {
      const total = disjoint + conflicts;
      const half = Math.floor(disjoint / 2);
      const base = entries(deepKey, range(0, total));
      const theirs = [...entries(deepKey, range(0, half), 'theirs'), ...entries(deepKey, range(disjoint, conflicts), 'theirs')];
      const ours = [...entries(deepKey, range(half, disjoint - half), 'ours'), ...entries(deepKey, range(disjoint, conflicts), 'ours')];
      const { ms, policy } = await s.merge(name, base, ours, theirs);
      await readBack(s, name, [theirs[0], theirs[half - 1], ours[0], ours[disjoint - half - 1]]);
      const conflicted = range(disjoint, conflicts).map(deepKey);
      const { got } = await s.reads(name, conflicted, false);
      const taken = { ours: 0, theirs: 0 };
      got.forEach((v, j) => {
        const i = disjoint + j;
        check(v === value(i, 'ours') || v === value(i, 'theirs'), `${conflicted[j]} is one side's value after the merge`);
        taken[v === value(i, 'ours') ? 'ours' : 'theirs']++;
      });
      return { W7: { ms, policy: `${policy}; here ${taken.ours} conflicts took ours, ${taken.theirs} theirs` } };
    },
  },
  /**
   * D<size>: the cost of one commit against the directory's size: `size` keys k/IIIII written
   * in one commit (not timed), then `commits` single-key commits of new keys into the same
   * directory, each awaited; ms is the time per commit.
   */
  D: {
    needs: ['write', 'commits'],
    skip: ['isomorphic-git'], // its commits need the work tree and index of the whole directory
    async run(s, name, { size, commits }) {
      await s.write(name, entries(flatKey, range(0, size)));
      const data = entries(flatKey, range(size, commits));
      const ms = await s.commits(name, data);
      await readBack(s, name, [entries(flatKey, [0])[0], data[0], data[commits - 1]]);
      return { [`D${size}`]: { ms: ms / commits } };
    },
  },
};

const system = name => {
  check(systems[name], `no system ${name}`);
  return systems[name];
};

window.bench = {
  /** Each system, in order: its name, durability and the workloads (and steps) it has. */
  async systems() {
    const steps = { W3: ['write', 'reads', 'listAll'], W3c: ['write', 'reads'], W5: ['pull', 'reads'] };
    return Object.entries(systems).map(([k, s]) => {
      const has = needs => needs.every(m => typeof s[m] === 'function');
      const names = [
        ...Object.entries(workloads).filter(([, w]) => has(w.needs) && !(w.skip || []).includes(k)).map(([w]) => w),
        ...Object.entries(steps).filter(([, needs]) => has(needs)).map(([w]) => w),
      ];
      return { name: k, durability: s.durability, workloads: names };
    });
  },
  /** One run of a workload of `workloads` on a system: {measure: {ms, ...}}. */
  async run({ system: name, workload, name: store, params }) {
    return workloads[workload].run(system(name), store, params);
  },
  /**
   * The store W3a, W3b and W3c read, written once (not timed): `keys` keys k/DDD/IIIII in one
   * commit; isomorphic-git clones it (no checkout) from the Grove server's /git when `remote`
   * is given (the server holds the same keys): writing 100,000 objects one by one into
   * lightning-fs takes it minutes.
   */
  async setupKeys({ system: name, name: store, params: { keys }, remote }) {
    const s = system(name);
    if (remote && s.cloneForSetup) await s.pull(store, remote, true);
    else await s.write(store, entries(deepKey, range(0, keys)));
    return {};
  },
  /** W3a, n point reads (each awaited) after a reopen; W3b, a full listing after a reopen. */
  async warmReads({ system: name, name: store, params: { keys, n } }) {
    const s = system(name);
    const W3a = await readBack(s, store, entries(deepKey, sample(keys, n)));
    const { ms, keys: listed } = await s.listAll(store);
    check(listed.length === keys, `the listing has ${listed.length} keys, not ${keys}`);
    const all = new Set(listed);
    ends(keys).forEach(i => check(all.has(deepKey(i)), `the listing has ${deepKey(i)}`));
    return { W3a: { ms: W3a }, W3b: { ms } };
  },
  /** W3c, in a page just loaded: open the store and read n keys, each checked; the open is timed. */
  async coldReads({ system: name, name: store, params: { keys, n } }) {
    return { W3c: { ms: await readBack(system(name), store, entries(deepKey, sample(keys, n)), true) } };
  },
  /**
   * W5 (first) or W6: a pull of the servers' `main` (PouchDB: a replication of the CouchDB
   * database) into store `name`; then reads `checks` ([key, value] pairs) after a reopen.
   */
  async pull({ system: name, name: store, remote, first, checks }) {
    const s = system(name);
    const ms = await s.pull(store, remote, first);
    await readBack(s, store, checks);
    return { [first ? 'W5' : 'W6']: { ms } };
  },
  async destroy({ system: name, name: store }) {
    await system(name).destroy(store);
    return {};
  },
};
