// Exercises every method of grove.js on in-memory stores, in Node:
//   node browser/src/test/js/api-test.mjs browser/target/javascript/grove/grove.js
// Prints "PASS name" or "FAIL name" (then the reason, indented by four spaces) per case, then
// "api: N passed, M failed"; exits with 1 when a case fails. GroveJsApiTest runs it in JUnit.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { run, test } from './cases.mjs';

const modulePath = resolve(process.argv[2] ?? 'target/javascript/grove/grove.js');
const grove = await import(pathToFileURL(modulePath).href);
const { open, Store, Branch, Draft, GroveError } = grove;


// ---- helpers -------------------------------------------------------------------------------

const memory = (options = {}) => open('test', { memory: true, ...options });

/** Awaits `promise` and checks that it rejects with a GroveError of `code`. */
async function rejects(promise, code, messagePart) {
  assert.ok(promise instanceof Promise, 'a Promise, not a synchronous throw');
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `expected a rejection with code ${code}, but it resolved`);
  isGroveError(error, code, messagePart);
}

/** Calls `fn` and checks that it throws a GroveError of `code` synchronously. */
function throws(fn, code, messagePart) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `expected a throw with code ${code}`);
  isGroveError(error, code, messagePart);
}

function isGroveError(error, code, messagePart) {
  assert.ok(error instanceof Error, `an Error, not ${String(error)}`);
  assert.ok(error instanceof GroveError, `a GroveError, not ${error.stack}`);
  assert.equal(error.name, 'GroveError', `name of ${error.stack}`);
  assert.equal(error.code, code, `code of "${error.message}"`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0, 'a message');
  if (messagePart !== undefined) {
    assert.ok(error.message.includes(messagePart), `"${error.message}" mentions "${messagePart}"`);
  }
}

/** Waits until `condition()` holds (watch callbacks arrive after the write's Promise). */
async function until(condition, what = 'the condition') {
  const end = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise(r => setTimeout(r, 2));
  }
}

/** Lets queued deliveries run (a few timer turns). */
const settle = () => new Promise(r => setTimeout(r, 30));

const isId = id => typeof id === 'string' && /^[0-9a-f]{40}$/.test(id);
const bytes = (...b) => new Uint8Array(b);

// ---- the module ----------------------------------------------------------------------------

test('module exports open, destroy, Store, Branch, Draft, Remote, Live and GroveError', () => {
  assert.deepEqual(Object.keys(grove).sort(),
    ['Branch', 'Draft', 'GroveError', 'Live', 'Remote', 'Store', 'destroy', 'open']);
  assert.equal(typeof open, 'function');
});

test('classes cannot be constructed directly', () => {
  assert.throws(() => new Store());
  assert.throws(() => new Branch());
  assert.throws(() => new Draft());
  assert.throws(() => new grove.Remote());
  assert.throws(() => new grove.Live());
  assert.throws(() => new GroveError());
});

test('errors are GroveError instances: Error subclass, name, code, message, stack', async () => {
  let error;
  try {
    await open('');
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof GroveError);
  assert.ok(error instanceof Error);
  assert.ok(!(error instanceof TypeError));
  assert.equal(Object.getPrototypeOf(GroveError.prototype), Error.prototype);
  assert.equal(error.name, 'GroveError');
  assert.equal(error.code, 'invalid_argument');
  assert.equal(error.message, 'name must not be empty');
  assert.equal(String(error), 'GroveError: name must not be empty');
  assert.match(error.stack, /^GroveError: name must not be empty\n\s+at /);
  assert.deepEqual(Object.keys(error), ['code'], 'code is its own enumerable property');
  assert.deepEqual(JSON.parse(JSON.stringify(error)),
    { name: 'GroveError', code: 'invalid_argument', message: 'name must not be empty' });
  // synchronous throws, late rejections and internal faults are GroveErrors too
  const store = await memory();
  let thrown;
  try {
    store.branch('a..b');
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof GroveError && thrown.code === 'invalid_branch', String(thrown));
  const late = await store.branch('main').getJSON('nothing/../x').catch(e => e);
  assert.ok(late instanceof GroveError && late.code === 'invalid_path', String(late));
  await store.close();
  const closed = await store.branches().catch(e => e);
  assert.ok(closed instanceof GroveError && closed.code === 'closed', String(closed));
});

// ---- destroy -------------------------------------------------------------------------------

test('store.destroy() closes a memory store: later calls reject with closed, watches end', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('k', 'v');
  const events = [];
  main.watch(e => events.push(e));
  const result = store.destroy();
  assert.ok(result instanceof Promise);
  assert.equal(await result, undefined);
  await rejects(main.get('k'), 'closed', 'destroyed');
  await rejects(store.branches(), 'closed', 'destroyed');
  throws(() => store.branch('main'), 'closed');
  await rejects(store.destroy(), 'closed', 'destroyed');
  assert.equal(await store.close(), undefined, 'close after destroy is harmless');
  assert.deepEqual(events, []);
});

test('store.destroy() of a closed store rejects with closed', async () => {
  const store = await memory();
  await store.close();
  await rejects(store.destroy(), 'closed', 'closed');
});

test('destroy(name) without IndexedDB rejects with storage_unavailable; it checks the name', async () => {
  await rejects(grove.destroy('notes'), 'storage_unavailable');
  await rejects(grove.destroy(''), 'invalid_argument', 'empty');
  await rejects(grove.destroy(), 'invalid_argument', 'name');
  await rejects(grove.destroy(5), 'invalid_argument', 'string');
});

// ---- open ----------------------------------------------------------------------------------

test('open with memory resolves to a Store', async () => {
  const store = await open('notes', { memory: true });
  assert.ok(store instanceof Store);
  assert.equal(store.name, 'notes');
  assert.deepEqual(JSON.parse(JSON.stringify(store)), { name: 'notes' });
  assert.deepEqual(await store.branches(), []);
});

