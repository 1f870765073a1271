/**
 * grove.js: Grove, a Git-compatible, branchable, mergeable key-value store, in the browser.
 *
 * Keys are paths such as `notes/today`; values are bytes (text and JSON are views of bytes);
 * every write is a commit on a branch, stored as Git objects in IndexedDB. Branches can be
 * created, merged three-way and watched.
 *
 * ```js
 * import { open } from 'grove';        // npm install grove-VERSION.tgz; or './grove.js'
 * const store = await open('notes');
 * const main = store.branch('main');
 * await main.set('notes/today', 'buy milk', { message: 'first note' });
 * await main.getText('notes/today');           // 'buy milk'
 * ```
 *
 * Every method that reads or writes the store returns a Promise. When it fails, the Promise
 * rejects with a {@link GroveError}: an `Error` whose `code` says what went wrong. Methods that
 * return no Promise (`store.branch`, `watch`, `draft.set`, ...) throw a `GroveError` instead.
 *
 * ```js
 * import { open, GroveError } from 'grove';
 * try { await main.get('a/../b'); }
 * catch (e) { if (e instanceof GroveError && e.code === 'invalid_path') { ... } }
 * ```
 *
 * Commit ids are 40 lower-case hex digits, as `git` prints them. Times are numbers of seconds
 * since 1970 (Unix time).
 */

/**
 * The class of every error grove.js throws or rejects with: `err instanceof GroveError` (and
 * `err instanceof Error`) holds, `err.name` is `'GroveError'`, and `code` is stable (match on
 * it, not on the message):
 *
 * - `invalid_argument`: an argument of the wrong type or out of range;
 * - `invalid_path`: a key that is not a valid path (an empty segment, `.` or `..`, NUL);
 * - `invalid_branch`: a branch name Git does not allow;
 * - `invalid_id`: a malformed commit id;
 * - `invalid_commit_info`: an author name or email containing `<`, `>` or a newline;
 * - `invalid_json`: `getJSON` of a value that is not JSON;
 * - `invalid_state`: a draft used after its transaction ended;
 * - `not_found`: a revision that names no branch and no commit;
 * - `missing_object`: a commit id of no commit in this store;
 * - `branch_exists`: `createBranch` of a branch that exists;
 * - `branch_name_conflict`: a branch `a/b` next to a branch `a` (Git cannot hold both);
 * - `too_many_retries`: a write kept losing races against other writers; nothing was written;
 * - `closed`: the store was closed or destroyed (here, or in another tab: {@link destroy});
 * - `storage_unavailable`: no IndexedDB here (open with `{memory: true}` instead);
 * - `storage_blocked`: another tab kept the database from opening (it did not close an old
 *   connection in time);
 * - `storage_version`: another tab upgraded the database to a newer Grove; reload the page;
 * - `quota_exceeded`: the browser's storage quota is full; nothing was written;
 * - `storage_error`: IndexedDB failed otherwise; nothing was written;
 * - `corrupt_object`, `corrupt_ref`: stored data fails its checks;
 * - `internal`: a bug.
 *
 * Sync ({@link Remote}) adds:
 *
 * - `network`: no answer from the server: it is unreachable or offline, the connection broke
 *   or stalled (no byte of an answer for 60 s; a live stream silent for 45 s), or the browser
 *   refused the answer because the server does not allow this page's origin (CORS); nothing
 *   was acknowledged, so trying again later is safe;
 * - `unauthorized`: no token, or one the server does not know; `forbidden`: a read token on a
 *   push;
 * - `repository_not_found`: no repository at that URL (a first push with a write token
 *   creates it); `branch_not_found`: `pull` of a branch the server does not have;
 * - `not_found`: `push` or `sync` of a branch this store does not have;
 * - `unsupported_protocol`, `bad_response`: the URL is not a Grove server of this version
 *   (or the server's answer broke the protocol);
 * - `server_error`, `http_error`: an error status without Grove's JSON error body (a 5xx; any
 *   other status), for instance from a proxy;
 * - `malformed_bundle`, `bad_object_id`, `malformed_object`, `missing_objects`,
 *   `wrong_object_type`, `body_too_large`, ...: the server or this store refused the objects
 *   sent (see the protocol's error list); nothing was written;
 * - `fetch_unavailable`: this JavaScript runtime has no `fetch` (sync needs a browser or
 *   Node 18+).
 */
