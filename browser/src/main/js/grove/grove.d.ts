/**
 * grove.js: Grove, a Git-compatible, branchable, mergeable key-value store, in the browser.
 *
 * Keys are paths such as `notes/today`; values are bytes (text and JSON are views of bytes);
 * every write is a commit on a branch, stored as Git objects in IndexedDB. Branches can be
 * created, merged three-way and watched.
 *
 * ```js
 * import { open } from './grove.js';
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
 * Commit ids are 40 lower-case hex digits, as `git` prints them. Times are numbers of seconds
 * since 1970 (Unix time).
 */

/**
 * The error every failure is. `code` is stable (match on it, not on the message):
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
 * - `closed`: the store was closed;
 * - `storage_unavailable`: no IndexedDB here (open with `{memory: true}` instead);
 * - `storage_blocked`: another tab kept the database from opening (it did not close an old
 *   connection in time);
 * - `storage_version`: another tab upgraded the database to a newer Grove; reload the page;
 * - `quota_exceeded`: the browser's storage quota is full; nothing was written;
 * - `storage_error`: IndexedDB failed otherwise; nothing was written;
 * - `corrupt_object`, `corrupt_ref`: stored data fails its checks;
 * - `internal`: a bug.
 */
export interface GroveError extends Error {
  name: 'GroveError';
  code: string;
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
}

/**
 * Opens the store `name`: the IndexedDB database `grove:` + `name` (made on first use), or,
 * with `{memory: true}`, a new store in memory. Stores of different names are independent;
 * pages (tabs) of one origin that open the same name share the store, and their watches see
 * each other's commits.
 * Rejects with `storage_unavailable` where there is no IndexedDB (use `{memory: true}`).
 */
export declare function open(name: string, options?: OpenOptions): Promise<Store>;

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

  /** Ends every watch and closes the store. Later calls reject with `closed`. */
  close(): Promise<void>;
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