test('open without IndexedDB rejects with storage_unavailable', async () => {
  await rejects(open('notes'), 'storage_unavailable', 'memory: true');
  await rejects(open('notes', { memory: false }), 'storage_unavailable');
});

test('open checks its arguments', async () => {
  await rejects(open(), 'invalid_argument', 'name');
  await rejects(open(''), 'invalid_argument', 'empty');
  await rejects(open(5, { memory: true }), 'invalid_argument', 'string');
  await rejects(open('x', 5), 'invalid_argument', 'options must be an object');
  await rejects(open('x', { memory: 'yes' }), 'invalid_argument', 'options.memory');
  await rejects(open('x', { memory: true, maxAttempts: 0 }), 'invalid_argument', 'maxAttempts');
  await rejects(open('x', { memory: true, maxAttempts: 1.5 }), 'invalid_argument', 'maxAttempts');
  await rejects(open('x', { memory: true, durability: 'fast' }), 'invalid_argument', 'durability');
  await rejects(open('x', { memory: true, durability: 1 }), 'invalid_argument', 'durability');
  await rejects(open('x', { durability: 'Strict' }), 'invalid_argument', 'durability');
  await rejects(open('x', { memory: true, author: { name: 'Ada' } }), 'invalid_argument', 'email');
  await rejects(open('x', { memory: true, author: 'Ada' }), 'invalid_argument', 'options.author');
  await rejects(open('x', { memory: true, author: { name: 'A<d>a', email: 'a@x' } }),
    'invalid_commit_info');
  await rejects(open('x', { memory: true, merge: { notes: 'magic' } }), 'invalid_argument', 'json');
  await rejects(open('x', { memory: true, merge: { '../x': 'json' } }), 'invalid_path');
  await rejects(open('x', { memory: true, merge: { notes: 5 } }), 'invalid_argument');
});

test('memory stores are separate', async () => {
  const a = await memory();
  const b = await memory();
  await a.branch('main').set('k', 'a');
  assert.equal(await b.branch('main').getText('k'), undefined);
});

test('open with a default author', async () => {
  const store = await memory({ author: { name: 'Ada', email: 'ada@example.com' } });
  await store.branch('main').set('k', 'v');
  const [commit] = await store.log('main');
  assert.deepEqual([commit.author.name, commit.author.email], ['Ada', 'ada@example.com']);
  assert.equal(commit.committer.name, 'Ada');
});

test('open with a merge policy by prefix (json, counter, last-writer-wins)', async () => {
  const store = await memory({ merge: { 'settings/': 'json', counters: 'counter', 'notes': 'last-writer-wins' } });
  const main = store.branch('main');
  await main.set('settings/ui', { theme: 'dark', size: 1 });
  await main.set('counters/visits', '10');
  await main.set('notes/a', 'base');
  await store.createBranch('phone', 'main');
  const phone = store.branch('phone');
  await main.set('settings/ui', { theme: 'light', size: 1 });
  await phone.set('settings/ui', { theme: 'dark', size: 2 });
  await main.set('counters/visits', '13');
  await phone.set('counters/visits', '15');
  await main.set('notes/a', 'main');
  await phone.set('notes/a', 'phone');
  const result = await main.merge('phone');
  assert.equal(result.status, 'merged', JSON.stringify(result.conflicts));
  assert.deepEqual(await main.getJSON('settings/ui'), { theme: 'light', size: 2 });
  assert.equal(await main.getText('counters/visits'), '18');
  assert.ok(['main', 'phone'].includes(await main.getText('notes/a')));
});

test('a memory store takes either durability', async () => {
  for (const durability of ['strict', 'relaxed']) {
    const store = await open('d', { memory: true, durability });
    await store.branch('main').set('a', 'b');
    assert.equal(await store.branch('main').getText('a'), 'b');
    await store.close();
  }
});

test('maxAttempts bounds the retries of a write (too_many_retries)', async () => {
  const store = await memory({ maxAttempts: 1 });
  const main = store.branch('main');
  await main.set('k', '0');
  // The body moves the branch, so the commit loses its compare-and-set once: with one attempt
  // allowed, that is too many.
  await rejects(main.transact(async draft => {
    await main.set('other', 'x');
    draft.set('k', '1');
  }), 'too_many_retries');
  assert.equal(await main.getText('k'), '0');
});

// ---- branch handles ------------------------------------------------------------------------

test('store.branch gives a Branch handle', async () => {
  const store = await memory();
  const main = store.branch('main');
  assert.ok(main instanceof Branch);
  assert.equal(main.name, 'main');
  assert.deepEqual(JSON.parse(JSON.stringify(main)), { name: 'main' });
  assert.equal(store.branch('feature/x').name, 'feature/x');
});

test('store.branch throws for invalid names, synchronously', async () => {
  const store = await memory();
  throws(() => store.branch('a..b'), 'invalid_branch');
  throws(() => store.branch(''), 'invalid_branch');
  throws(() => store.branch('has space'), 'invalid_branch');
  throws(() => store.branch(), 'invalid_argument', 'string');
  throws(() => store.branch(7), 'invalid_argument');
});

test('head is null for a new branch, then the commit id', async () => {
  const store = await memory();
  const main = store.branch('main');
  assert.equal(await main.head(), null);
  const id = await main.set('k', 'v');
  assert.ok(isId(id));
  assert.equal(await main.head(), id);
});

// ---- set / get -----------------------------------------------------------------------------

test('set and get text, including non-ASCII', async () => {
  const main = (await memory()).branch('main');
  await main.set('notes/today', 'héllo 😀 ✓');
  assert.equal(await main.getText('notes/today'), 'héllo 😀 ✓');
  assert.deepEqual(await main.get('notes/today'),
    new Uint8Array(Buffer.from('héllo 😀 ✓', 'utf8')));
});