export declare class GroveError extends Error {
  /** Only grove.js makes GroveErrors; `new GroveError()` throws. */
  private constructor();

  readonly name: 'GroveError';

  /** What went wrong, as one of the codes above (match on it, not on the message). */
  readonly code: string;

  /** `{name, code, message}`: what `JSON.stringify(error)` writes. */
  toJSON(): { name: 'GroveError'; code: string; message: string };
}

/** What a store holds as a value: bytes as they are, text as UTF-8, anything else as JSON. */
export type Value = Uint8Array | ArrayBuffer | string | number | boolean | null | object;

/** Who made a commit. Both fields are needed; neither may contain `<`, `>` or a newline. */
export interface Author {
  name: string;
  email: string;
}

/** The commit a write makes. */
export interface CommitOptions {
  /** The commit message. Each method has a default, such as `set notes/today`. */
  message?: string;
  /** The author; the store's default author (see {@link OpenOptions}) when absent. */
  author?: Author;
}

/**
 * What a transaction does when its branch moved between the start of the body and the commit:
 *
 * - `'set'` (the default): re-apply the draft's writes on the new head; the last writer wins,
 *   key by key;
 * - `'test-and-set'`: fail with a conflict if any key the body read or wrote changed meanwhile;
 * - `'merge'`: merge the draft three-way with the new head; a conflict fails.
 *
 * A conflict is a result (`status: 'conflict'`), not an error, and writes nothing.
 */
export type Strategy = 'set' | 'test-and-set' | 'merge';

export interface TransactionOptions extends CommitOptions {
  /** Default `'set'`. */
  strategy?: Strategy;
}

/** A key the merge or transaction could not resolve, and why (e.g. `changed on both sides`). */
export interface Conflict {
  path: string;
  reason: string;
}

export interface TransactionResult<T> {
  /** `'unchanged'`: the draft changed nothing, so no commit was made. */
  status: 'committed' | 'unchanged' | 'conflict';
  /** The branch head afterwards: the new commit, or the current head (null: no branch). */
  head: string | null;
  /** Why it failed, for `'conflict'`; empty otherwise. */
  conflicts: Conflict[];
  /** What the body returned (resolved). */
  value: T;
}

export interface MergeResult {
  /**
   * - `'up-to-date'`: the other side is already in this branch's history; nothing changed;
   * - `'fast-forward'`: this branch was behind (or absent) and now points to the other commit;
   * - `'merged'`: a merge commit with both heads as parents was written;
   * - `'conflict'`: nothing was written; see `conflicts`.
   */
  status: 'up-to-date' | 'fast-forward' | 'merged' | 'conflict';
  /** The branch head afterwards (unchanged for a conflict). */
  head: string;
  conflicts: Conflict[];
}

/** An entry of a directory: a value, or a directory (`'tree'`). */
export interface Entry {
  name: string;
  kind: 'value' | 'tree';
}

/** A value added, removed or changed between two commits. */
export interface Change {
  path: string;
  kind: 'added' | 'removed' | 'changed';
}

export interface Person {
  name: string;
  email: string;
  /** Seconds since 1970 (Unix time). */
  time: number;
  /** The time zone, in minutes east of UTC (Git's `+0200` is 120). */
  offset: number;
}

export interface Commit {
  id: string;
  /** The id of the commit's root tree (a Git tree). */
  tree: string;
  /** No parent for a first commit, two for a merge. */
  parents: string[];
  message: string;
  author: Person;
  committer: Person;
}

export interface BranchInfo {
  name: string;
  head: string;
}

