// grove.js sync in Node (its fetch) against a real Grove server that GroveJsNodeSyncTest starts:
//   node node-sync-test.mjs GROVE_JS SERVER_URL TOKEN
// Output as api-test.mjs: "PASS name" / "FAIL name" per case, then "sync: N passed, M failed".
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const grove = await import(pathToFileURL(resolve(process.argv[2])).href);
const server = process.argv[3];
const token = process.argv[4];
const repo = name => `${server}/repos/${name}`;
const memory = () => grove.open('node', { memory: true });

const cases = [];
const test = (name, body) => cases.push({ name, body });

async function until(condition, what) {
  const end = Date.now() + 15000;
  while (!(await condition())) {
    if (Date.now() > end) {
      throw new Error(`waited 15 s for ${what}`);
    }
    await new Promise(r => setTimeout(r, 25));
  }
}

test('push creates the repository; another store pulls it', async () => {
  const one = await memory();
  const head = await one.branch('main').set('notes/today', 'from Node');
  const push = await one.remote(repo('node-push'), { token }).push();
  assert.equal(push.status, 'created');
  assert.equal(push.remoteHead, head);
  const two = await memory();
  const pull = await two.remote(repo('node-push'), { token }).pull();
  assert.equal(pull.status, 'fast-forward');
  assert.equal(await two.branch('main').getText('notes/today'), 'from Node');
});

test('sync merges concurrent edits', async () => {
  const one = await memory();
  const two = await memory();
  await one.branch('main').set('base', '0');
  await one.remote(repo('node-sync'), { token }).push();
  await two.remote(repo('node-sync'), { token }).pull();
  await one.branch('main').set('one', '1');
  await two.branch('main').set('two', '2');
  assert.equal((await one.remote(repo('node-sync'), { token }).sync()).status, 'synced');
  const sync = await two.remote(repo('node-sync'), { token }).sync();
  assert.equal(sync.status, 'synced');
  assert.equal(await two.branch('main').getText('one'), '1');
  assert.equal((await one.remote(repo('node-sync'), { token }).pull()).status, 'fast-forward');
  assert.equal(await one.branch('main').getText('two'), '2');
});

test('a bad token rejects with unauthorized', async () => {
  const store = await memory();
  await assert.rejects(store.remote(repo('node-push'), { token: 'wrong' }).pull(),
    e => e.code === 'unauthorized');
});

test('live() follows the server\'s event stream both ways', async () => {
  const one = await memory();
  const two = await memory();
  await one.branch('main').set('base', '0');
  await one.remote(repo('node-live'), { token }).push();
  const lives = [one, two].map(store => store.remote(repo('node-live'), { token }).live());
  await until(async () => (await two.branch('main').getText('base')) === '0', 'two to get base');
  await until(() => lives.every(live => live.state === 'live'), 'both to be live');
  await one.branch('main').set('news', 'fresh');
  await until(async () => (await two.branch('main').getText('news')) === 'fresh', 'two to get news');
  lives.forEach(live => live.stop());
  assert.deepEqual(lives.map(live => live.state), ['stopped', 'stopped']);
});

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
console.log(`sync: ${passed} passed, ${failed} failed`);
if (failed > 0) {
  process.exitCode = 1;
}