test('set and get bytes: Uint8Array in, a new Uint8Array out', async () => {
  const main = (await memory()).branch('main');
  const input = bytes(0, 1, 127, 128, 255);
  await main.set('b', input);
  const out = await main.get('b');
  assert.ok(out instanceof Uint8Array);
  assert.deepEqual(out, bytes(0, 1, 127, 128, 255));
  // Copies both ways: neither the caller's array nor the returned one is the store's.
  input[0] = 9;
  out[1] = 9;
  assert.deepEqual(await main.get('b'), bytes(0, 1, 127, 128, 255));
  assert.notEqual(await main.get('b'), await main.get('b'));
});

test('set bytes from a subarray view, an ArrayBuffer and a Node Buffer', async () => {
  const main = (await memory()).branch('main');
  const whole = bytes(1, 2, 3, 4, 5, 6);
  await main.set('view', whole.subarray(2, 4));
  assert.deepEqual(await main.get('view'), bytes(3, 4));
  await main.set('buffer', bytes(7, 8).buffer);
  assert.deepEqual(await main.get('buffer'), bytes(7, 8));
  await main.set('node', Buffer.from('hi'));
  assert.equal(await main.getText('node'), 'hi');
  await main.set('empty', new Uint8Array(0));
  assert.deepEqual(await main.get('empty'), new Uint8Array(0));
  assert.equal(await main.getText('empty'), '');
});

test('set a JSON value and get it back as JSON and as text', async () => {
  const main = (await memory()).branch('main');
  const value = { title: 'Hi', tags: ['a', 'b'], n: 1.5, ok: true, none: null };
  await main.set('doc', value);
  assert.deepEqual(await main.getJSON('doc'), value);
  assert.equal(await main.getText('doc'), JSON.stringify(value));
  await main.set('array', [1, 2]);
  await main.set('number', 42);
  await main.set('bool', false);
  await main.set('null', null);
  assert.deepEqual(await main.getJSON('array'), [1, 2]);
  assert.equal(await main.getJSON('number'), 42);
  assert.equal(await main.getJSON('bool'), false);
  assert.equal(await main.getJSON('null'), null);
  assert.equal(await main.getJSON('missing'), undefined);
  // A string is stored as text, so getJSON of a plain string is not JSON.
  await main.set('text', 'plain');
  await rejects(main.getJSON('text'), 'invalid_json', 'text');
});

test('get, getText and getJSON of a missing key give undefined', async () => {
  const store = await memory();
  const main = store.branch('main');
  assert.equal(await main.get('nope'), undefined);
  assert.equal(await main.getText('nope'), undefined);
  assert.equal(await main.getJSON('nope'), undefined);
  await main.set('dir/k', 'v');
  assert.equal(await main.get('dir'), undefined, 'a directory is not a value');
});

test('set resolves to the new head; the same value again makes no commit', async () => {
  const store = await memory();
  const main = store.branch('main');
  const first = await main.set('k', 'v');
  assert.equal(await main.set('k', 'v'), first);
  assert.equal((await main.log()).length, 1);
  const second = await main.set('k', 'w');
  assert.notEqual(second, first);
  assert.deepEqual((await main.log()).map(c => c.id), [second, first]);
});

test('set with commit info: message and author', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('k', 'v', { message: 'first note', author: { name: 'Ada', email: 'ada@example.com' } });
  await main.set('k2', 'v');
  const [second, first] = await main.log();
  assert.equal(first.message, 'first note');
  assert.deepEqual(first.author.name + ' ' + first.author.email, 'Ada ada@example.com');
  assert.equal(second.message, 'set k2', 'the default message');
  assert.equal(second.author.name, 'Grove', 'the default author');
});

test('set checks its arguments', async () => {
  const main = (await memory()).branch('main');
  for (const key of ['', '/a', 'a/', 'a//b', '..', 'a/./b', 'a/../b', 'nul\u0000']) {
    await rejects(main.set(key, 'v'), 'invalid_path');
  }
  await rejects(main.set(undefined, 'v'), 'invalid_argument', 'key');
  await rejects(main.set(5, 'v'), 'invalid_argument', 'key must be a string, not number');
  await rejects(main.set('k'), 'invalid_argument', 'undefined');
  await rejects(main.set('k', () => 1), 'invalid_argument', 'function');
  await rejects(main.set('k', 10n), 'invalid_argument', 'bigint');
  await rejects(main.set('k', Symbol('s')), 'invalid_argument', 'symbol');
  await rejects(main.set('k', new Int16Array(2)), 'invalid_argument', 'Uint8Array');
  const cyclic = {};
  cyclic.self = cyclic;
  await rejects(main.set('k', cyclic), 'invalid_argument', 'JSON');
  await rejects(main.set('k', 'v', 'message'), 'invalid_argument', 'options');
  await rejects(main.set('k', 'v', { message: 5 }), 'invalid_argument', 'options.message');
  await rejects(main.set('k', 'v', { author: { name: 'Ada' } }), 'invalid_argument', 'email');
  await rejects(main.set('k', 'v', { author: { name: 'Ada', email: 'a\nb' } }), 'invalid_commit_info');
  assert.equal(await main.head(), null, 'nothing was written');
});

test('get, getText and getJSON check the key', async () => {
  const main = (await memory()).branch('main');
  await rejects(main.get('a//b'), 'invalid_path');
  await rejects(main.getText(''), 'invalid_path');
  await rejects(main.getJSON(null), 'invalid_argument');
  await rejects(main.get({}), 'invalid_argument', 'object');
});

// ---- remove --------------------------------------------------------------------------------

test('remove a value, a directory, and nothing', async () => {
  const store = await memory();
  const main = store.branch('main');
  assert.equal(await main.remove('k'), null, 'a branch that does not exist stays absent');
  await main.set('notes/a', '1');
  await main.set('notes/b', '2');
  const before = await main.set('keep', '3');
  const afterValue = await main.remove('notes/a', { message: 'drop a' });
  assert.notEqual(afterValue, before);
  assert.equal(await main.get('notes/a'), undefined);
  assert.equal(await main.remove('notes/a'), afterValue, 'nothing there: no commit');
  await main.remove('notes');
  assert.deepEqual(await main.list(), [{ name: 'keep', kind: 'value' }]);
  const log = await main.log();
  assert.equal(log[0].message, 'remove notes');
  assert.equal(log[1].message, 'drop a');
  await rejects(main.remove('a/../b'), 'invalid_path');
  await rejects(main.remove('k', 7), 'invalid_argument');
});

