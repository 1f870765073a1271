// The page SyncChromiumTest and GroveJsDestroyChromiumTest drive (SnippetPage): it loads grove.js
// and runs the tests' snippets, each the body of an async function of (grove, t, args), with t
// holding the page's state between them.
import * as grove from './grove.js';

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;

const t = {
  /** Open stores and live syncs, kept between snippets. */
  stores: {},
  lives: {},
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  /** Waits until condition() (which may be async) is true, polling; fails after ms. */
  async until(condition, what, ms = 30000) {
    const start = Date.now();
    while (!(await condition())) {
      if (Date.now() - start > ms) {
        throw new Error(`waited ${ms} ms for ${what}`);
      }
      await t.sleep(25);
    }
  },
  /** What a Promise rejected with ({code, name, message}), or {resolved} when it did not. */
  async rejection(promise) {
    try {
      return { resolved: await promise };
    } catch (e) {
      return { code: e.code, name: e.name, message: e.message };
    }
  },
  /** Starts remote.live() on store `name`, recording its states, syncs and errors. */
  live(name, remote, options = {}) {
    const record = { states: [], syncs: [], errors: [] };
    record.live = remote.live({
      ...options,
      onState: state => record.states.push(state),
      onSync: result => record.syncs.push(result),
      onError: error => record.errors.push(error.code),
    });
    t.lives[name] = record;
    return record;
  },
};

window.runSnippet = (body, args) => new AsyncFunction('grove', 't', 'args', body)(grove, t, args);
