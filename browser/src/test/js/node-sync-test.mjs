// grove.js sync in Node (its fetch) against a real Grove server that GroveJsNodeSyncTest starts:
//   node node-sync-test.mjs GROVE_JS SERVER_URL TOKEN
// Output as api-test.mjs: "PASS name" / "FAIL name" per case, then "sync: N passed, M failed".
import assert from 'node:assert/strict';
import http from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, test } from './cases.mjs';

const grove = await import(pathToFileURL(resolve(process.argv[2])).href);
const server = process.argv[3];
const token = process.argv[4];
const repo = name => `${server}/repos/${name}`;
const memory = () => grove.open('node', { memory: true });


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

// A server of the test's own on loopback that misbehaves on purpose: handler(req, res).
async function misbehaving(handler) {
  const sockets = new Set();
  const server = http.createServer(handler);
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise(done => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: `${origin}/repos/r`,
    close: () => {
      sockets.forEach(socket => socket.destroy());
      return new Promise(done => server.close(done));
    },
  };
}

test('an answer that stalls mid-body rejects with network after the idle timeout', async () => {
  const bad = await misbehaving((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"protocol": 1, "bran');
  });
  try {
    const store = await memory();
    const start = Date.now();
    await assert.rejects(store.remote(bad.url, { idleTimeoutMs: 300 }).pull(),
      e => e.code === 'network' && /no data for 300 ms/.test(e.message));
    const waited = Date.now() - start;
    assert.ok(waited >= 250 && waited < 5000, `waited ${waited} ms`);
  } finally {
    await bad.close();
  }
});

test('an answer that keeps coming does not time out', async () => {
  const bad = await misbehaving(async (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"protocol": 1, ');
    for (let i = 0; i < 8; i++) {
      await new Promise(r => setTimeout(r, 100));
      res.write(' ');
    }
    res.end('"branches": {}}');
  });
  try {
    const store = await memory();
    await assert.rejects(store.remote(bad.url, { idleTimeoutMs: 300 }).pull(),
      e => e.code === 'branch_not_found');
  } finally {
    await bad.close();
  }
});

// A proxy to the real server that holds every request: it starts reading the request body
// only after delayMs, and sends the head of the server's reply only delayMs after it came.
function slowProxy(delayMs) {
  const target = new URL(server);
  return misbehaving((req, res) => {
    req.pause();
    setTimeout(() => {
      const out = http.request({ host: target.hostname, port: target.port, path: req.url,
        method: req.method, headers: req.headers }, reply => {
        setTimeout(() => {
          res.writeHead(reply.statusCode, reply.headers);
          reply.pipe(res);
        }, delayMs);
      });
      out.on('error', () => res.socket.destroy());
      req.pipe(out);
    }, delayMs);
  });
}

test('a reply head slower than the idle timeout, within the reply timeout: the push succeeds', async () => {
  const slow = await slowProxy(400);
  try {
    const one = await memory();
    const head = await one.branch('main').set('slow', 'but sure');
    const push = await one.remote(`${slow.origin}/repos/node-slow`,
      { token, idleTimeoutMs: 300, replyTimeoutMs: 10000 }).push();
    assert.equal(push.status, 'created');
    assert.equal(push.remoteHead, head);
    const two = await memory();
    await two.remote(repo('node-slow'), { token }).pull();
    assert.equal(await two.branch('main').getText('slow'), 'but sure');
  } finally {
    await slow.close();
  }
});

test('a server that never sends a reply head: network after the reply timeout', async () => {
  const bad = await misbehaving(req => req.resume());
  try {
    const store = await memory();
    await store.branch('main').set('k', 'v');
    const start = Date.now();
    await assert.rejects(store.remote(bad.url, { replyTimeoutMs: 400 }).push(),
      e => e.code === 'network' && /no reply within 400 ms/.test(e.message));
    const waited = Date.now() - start;
    assert.ok(waited >= 350 && waited < 5000, `waited ${waited} ms`);
  } finally {
    await bad.close();
  }
});

test('a server that dies mid-answer: network, saying the connection broke', async () => {
  const bad = await misbehaving((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"protocol": 1, "bran', () => setTimeout(() => res.socket.destroy(), 50));
  });
  try {
    const store = await memory();
    await assert.rejects(store.remote(bad.url).pull(), e => e.code === 'network'
      && /broke during the answer/.test(e.message) && !/no answer/.test(e.message));
  } finally {
    await bad.close();
  }
});

test('a silent event stream closes after its idle timeout, and live() reconnects', async () => {
  let watches = 0;
  const bad = await misbehaving((req, res) => {
    if (req.url.endsWith('/watch')) {
      watches++;
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(': ping\n\n');
      return;
    }
    res.writeHead(503, { 'Content-Type': 'application/json' });
    res.end('{"code": "unavailable", "message": "not now"}');
  });
  const errors = [];
  const store = await memory();
  const live = store.remote(bad.url, { watchIdleTimeoutMs: 300 }).live({ onError: e => errors.push(e) });
  try {
    await until(() => errors.some(e => e.code === 'network' && /no data for 300 ms/.test(e.message)),
      'the silent stream to fail');
    await until(() => watches >= 2, 'live() to open the stream again');
  } finally {
    live.stop();
    await bad.close();
  }
});

test('a watch answer that is not an event stream is a bad_response', async () => {
  const bad = await misbehaving((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<html>a web page</html>');
  });
  const errors = [];
  const store = await memory();
  const live = store.remote(bad.url).live({ onError: e => errors.push(e) });
  try {
    await until(() => errors.some(e => e.code === 'bad_response' && /text\/html/.test(e.message)),
      'a bad_response');
  } finally {
    live.stop();
    await bad.close();
  }
});

await run('sync');