// ---- list ----------------------------------------------------------------------------------

test('list the root and directories', async () => {
  const main = (await memory()).branch('main');
  assert.deepEqual(await main.list(), []);
  await main.set('notes/b', '1');
  await main.set('notes/a', '1');
  await main.set('notes/sub/c', '1');
  await main.set('top', '1');
  assert.deepEqual(await main.list(), [
    { name: 'notes', kind: 'tree' }, { name: 'top', kind: 'value' }]);
  const notes = [{ name: 'a', kind: 'value' }, { name: 'b', kind: 'value' }, { name: 'sub', kind: 'tree' }];
  assert.deepEqual(await main.list('notes'), notes);
  assert.deepEqual(await main.list('notes/'), notes);
  assert.deepEqual(await main.list(''), await main.list());
  assert.deepEqual(await main.list('nothing'), []);
  assert.deepEqual(await main.list('top'), [], 'a value is not a directory');
  await rejects(main.list('a//'), 'invalid_path');
  await rejects(main.list('/'), 'invalid_path');
  await rejects(main.list(3), 'invalid_argument');
});

// ---- transactions --------------------------------------------------------------------------

test('transact commits the draft as one commit and resolves with the body value', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('count', '1');
  const result = await main.transact(async draft => {
    assert.ok(draft instanceof Draft);
    const n = Number(await draft.getText('count'));
    draft.set('count', String(n + 1));
    draft.set('log/1', { n });
    draft.remove('nothing');
    return n + 1;
  }, { message: 'increment', author: { name: 'Ada', email: 'ada@example.com' } });
  assert.equal(result.status, 'committed');
  assert.equal(result.value, 2);
  assert.deepEqual(result.conflicts, []);
  assert.equal(result.head, await main.head());
  assert.equal(await main.getText('count'), '2');
  assert.deepEqual(await main.getJSON('log/1'), { n: 1 });
  const [commit] = await main.log({ limit: 1 });
  assert.equal(commit.message, 'increment');
  assert.equal(commit.author.name, 'Ada');
  assert.equal((await main.log()).length, 2, 'one commit for the whole transaction');
});

test('transact with a synchronous body', async () => {
  const main = (await memory()).branch('main');
  const result = await main.transact(draft => {
    draft.set('a', 'x');
    return 'sync';
  });
  assert.equal(result.status, 'committed');
  assert.equal(result.value, 'sync');
  assert.equal((await main.log())[0].message, 'transaction', 'the default message');
});

test('draft reads see the draft writes; get, getText, getJSON, list', async () => {
  const main = (await memory()).branch('main');
  await main.set('notes/a', 'old');
  await main.transact(async draft => {
    draft.set('notes/a', 'new');
    draft.set('notes/b', bytes(1, 2));
    draft.set('notes/c', { c: true });
    draft.remove('gone');
    assert.equal(await draft.getText('notes/a'), 'new');
    assert.deepEqual(await draft.get('notes/b'), bytes(1, 2));
    assert.deepEqual(await draft.getJSON('notes/c'), { c: true });
    assert.equal(await draft.get('missing'), undefined);
    assert.equal(await draft.getText('missing'), undefined);
    assert.equal(await draft.getJSON('missing'), undefined);
    assert.deepEqual((await draft.list('notes/')).map(e => e.name), ['a', 'b', 'c']);
    assert.deepEqual(await draft.list(), [{ name: 'notes', kind: 'tree' }]);
    draft.remove('notes/b');
    assert.equal(await draft.get('notes/b'), undefined);
    // The branch itself does not see the draft before the commit.
    assert.equal(await main.getText('notes/a'), 'old');
  });
  assert.equal(await main.getText('notes/a'), 'new');
  assert.equal(await main.get('notes/b'), undefined);
});

test('draft reads started together, in order of the calls', async () => {
  const main = (await memory()).branch('main');
  await main.set('a', '1');
  await main.transact(async draft => {
    const first = draft.getText('a');
    draft.set('a', '2');
    const second = draft.getText('a');
    draft.set('a', '3');
    const [x, y, z] = await Promise.all([first, second, draft.getText('a')]);
    assert.deepEqual([x, y, z], ['1', '2', '3']);
  });
  assert.equal(await main.getText('a'), '3');
});

test('transact that changes nothing is unchanged: no commit', async () => {
  const main = (await memory()).branch('main');
  const head = await main.set('a', '1');
  const result = await main.transact(async draft => {
    draft.set('a', '1');
    return await draft.getText('a');
  });
  assert.equal(result.status, 'unchanged');
  assert.equal(result.head, head);
  assert.equal(result.value, '1');
  assert.equal((await main.log()).length, 1);
  const empty = await (await memory()).branch('main').transact(() => undefined);
  assert.deepEqual(empty, { status: 'unchanged', head: null, conflicts: [], value: undefined });
});

test('transact creates a branch that does not exist', async () => {
  const store = await memory();
  const result = await store.branch('new').transact(draft => draft.set('k', 'v'));
  assert.equal(result.status, 'committed');
  assert.deepEqual(await store.branches(), [{ name: 'new', head: result.head }]);
});

test('a body that throws or rejects commits nothing and passes its error on', async () => {
  const main = (await memory()).branch('main');
  const head = await main.set('a', '1');
  const boom = new TypeError('boom');
  let caught;
  try {
    await main.transact(draft => {
      draft.set('a', '2');
      throw boom;
    });
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, boom, 'the very error the body threw');
  try {
    await main.transact(async draft => {
      draft.set('a', '3');
      await null;
      throw 'a string';
    });
  } catch (e) {
    caught = e;
  }
  assert.equal(caught, 'a string');
  assert.equal(await main.head(), head);
  assert.equal(await main.getText('a'), '1');
});