/** A move of a branch. `previous` is null when the branch was created, `head` when it was deleted. */
export interface BranchEvent {
  branch: string;
  previous: string | null;
  head: string | null;
}

/** A merge function for the values under a key prefix; see {@link OpenOptions.merge}. */
export type MergeFunction = 'default' | 'json' | 'counter' | 'last-writer-wins';

export interface OpenOptions {
  /**
   * Keep the store in memory, not in IndexedDB: it starts empty and is gone when the page (or
   * Node process) ends. Each `open` with `memory` makes a new, separate store. Works where
   * there is no IndexedDB, such as Node.
   */
  memory?: boolean;
  /** The author of commits whose options name none. Default `Grove <grove@localhost>`. */
  author?: Author;
  /** How many times a write tries to commit while other writers move its branch. Default 64. */
  maxAttempts?: number;
  /**
   * The merge function by key prefix, used by `merge` and by `'merge'` transactions; the
   * longest matching prefix wins, `''` covers every key. `'default'` conflicts when both
   * sides changed a value differently; `'json'` merges JSON objects field by field; `'counter'`
   * adds up the changes of decimal integers; `'last-writer-wins'` keeps the later commit's value.
   *
   * ```js
   * open('app', { merge: { 'settings/': 'json', 'stats/visits': 'counter' } })
   * ```
   */
  merge?: Record<string, MergeFunction>;
  /**
   * When a write is acknowledged (its Promise resolves). Either way a commit is all or nothing.
   * - `'strict'` (the default): once IndexedDB has flushed it to disk. A crash of the browser
   *   or of the operating system, or a power cut, loses no acknowledged write.
   * - `'relaxed'`: once the browser has it, before it reaches the disk (IndexedDB's own default
   *   in Chromium, and what PouchDB and lightning-fs get). Faster for many small writes; a
   *   crash of the operating system or a power cut may lose the last acknowledged writes.
   *
   * Rejects with `invalid_argument` for any other value. A memory store accepts it and keeps
   * nothing either way.
   */
  durability?: 'strict' | 'relaxed';
}

/**
 * Opens the store `name`: the IndexedDB database `grove:` + `name` (made on first use), or,
 * with `{memory: true}`, a new store in memory. Stores of different names are independent;
 * pages (tabs) of one origin that open the same name share the store, and their watches see
 * each other's commits.
 * Rejects with `storage_unavailable` where there is no IndexedDB (use `{memory: true}`).
 */
export declare function open(name: string, options?: OpenOptions): Promise<Store>;

/**
 * Deletes the store `name` from IndexedDB (the database `grove:` + `name`) with all its
 * branches and history; resolves at once when there is no such store. As PouchDB's `destroy`.
 *
 * Every store open on it, in this page and in other tabs of the origin, is closed first: each
 * gets IndexedDB's `versionchange` event, closes its connection, ends its watches and live syncs,
 * and from then on rejects every call with `closed` (it never recreates the database). A
 * connection that does not close (a page of another library, or code that opened the database
 * directly) blocks the deletion: after 10 s this rejects with `storage_blocked`, and IndexedDB
 * still deletes the database as soon as that connection closes. A later `open(name)` makes a new,
 * empty store.
 *
 * Rejects with `storage_unavailable` where there is no IndexedDB (a memory store is gone once
 * closed: use {@link Store.destroy} or {@link Store.close}).
 */
export declare function destroy(name: string): Promise<void>;

/** An open store. Made by {@link open}; `new Store()` throws. */
export declare class Store {
  private constructor();

  /** The name it was opened with. */
  readonly name: string;

  /** `{name}`: what `JSON.stringify(store)` writes. */
  toJSON(): { name: string };

  /**
   * A handle on the branch `name` (such as `'main'`). The branch need not exist: it reads as
   * empty, and its first commit creates it. Throws `invalid_branch` for a name Git forbids.
   */
  branch(name: string): Branch;

  /** Every branch and its head, by name. */
  branches(): Promise<BranchInfo[]>;