test('a draft cannot be used after its transaction', async () => {
  const main = (await memory()).branch('main');
  let kept;
  await main.transact(draft => {
    kept = draft;
    draft.set('a', '1');
  });
  throws(() => kept.set('a', '2'), 'invalid_state');
  throws(() => kept.remove('a'), 'invalid_state');
  await rejects(kept.get('a'), 'invalid_state');
  await rejects(kept.getText('a'), 'invalid_state');
  await rejects(kept.getJSON('a'), 'invalid_state');
  await rejects(kept.list(), 'invalid_state');
  assert.equal(await main.getText('a'), '1');
});

test('draft methods check their arguments', async () => {
  const main = (await memory()).branch('main');
  await main.transact(async draft => {
    throws(() => draft.set('a//b', 'v'), 'invalid_path');
    throws(() => draft.set('', 'v'), 'invalid_path');
    throws(() => draft.set(1, 'v'), 'invalid_argument');
    throws(() => draft.set('k', undefined), 'invalid_argument');
    throws(() => draft.remove('..'), 'invalid_path');
    await rejects(draft.get('/x'), 'invalid_path');
    await rejects(draft.getText(null), 'invalid_argument');
    await rejects(draft.list('x//'), 'invalid_path');
  });
  assert.equal(await main.head(), null);
});

test('transact checks its arguments', async () => {
  const main = (await memory()).branch('main');
  await rejects(main.transact(), 'invalid_argument', 'function');
  await rejects(main.transact('body'), 'invalid_argument', 'function');
  await rejects(main.transact(() => {}, { strategy: 'maybe' }), 'invalid_argument', 'test-and-set');
  await rejects(main.transact(() => {}, { strategy: 1 }), 'invalid_argument');
  await rejects(main.transact(() => {}, { message: false }), 'invalid_argument');
  await rejects(main.transact(() => {}, 'options'), 'invalid_argument');
});

test("strategy 'set' re-applies the writes on a head that moved", async () => {
  const main = (await memory()).branch('main');
  await main.set('a', '1');
  const result = await main.transact(async draft => {
    const a = await draft.getText('a');
    await main.set('a', 'other writer');
    await main.set('b', 'other writer');
    draft.set('a', a + '!');
  }, { strategy: 'set' });
  assert.equal(result.status, 'committed');
  assert.equal(await main.getText('a'), '1!', 'last writer wins on a');
  assert.equal(await main.getText('b'), 'other writer', 'the other write stays');
});

test("strategy 'test-and-set' fails when a key the body read changed", async () => {
  const main = (await memory()).branch('main');
  await main.set('a', '1');
  let moved;
  const result = await main.transact(async draft => {
    const a = await draft.getText('a');
    moved = await main.set('a', '5');
    draft.set('b', a);
    return 'value';
  }, { strategy: 'test-and-set' });
  assert.equal(result.status, 'conflict');
  assert.equal(result.head, moved);
  assert.equal(result.value, 'value');
  assert.equal(result.conflicts.length, 1);
  assert.equal(result.conflicts[0].path, 'a');
  assert.equal(typeof result.conflicts[0].reason, 'string');
  assert.equal(await main.get('b'), undefined, 'nothing was written');
  assert.equal(await main.head(), moved);
});

test("strategy 'test-and-set' commits when only other keys changed", async () => {
  const main = (await memory()).branch('main');
  await main.set('a', '1');
  const result = await main.transact(async draft => {
    await draft.getText('a');
    await main.set('unrelated', 'x');
    draft.set('b', '2');
  }, { strategy: 'test-and-set' });
  assert.equal(result.status, 'committed');
  assert.equal(await main.getText('b'), '2');
  assert.equal(await main.getText('unrelated'), 'x');
});

test("strategy 'merge' merges with the moved head, or reports the conflict", async () => {
  const main = (await memory()).branch('main');
  await main.set('a', '1');
  const merged = await main.transact(async draft => {
    await main.set('x', 'theirs');
    draft.set('y', 'ours');
  }, { strategy: 'merge' });
  assert.equal(merged.status, 'committed');
  assert.deepEqual([await main.getText('x'), await main.getText('y')], ['theirs', 'ours']);
  const head = await main.head();
  const conflict = await main.transact(async draft => {
    await main.set('a', 'theirs');
    draft.set('a', 'ours');
  }, { strategy: 'merge' });
  assert.equal(conflict.status, 'conflict');
  assert.deepEqual(conflict.conflicts.map(c => c.path), ['a']);
  assert.notEqual(conflict.head, head);
  assert.equal(await main.getText('a'), 'theirs');
});

test('concurrent writes to one branch all land', async () => {
  const main = (await memory()).branch('main');
  await Promise.all(Array.from({ length: 20 }, (_, i) => main.set(`k/${i}`, String(i))));
  assert.equal((await main.list('k')).length, 20);
  assert.equal((await main.log()).length, 20);
  const results = await Promise.all(Array.from({ length: 10 }, () => main.transact(async draft => {
    const n = Number((await draft.getText('counter')) ?? '0');
    draft.set('counter', String(n + 1));
  }, { strategy: 'test-and-set' })));
  const committed = results.filter(r => r.status === 'committed').length;
  assert.equal(Number(await main.getText('counter')), committed);
  assert.ok(committed >= 1);
});

// ---- merge ---------------------------------------------------------------------------------