  /**
   * Creates branch `name` at `from` (a branch name or a commit id); resolves to its head.
   * Rejects with `branch_exists` when it exists.
   */
  createBranch(name: string, from: string): Promise<string>;

  /** Deletes branch `name` (its commits stay reachable from other branches); resolves to whether it existed. */
  deleteBranch(name: string): Promise<boolean>;

  /**
   * The commits reachable from `from` (a branch name or a commit id), newest first, at most
   * `limit` (default: all). Rejects with `not_found` when `from` names nothing.
   */
  log(from: string, options?: { limit?: number }): Promise<Commit[]>;

  /**
   * The values added, removed and changed from `from` to `to` (branch names or commit ids;
   * null is the empty store), by path; only under `prefix` (such as `'notes/'`) when given.
   */
  diff(from: string | null, to: string | null, options?: { prefix?: string }): Promise<Change[]>;

  /**
   * The lowest common ancestors of two branches or commits: usually one commit id; none for
   * unrelated histories, several after criss-cross merges.
   */
  lowestCommonAncestors(a: string, b: string): Promise<string[]>;

  /**
   * A link to the repository at `url` on a Grove server (`http://HOST:PORT/repos/NAME`), to
   * pull, push and sync this store's branches with. Sends nothing until used. Throws
   * `invalid_argument` for a URL that is not http(s).
   *
   * ```js
   * const remote = store.remote('http://127.0.0.1:7070/repos/notes', { token });
   * await remote.sync();                       // pull, merge, push 'main'
   * const live = remote.live({ onState: s => console.log(s) });
   * ```
   */
  remote(url: string, options?: RemoteOptions): Remote;

  /** Ends every watch and live sync and closes the store. Later calls reject with `closed`. */
  close(): Promise<void>;

  /**
   * Closes this store (as {@link Store.close}) and deletes it with everything in it: its
   * IndexedDB database, as {@link destroy}`(store.name)` does, so other stores open on it, here
   * and in other tabs, are closed too; a memory store is simply closed. Later calls, `destroy()`
   * included, reject with `closed`. Rejects with `storage_blocked` when a connection that is not
   * Grove's keeps the database open for 10 s; the store is closed all the same, and the database
   * is deleted once that connection closes.
   */
  destroy(): Promise<void>;
}

/**
 * A handle on one branch: reads of its current head, and writes, each of which is one commit.
 * Made by {@link Store.branch}.
 */
export declare class Branch {
  private constructor();

  readonly name: string;

  /** `{name}`: what `JSON.stringify(branch)` writes. */
  toJSON(): { name: string };

  /** The head commit id, or null when the branch does not exist. */
  head(): Promise<string | null>;

  /** The value at `key` (a new copy), or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;

  /** The value at `key` as UTF-8 text, or undefined when there is none. */
  getText(key: string): Promise<string | undefined>;

  /** The value at `key` parsed as JSON, or undefined when there is none. Rejects with `invalid_json`. */
  getJSON<T = unknown>(key: string): Promise<T | undefined>;

  /**
   * Sets `key` to `value` in one commit and resolves to the new head. A `Uint8Array` (or
   * `ArrayBuffer`) is stored as is, a string as UTF-8 text, anything else as
   * `JSON.stringify(value)`; other typed arrays are refused (`invalid_argument`). Setting the
   * same value again makes no commit.
   */
  set(key: string, value: Value, options?: CommitOptions): Promise<string>;

  /**
   * Removes the value, or the whole directory, at `key` in one commit (none when nothing is
   * there); resolves to the head afterwards (null when the branch does not exist).
   */
  remove(key: string, options?: CommitOptions): Promise<string | null>;

  /** The entries of directory `dir` (`'notes'` or `'notes/'`; the root when absent), by name. */
  list(dir?: string): Promise<Entry[]>;