test('merge: merged, with both heads as parents', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('notes/today', 'buy milk');
  await store.createBranch('phone', 'main');
  const phone = store.branch('phone');
  const theirs = await phone.set('notes/today', 'buy oat milk');
  const ours = await main.set('notes/later', 'call Bob');
  const result = await main.merge('phone', { message: 'sync', author: { name: 'Ada', email: 'a@x' } });
  assert.equal(result.status, 'merged');
  assert.deepEqual(result.conflicts, []);
  assert.equal(result.head, await main.head());
  const [commit] = await main.log({ limit: 1 });
  assert.deepEqual(commit.parents, [ours, theirs]);
  assert.equal(commit.message, 'sync');
  assert.equal(commit.author.name, 'Ada');
  assert.equal(await main.getText('notes/today'), 'buy oat milk');
  assert.equal(await main.getText('notes/later'), 'call Bob');
});

test('merge: fast-forward, up-to-date, by commit id, default message', async () => {
  const store = await memory();
  const main = store.branch('main');
  const first = await main.set('a', '1');
  await store.createBranch('dev', 'main');
  const dev = store.branch('dev');
  const second = await dev.set('a', '2');
  assert.deepEqual(await main.merge('dev'), { status: 'fast-forward', head: second, conflicts: [] });
  assert.deepEqual(await main.merge('dev'), { status: 'up-to-date', head: second, conflicts: [] });
  assert.deepEqual(await main.merge(first), { status: 'up-to-date', head: second, conflicts: [] });
  const other = store.branch('other');
  assert.deepEqual(await other.merge(first.toUpperCase()),
    { status: 'fast-forward', head: first, conflicts: [] }, 'an absent branch fast-forwards');
  await dev.set('b', 'dev');
  await main.set('c', 'main');
  const merged = await main.merge('dev');
  assert.equal(merged.status, 'merged');
  assert.equal((await main.log({ limit: 1 }))[0].message, 'merge dev into main');
});

test('merge: a conflict writes nothing and lists the keys', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('notes/later', 'call Bob');
  await store.createBranch('phone', 'main');
  await store.branch('phone').set('notes/later', 'call Bob at 5');
  const head = await main.set('notes/later', 'call Bob tomorrow');
  const result = await main.merge('phone');
  assert.equal(result.status, 'conflict');
  assert.equal(result.head, head);
  assert.equal(result.conflicts.length, 1);
  assert.equal(result.conflicts[0].path, 'notes/later');
  assert.ok(result.conflicts[0].reason.includes('both'), result.conflicts[0].reason);
  assert.equal(await main.head(), head);
});

test('merge checks what it merges', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('a', '1');
  await rejects(main.merge('nope'), 'not_found', 'nope');
  await rejects(main.merge('0123456789012345678901234567890123456789'), 'missing_object');
  await rejects(main.merge(''), 'invalid_argument');
  await rejects(main.merge(42), 'invalid_argument');
  await rejects(main.merge('main', { message: [] }), 'invalid_argument');
});

// ---- history -------------------------------------------------------------------------------

test('log: newest first, with ids, trees, parents, people and times', async () => {
  const store = await memory();
  const main = store.branch('main');
  const before = Date.now() / 1000;
  const first = await main.set('a', '1', { message: 'one' });
  const second = await main.set('a', '2', { message: 'two' });
  const log = await store.log('main');
  assert.deepEqual(log.map(c => c.id), [second, first]);
  assert.deepEqual(log.map(c => c.message), ['two', 'one']);
  assert.deepEqual(log[0].parents, [first]);
  assert.deepEqual(log[1].parents, []);
  for (const commit of log) {
    assert.ok(isId(commit.id) && isId(commit.tree));
    assert.equal(typeof commit.author.time, 'number');
    assert.ok(Math.abs(commit.author.time - before) < 60, 'seconds since 1970');
    assert.equal(typeof commit.author.offset, 'number');
    assert.deepEqual(Object.keys(commit).sort(),
      ['author', 'committer', 'id', 'message', 'parents', 'tree']);
  }
  assert.deepEqual(await store.log(second, { limit: 1 }), [log[0]]);
  assert.deepEqual(await store.log(first), [log[1]]);
  assert.deepEqual(await main.log(), log);
  assert.deepEqual(await main.log({ limit: 1 }), [log[0]]);
  assert.deepEqual(await main.log({ limit: 0 }), []);
  assert.deepEqual(await store.branch('none').log(), []);
});

test('log checks its arguments', async () => {
  const store = await memory();
  await store.branch('main').set('a', '1');
  await rejects(store.log('nope'), 'not_found');
  await rejects(store.log('ffffffffffffffffffffffffffffffffffffffff'), 'missing_object');
  await rejects(store.log(), 'invalid_argument');
  await rejects(store.log('main', { limit: -1 }), 'invalid_argument', 'limit');
  await rejects(store.log('main', { limit: 1.5 }), 'invalid_argument', 'limit');
  await rejects(store.log('main', { limit: '3' }), 'invalid_argument', 'limit');
  await rejects(store.branch('main').log({ limit: -2 }), 'invalid_argument');
});

test('diff: added, removed, changed; by prefix; from the empty store', async () => {
  const store = await memory();
  const main = store.branch('main');
  await main.set('notes/a', '1');
  await main.set('notes/b', '1');
  const from = await main.set('top', '1');
  await main.set('notes/a', '2');
  await main.remove('notes/b');
  await main.set('notes/c', '1');
  const to = await main.set('top', '2');
  assert.deepEqual(await store.diff(from, to), [
    { path: 'notes/a', kind: 'changed' },
    { path: 'notes/b', kind: 'removed' },
    { path: 'notes/c', kind: 'added' },
    { path: 'top', kind: 'changed' }]);
  assert.deepEqual(await store.diff(from, 'main', { prefix: 'notes/' }), [
    { path: 'notes/a', kind: 'changed' },
    { path: 'notes/b', kind: 'removed' },
    { path: 'notes/c', kind: 'added' }]);
  assert.deepEqual(await store.diff(to, from, { prefix: 'top' }), [{ path: 'top', kind: 'changed' }]);
  assert.deepEqual(await store.diff(null, from), [
    { path: 'notes/a', kind: 'added' }, { path: 'notes/b', kind: 'added' }, { path: 'top', kind: 'added' }]);
  assert.deepEqual(await store.diff('main', null, { prefix: 'notes' }), [
    { path: 'notes/a', kind: 'removed' }, { path: 'notes/c', kind: 'removed' }]);
  assert.deepEqual(await store.diff('main', 'main'), []);
  await rejects(store.diff('main', 'nope'), 'not_found');
  await rejects(store.diff('main', 'main', { prefix: 'a//b' }), 'invalid_path');
  await rejects(store.diff('main', 'main', { prefix: 3 }), 'invalid_argument');
  await rejects(store.diff(5, 'main'), 'invalid_argument');
});

test('lowestCommonAncestors: the fork point, none for unrelated histories', async () => {
  const store = await memory();
  const main = store.branch('main');
  const base = await main.set('a', '1');
  await store.createBranch('dev', 'main');
  const devHead = await store.branch('dev').set('b', '1');
  const mainHead = await main.set('c', '1');
  assert.deepEqual(await store.lowestCommonAncestors('main', 'dev'), [base]);
  assert.deepEqual(await store.lowestCommonAncestors(mainHead, devHead), [base]);
  assert.deepEqual(await store.lowestCommonAncestors('main', base), [base]);
  await store.branch('unrelated').set('z', '1');
  assert.deepEqual(await store.lowestCommonAncestors('main', 'unrelated'), []);
  await rejects(store.lowestCommonAncestors('main', 'nope'), 'not_found');
  await rejects(store.lowestCommonAncestors('main'), 'invalid_argument');
});

// ---- branches ------------------------------------------------------------------------------

test('branches, createBranch, deleteBranch', async () => {
  const store = await memory();
  const head = await store.branch('main').set('a', '1');
  assert.equal(await store.createBranch('zeta', 'main'), head);
  assert.equal(await store.createBranch('alpha', head), head);
  assert.deepEqual(await store.branches(), [
    { name: 'alpha', head }, { name: 'main', head }, { name: 'zeta', head }]);
  assert.equal(await store.deleteBranch('zeta'), true);
  assert.equal(await store.deleteBranch('zeta'), false);
  assert.deepEqual((await store.branches()).map(b => b.name), ['alpha', 'main']);
  assert.equal(await store.branch('alpha').getText('a'), '1');
});

test('branch operations check their arguments', async () => {
  const store = await memory();
  const head = await store.branch('main').set('a', '1');
  await rejects(store.createBranch('main', head), 'branch_exists', 'main');
  await rejects(store.createBranch('x', 'nope'), 'not_found');
  await rejects(store.createBranch('x', 'ffffffffffffffffffffffffffffffffffffffff'), 'missing_object');
  await rejects(store.createBranch('bad..name', 'main'), 'invalid_branch');
  await rejects(store.createBranch('x'), 'invalid_argument', 'from');
  await rejects(store.createBranch('main/sub', 'main'), 'branch_name_conflict');
  await rejects(store.deleteBranch('bad..name'), 'invalid_branch');
  await rejects(store.deleteBranch(), 'invalid_argument');
  assert.deepEqual((await store.branches()).map(b => b.name), ['main']);
});

// ---- watch ---------------------------------------------------------------------------------

test('watch tells each move of the branch, in order, until unsubscribed', async () => {
  const store = await memory();
  const main = store.branch('main');
  const events = [];
  const unsubscribe = main.watch(event => events.push(event));
  assert.equal(typeof unsubscribe, 'function');
  const first = await main.set('a', '1');
  const second = await main.set('b', '2');
  await store.branch('other').set('x', '1');
  await until(() => events.length === 2, 'two events');
  await settle();
  assert.deepEqual(events, [
    { branch: 'main', previous: null, head: first },
    { branch: 'main', previous: first, head: second }]);
  unsubscribe();
  unsubscribe();
  await main.set('c', '3');
  await settle();
  assert.equal(events.length, 2, 'nothing after unsubscribe');
});

test('watch sees merges, transactions and deletion', async () => {
  const store = await memory();
  const main = store.branch('main');
  const events = [];
  const stop = main.watch(event => events.push(event));
  const head = await main.set('a', '1');
  const tx = await main.transact(draft => draft.set('b', '2'));
  await store.deleteBranch('main');
  await until(() => events.length === 3, 'three events');
  assert.deepEqual(events.map(e => [e.previous, e.head]),
    [[null, head], [head, tx.head], [tx.head, null]]);
  stop();
});

test('many quick writes arrive as events in order', async () => {
  const main = (await memory()).branch('main');
  const heads = [];
  const stop = main.watch(event => heads.push(event.head));
  const written = [];
  for (let i = 0; i < 15; i++) {
    written.push(await main.set('k', String(i)));
  }
  await until(() => heads.length === 15, '15 events');
  assert.deepEqual(heads, written);
  stop();
});

test('watchKeys tells the changes under a prefix only', async () => {
  const store = await memory();
  const main = store.branch('main');
  const calls = [];
  const stop = main.watchKeys('notes/', (changes, event) => calls.push({ changes, event }));
  const head = await main.set('notes/a', '1');
  await main.set('other', '1');
  const head2 = await main.transact(draft => {
    draft.set('notes/a', '2');
    draft.set('notes/b', '1');
    draft.set('elsewhere', '1');
  });
  await main.remove('notes/b');
  await until(() => calls.length === 3, 'three calls');
  await settle();
  assert.equal(calls.length, 3, 'the write outside notes/ was not told');
  assert.deepEqual(calls[0].changes, [{ path: 'notes/a', kind: 'added' }]);
  assert.deepEqual(calls[0].event, { branch: 'main', previous: null, head });
  assert.deepEqual(calls[1].changes, [
    { path: 'notes/a', kind: 'changed' }, { path: 'notes/b', kind: 'added' }]);
  assert.equal(calls[1].event.head, head2.head);
  assert.deepEqual(calls[2].changes, [{ path: 'notes/b', kind: 'removed' }]);
  stop();
  await main.set('notes/c', '1');
  await settle();
  assert.equal(calls.length, 3);
});