  /**
   * A transaction: calls `body` with a {@link Draft} of the head, awaits it, and commits every
   * write it made to the draft as one commit, with `options.strategy` deciding what happens
   * when the branch moved meanwhile. When `body` throws or rejects, nothing is committed and
   * the Promise rejects with that same error. The draft is valid only until `body` settles.
   *
   * ```js
   * const { status, value } = await main.transact(async draft => {
   *   const n = (await draft.getJSON('stats/count')) ?? 0;
   *   draft.set('stats/count', n + 1);
   *   return n + 1;
   * }, { strategy: 'test-and-set', message: 'count' });
   * ```
   */
  transact<T>(body: (draft: Draft) => T | Promise<T>, options?: TransactionOptions): Promise<TransactionResult<T>>;

  /**
   * Merges `other` (a branch name or a commit id) into this branch. A conflict writes nothing
   * and lists the conflicting keys; it is a result, not an error.
   */
  merge(other: string, options?: CommitOptions): Promise<MergeResult>;

  /** This branch's commits, newest first, at most `limit` (default: all); none when it does not exist. */
  log(options?: { limit?: number }): Promise<Commit[]>;

  /**
   * Calls `callback` after each move of this branch (a commit, a merge, a deletion), in order;
   * returns a function that stops it. What `callback` throws is logged and goes no further.
   */
  watch(callback: (event: BranchEvent) => void): () => void;

  /**
   * Calls `callback` with the values added, removed or changed at or below `prefix` (such as
   * `'notes/'`; `''` for every key) after each move of this branch that changed any; returns a
   * function that stops it.
   */
  watchKeys(prefix: string, callback: (changes: Change[], event: BranchEvent) => void): () => void;
}

/**
 * The working copy a transaction body edits: reads see the draft's own writes. Reads return
 * Promises; writes are synchronous (and are committed when the body ends).
 */
export declare class Draft {
  private constructor();

  get(key: string): Promise<Uint8Array | undefined>;
  getText(key: string): Promise<string | undefined>;
  getJSON<T = unknown>(key: string): Promise<T | undefined>;
  list(dir?: string): Promise<Entry[]>;

  /** Sets `key` to `value`, converted as {@link Branch.set} does. */
  set(key: string, value: Value): void;

  /** Removes the value, or the whole directory, at `key`. */
  remove(key: string): void;
}

/** How a pull, push or sync is going: `done` of `total` objects (`total` is -1 when not known). */
export interface Progress {
  /** `'counting'`, `'sending'`, `'receiving'`, `'checking'` or `'writing'`. */
  phase: string;
  done: number;
  total: number;
}

export interface RemoteOptions {
  /** The server's token (`grove token add`), sent as `Authorization: Bearer TOKEN`. */
  token?: string;
  /** Called as each pull, push or sync of this remote goes on; what it throws is logged. */
  onProgress?: (progress: Progress) => void;
  /**
   * How long a request waits for the head of its answer (status and headers) before it fails
   * with `network`. It counts from the start of the request, so it covers sending a push's
   * objects and the server's work on them; a push that times out may still have taken effect.
   * Milliseconds; default 300,000 (the command line's client waits as long).
   */
  replyTimeoutMs?: number;
  /**
   * Once an answer's head has arrived, how long its body may send nothing before the request
   * fails with `network` (the connection stalled). Milliseconds; default 60,000.
   */
  idleTimeoutMs?: number;
  /**
   * How long the event stream of {@link Remote.live} may stay silent before it counts as broken
   * and reconnects. The server pings every 15 s, so keep it well above that. Milliseconds;
   * default 45,000.
   */
  watchIdleTimeoutMs?: number;
}

export interface PullOptions extends CommitOptions {
  /** The branch to pull (the remote's branch of the same name into this store's). Default `'main'`. */
  branch?: string;
}

export interface PushOptions {
  /** The branch to push. Default `'main'`. */
  branch?: string;
  /** Push even when the remote branch has commits this one lacks (they are lost). Default false. */
  force?: boolean;
}

export interface SyncOptions extends PullOptions {
  /** How many times to pull and push again when another client pushed meanwhile. Default 5. */
  retries?: number;
}