test('watchKeys with the root prefix and with a single key', async () => {
  const main = (await memory()).branch('main');
  const all = [];
  const one = [];
  const stopAll = main.watchKeys('', changes => all.push(...changes));
  const stopOne = main.watchKeys('settings/theme', changes => one.push(...changes));
  await main.set('settings/theme', 'dark');
  await main.set('settings/size', '2');
  await until(() => all.length === 2, 'two changes');
  await settle();
  assert.deepEqual(all.map(c => c.path), ['settings/theme', 'settings/size']);
  assert.deepEqual(one, [{ path: 'settings/theme', kind: 'added' }]);
  stopAll();
  stopOne();
});

test('a throwing watch callback is logged and breaks nothing', async () => {
  const main = (await memory()).branch('main');
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args);
  try {
    const seen = [];
    const stopBad = main.watch(() => { throw new Error('callback bug'); });
    const stopBadKeys = main.watchKeys('', () => { throw new Error('keys bug'); });
    const stopGood = main.watch(event => seen.push(event.head));
    const first = await main.set('a', '1');
    const second = await main.set('a', '2');
    await until(() => seen.length === 2 && logged.length === 4, 'the good watcher and 4 logs');
    assert.deepEqual(seen, [first, second]);
    assert.equal(await main.getText('a'), '2');
    assert.ok(logged.every(args => String(args[0]).includes('grove')));
    assert.ok(logged.some(args => args.some(a => a instanceof Error && a.message === 'callback bug')));
    stopBad();
    stopBadKeys();
    stopGood();
  } finally {
    console.error = original;
  }
});

test('a watch callback may write to the store', async () => {
  const main = (await memory()).branch('main');
  const seen = [];
  const stop = main.watchKeys('in/', changes => {
    seen.push(changes);
    main.set('out/copy', 'copied');
  });
  await main.set('in/x', '1');
  await until(() => seen.length === 1, 'the callback');
  await settle();
  assert.equal(await main.getText('out/copy'), 'copied');
  assert.equal(seen.length, 1, 'the callback\'s own write is outside in/');
  stop();
});

test('watch and watchKeys check their arguments, synchronously', async () => {
  const main = (await memory()).branch('main');
  throws(() => main.watch(), 'invalid_argument', 'callback');
  throws(() => main.watch('notes/'), 'invalid_argument', 'function');
  throws(() => main.watchKeys('notes/'), 'invalid_argument', 'callback');
  throws(() => main.watchKeys('a//b', () => {}), 'invalid_path');
  throws(() => main.watchKeys(5, () => {}), 'invalid_argument');
});

// ---- close ---------------------------------------------------------------------------------

test('close ends watches; later calls fail with closed', async () => {
  const store = await memory();
  const main = store.branch('main');
  const events = [];
  main.watch(event => events.push(event));
  await main.set('a', '1');
  await until(() => events.length === 1);
  await store.close();
  await store.close();
  await rejects(main.get('a'), 'closed');
  await rejects(main.set('a', '2'), 'closed');
  await rejects(main.transact(() => {}), 'closed');
  await rejects(store.branches(), 'closed');
  await rejects(store.log('main'), 'closed');
  throws(() => store.branch('main'), 'closed');
  throws(() => main.watch(() => {}), 'closed');
  assert.equal(events.length, 1);
});

// ---- remotes (no server here: SyncChromiumTest runs them against one) -----------------------

test('store.remote checks its arguments, synchronously', async () => {
  const store = await memory();
  throws(() => store.remote(), 'invalid_argument');
  throws(() => store.remote(42), 'invalid_argument');
  throws(() => store.remote('ftp://example.org/repos/x'), 'invalid_argument', 'http');
  throws(() => store.remote('http://127.0.0.1:1/repos/x', 'token'), 'invalid_argument');
  throws(() => store.remote('http://127.0.0.1:1/repos/x', { token: 7 }), 'invalid_argument');
  throws(() => store.remote('http://127.0.0.1:1/repos/x', { onProgress: 'no' }), 'invalid_argument');
  const remote = store.remote('http://127.0.0.1:1/repos/x', { token: 'secret' });
  assert.ok(remote instanceof grove.Remote);
  assert.equal(remote.url, 'http://127.0.0.1:1/repos/x');
  assert.equal(JSON.stringify(remote), '{"url":"http://127.0.0.1:1/repos/x"}');
  await rejects(remote.pull({ branch: 'a..b' }), 'invalid_branch');
  await rejects(remote.push({ force: 'yes' }), 'invalid_argument');
  await rejects(remote.sync({ retries: -1 }), 'invalid_argument');
  throws(() => remote.live({ onState: 1 }), 'invalid_argument');
  await store.close();
  throws(() => store.remote('http://127.0.0.1:1/repos/x'), 'closed');
  await rejects(remote.pull(), 'closed');
});

test('an unreachable server rejects with network (Node has fetch)', async () => {
  const store = await memory();
  await store.branch('main').set('k', 'v');
  const remote = store.remote('http://127.0.0.1:1/repos/x');
  await rejects(remote.pull(), 'network');
  await rejects(remote.push(), 'network');
  await rejects(remote.sync(), 'network');
  await store.close();
});

test('live() goes offline while the server is unreachable, and stops', async () => {
  const store = await memory();
  const states = [];
  const errors = [];
  const live = store.remote('http://127.0.0.1:1/repos/x').live({
    onState: s => states.push(s), onError: e => errors.push(e.code) });
  assert.ok(live instanceof grove.Live);
  assert.equal(live.branch, 'main');
  await until(() => live.state === 'offline', 'the offline state');
  assert.ok(errors.includes('network'), JSON.stringify(errors));
  await store.close();
  assert.equal(live.state, 'stopped');
  assert.equal(states[states.length - 1], 'stopped');
  live.stop();
});

// ---- run -----------------------------------------------------------------------------------

await run('api');