export interface PullResult {
  /**
   * How the remote branch was merged into the local one, as {@link MergeResult}: `'up-to-date'`
   * (nothing new), `'fast-forward'`, `'merged'`, or `'conflict'` (nothing written).
   */
  status: 'up-to-date' | 'fast-forward' | 'merged' | 'conflict';
  branch: string;
  /** The local branch's head afterwards. */
  head: string;
  /** The remote branch's head that was fetched. */
  remoteHead: string;
  conflicts: Conflict[];
  objectsReceived: number;
}

export interface PushResult {
  /**
   * - `'up-to-date'`: the remote already had this head; nothing was sent;
   * - `'created'`, `'updated'`: the remote branch now points to the local head;
   * - `'non-fast-forward'`: refused, the remote branch has commits this one lacks (pull or
   *   sync first, or push with `force`);
   * - `'conflict'`: another client moved the remote branch meanwhile; nothing changed.
   */
  status: 'up-to-date' | 'created' | 'updated' | 'non-fast-forward' | 'conflict';
  branch: string;
  /** The remote branch's head afterwards (the current one when refused; null: none). */
  remoteHead: string | null;
  objectsSent: number;
}

export interface SyncResult {
  /**
   * - `'up-to-date'`: both sides were equal; nothing moved;
   * - `'synced'`: changes went one way or both; local and remote heads are now equal;
   * - `'conflict'`: the merge of the two sides conflicts; nothing was written or pushed.
   */
  status: 'up-to-date' | 'synced' | 'conflict';
  branch: string;
  /** The local branch's head afterwards. */
  head: string | null;
  conflicts: Conflict[];
  /** How many pull-merge-push rounds it took. */
  attempts: number;
  objectsReceived: number;
  objectsSent: number;
}

/** The state of a {@link Live} sync. */
export type LiveState = 'connecting' | 'live' | 'syncing' | 'offline' | 'stopped';

export interface LiveOptions extends CommitOptions {
  /** The branch to keep in sync. Default `'main'`. */
  branch?: string;
  /** Called on each change of state (it starts as `'connecting'`, which is not reported). */
  onState?: (state: LiveState) => void;
  /** Called after each sync that ran, conflicts included. */
  onSync?: (result: SyncResult) => void;
  /** Called when a sync or the connection fails (it then retries, with backoff). */
  onError?: (error: GroveError) => void;
}

/**
 * A repository on a Grove server, linked to a store. Made by {@link Store.remote}. Each call
 * rejects with a {@link GroveError} (`network`, `unauthorized`, ...) when it fails.
 */
export declare class Remote {
  private constructor();

  /** The repository's URL, as given. */
  readonly url: string;

  /** `{url}`: what `JSON.stringify(remote)` writes (never the token). */
  toJSON(): { url: string };

  /**
   * Fetches the remote branch (only the objects this store lacks) and merges it into the local
   * one. Rejects with `branch_not_found` when the server has no such branch.
   */
  pull(options?: PullOptions): Promise<PullResult>;

  /**
   * Pushes the local branch: the objects the server lacks, then a compare-and-set of its
   * branch. A non-fast-forward or a lost race is a status, not an error. Rejects with
   * `not_found` when this store has no such branch.
   */
  push(options?: PushOptions): Promise<PushResult>;

  /** Pull, merge, push; pulls and pushes again (up to `retries` times) when another client won the race. */
  sync(options?: SyncOptions): Promise<SyncResult>;

  /**
   * Keeps a branch in sync both ways: follows the server's changes (its event stream) and this
   * store's, and syncs after each, one sync at a time. While the server is unreachable the
   * state is `'offline'` and it reconnects with backoff (1 s doubling to 30 s). Runs until
   * `stop()` or `store.close()`.
   */
  live(options?: LiveOptions): Live;
}

/** A branch kept in sync by {@link Remote.live}. */
export declare class Live {
  private constructor();

  /** The branch it keeps in sync. */
  readonly branch: string;

  /** The current state. */
  readonly state: LiveState;

  /** Stops following and syncing (a sync under way finishes); harmless when repeated. */
  stop(): void;
}
