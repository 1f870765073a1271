package dev.grove.browser.idb;

import dev.grove.Utf8Text;
import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.backend.BatchResult;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefStore;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.RefWatcher;
import dev.grove.backend.Subscription;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.MalformedObjectException;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSString;
import org.teavm.jso.indexeddb.IDBCountRequest;
import org.teavm.jso.indexeddb.IDBDatabase;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.indexeddb.IDBObjectStore;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A backend in the browser's IndexedDB: one database per store, named {@code "grove:" +
 * storeName}, with two object stores:
 *
 * <ul>
 *   <li>{@code objects}: key the object's id (40 lower-case hex digits), value an
 *       {@code Int8Array} of the object as Git hashes it (header {@code "<type> <length>\0"},
 *       then the payload); every read is verified against its id;
 *   <li>{@code refs}: key the branch name, value its head (40 hex digits).
 * </ul>
 *
 * <h2>Write batches: one transaction, no other waits</h2>
 *
 * {@link #write} is one readwrite transaction over both stores: it puts every object, then
 * compares and sets each branch, so the batch applies all or nothing and IndexedDB serialises
 * it against every other page (tab) on the same store: of two racing writers, exactly one wins
 * the compare-and-set. A transaction stays alive only while it has requests in flight, and the
 * waiting Java thread resumes inside the request's event; so <b>between starting a transaction
 * and its end, the code waits for nothing but that transaction's own requests</b>: no
 * {@code Thread.sleep}, no timer, no network, no other thread ({@code join}, a contended
 * {@code synchronized}), no logging or callback that may block. Any such wait lets the
 * transaction commit early, half done. Everything a transaction needs (keys, encoded values)
 * is prepared before it starts; watchers and other tabs are told only after it completed.
 *
 * <h2>Failures</h2>
 *
 * A transaction that aborts (for want of quota, a disk error, the browser closing the
 * database) leaves the store exactly as it was and throws a {@link BackendException}:
 * {@code quota_exceeded} for a QuotaExceededError, else {@code storage_error} naming the
 * DOMException. Other codes: {@code storage_blocked} (an upgrade or delete stayed blocked by
 * another tab's connection beyond the bounded wait), {@code storage_version} (another tab
 * upgraded the database to a newer schema), {@code storage_unavailable} (no IndexedDB),
 * {@code not_a_store} (a database of that name that Grove did not make), {@code corrupt_object},
 * {@code corrupt_ref}, {@code closed}.
 *
 * <h2>Schema versions and other tabs</h2>
 *
 * The database is opened at {@link #SCHEMA_VERSION}; {@code onupgradeneeded} creates or
 * migrates the stores. When another tab needs to upgrade the database
 * ({@code onversionchange}), this backend closes its connection at once and reopens it on its
 * next operation, so the other tab is never kept waiting. When another connection (this page's
 * or another tab's) deletes the database ({@link #delete}), this backend closes its connection
 * at once and for good: it is closed, as after {@link #close}, with a message saying that the
 * store was deleted, and tells the listener given to {@link #onDeleted}. (Reopening would make a
 * new, empty database under the deleted one's name.) Its own open, when blocked by a
 * connection that does not close, waits at most a bounded time, then fails with
 * {@code storage_blocked}: never a hung page.
 *
 * <h2>Watches</h2>
 *
 * Changes made through this backend are delivered to its watchers right after their
 * transaction completed, in commit order. Other tabs (and other instances in this page) are
 * told through a {@code BroadcastChannel} named like the database; a message is only a hint:
 * on receipt this backend re-reads those branches and delivers the changes it actually sees,
 * from the heads it last knew. When the page becomes visible again or gains focus, it re-reads
 * every branch the same way, for messages it may have missed. Deliveries from hints run in a
 * Java thread of their own, so watchers may read and write the store.
 *
 * <p>Every method must be called from a Java thread (it blocks on IndexedDB); it is safe from
 * several threads at once.
 */
public final class IdbBackend implements Backend, ObjectStore, RefStore {
  /** The version of the database schema this code opens and upgrades to. */
  public static final int SCHEMA_VERSION = 1;

  /** The prefix of the database (and BroadcastChannel) name of each store. */
  public static final String DATABASE_PREFIX = "grove:";

  /** How long an open or delete waits for another tab to close its connection. */
  public static final int DEFAULT_BLOCKED_TIMEOUT_MILLIS = 10_000;

  private static final int READS_PER_TRANSACTION = 64;
  private static final String[] OBJECTS_ONLY = {Idb.OBJECTS};
  private static final String[] REFS_ONLY = {Idb.REFS};
  private static final String[] BOTH = {Idb.OBJECTS, Idb.REFS};
  private static final String READWRITE = IDBDatabase.TRANSACTION_READWRITE;
  private static final String READONLY = IDBDatabase.TRANSACTION_READONLY;

  private final String storeName;
  private final String databaseName;
  private final int blockedMillis;
  private final IdbDurability durability;
  private final ChangeFeed feed;
  /** The readonly transaction that reads of {@link #readingThread} share (see {@link #readOne}). */
  private Tx reading;
  private Thread readingThread;
  private int readingCount;
  /** The open connection; null after a versionchange or close event, until the next use. */
  private IDBDatabase db;
  private boolean closed;
  /** Why later operations fail with {@code closed}: closed, or deleted by another connection. */
  private String closedBecause;
  private Runnable deletedListener;

  private IdbBackend(String storeName, int blockedMillis, IdbDurability durability) {
    this.storeName = storeName;
    this.databaseName = databaseName(storeName);
    this.blockedMillis = blockedMillis;
    this.durability = durability;
    this.feed = new ChangeFeed(databaseName, new ChangeFeed.HeadReader() {
      @Override
      public SortedMap<String, ObjectId> readAll() {
        return listRefs();
      }

      @Override
      public ObjectId[] read(List<String> branches) {
        return readHeads(branches);
      }
    });
  }

  /**
   * Opens the store {@code storeName}, creating it when it does not exist. Blocks the calling
   * Java thread (never call it from a JavaScript callback).
   *
   * @throws BackendException {@code storage_unavailable}, {@code storage_blocked},
   *     {@code storage_version} or {@code storage_error}
   */
  public static IdbBackend open(String storeName) {
    return open(storeName, DEFAULT_BLOCKED_TIMEOUT_MILLIS, IdbDurability.STRICT);
  }

  /** {@link #open(String)}, with strict durability, waiting at most {@code blockedTimeoutMillis} for other tabs. */
  public static IdbBackend open(String storeName, int blockedTimeoutMillis) {
    return open(storeName, blockedTimeoutMillis, IdbDurability.STRICT);
  }

  /**
   * {@link #open(String)}, waiting at most {@code blockedTimeoutMillis} for other tabs, with
   * every write transaction of the given {@code durability}.
   */
  public static IdbBackend open(String storeName, int blockedTimeoutMillis, IdbDurability durability) {
    checkStoreName(storeName);
    IdbBackend backend = new IdbBackend(storeName, blockedTimeoutMillis, durability);
    backend.attach(Idb.open(backend.databaseName, SCHEMA_VERSION, blockedTimeoutMillis));
    try {
      backend.feed.start();
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    return backend;
  }

  /**
   * Deletes the store {@code storeName} and everything in it (nothing when it does not exist).
   * Open connections in this and other tabs are closed first; a connection that does not close
   * within {@link #DEFAULT_BLOCKED_TIMEOUT_MILLIS} makes it fail with {@code storage_blocked}.
   */
  public static void delete(String storeName) {
    delete(storeName, DEFAULT_BLOCKED_TIMEOUT_MILLIS);
  }

  /** {@link #delete(String)}, waiting at most {@code blockedTimeoutMillis} for other tabs. */
  public static void delete(String storeName, int blockedTimeoutMillis) {
    checkStoreName(storeName);
    Idb.deleteDatabase(databaseName(storeName), blockedTimeoutMillis);
  }

  /** Whether this environment has IndexedDB. */
  public static boolean isSupported() {
    return Idb.supported();
  }

  /** The IndexedDB database name of store {@code storeName}. */
  public static String databaseName(String storeName) {
    return DATABASE_PREFIX + storeName;
  }

  public String storeName() {
    return storeName;
  }

  private static void checkStoreName(String storeName) {
    if (storeName == null || storeName.isEmpty()) {
      throw new BackendException("invalid_argument", "a store name must not be empty");
    }
  }

  @Override
  public ObjectStore objects() {
    return this;
  }

  @Override
  public RefStore refs() {
    return this;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(true, true);
  }

  // ---- objects ----

  @Override
  public Optional<RawObject> read(ObjectId id) {
    String what = "cannot read object " + id.hex() + " from '" + databaseName + "'";
    JSObject value = readOne(Idb.OBJECTS, key(id.hex()), what);
    return Idb.isAbsent(value) ? Optional.empty() : Optional.of(decode(id, value));
  }

  @Override
  public boolean contains(ObjectId id) {
    String what = "cannot look up object " + id.hex() + " in '" + databaseName + "'";
    Tx tx = begin(OBJECTS_ONLY, READONLY);
    try {
      return count(Idb.await(tx.store(Idb.OBJECTS).count(key(id.hex())))) > 0;
    } catch (Throwable t) {
      throw failed(tx, what, t);
    }
  }

  /** One readonly transaction: every count request goes out before the first wait. */
  @Override
  public boolean containsAll(Collection<ObjectId> ids) {
    checkOpen();
    if (ids.isEmpty()) {
      return true;
    }
    JSString[] keys = new JSString[ids.size()];
    int n = 0;
    for (ObjectId id : ids) {
      keys[n++] = key(id.hex());
    }
    String what = "cannot look up " + keys.length + " objects in '" + databaseName + "'";
    Tx tx = begin(OBJECTS_ONLY, READONLY);
    try {
      IDBObjectStore store = tx.store(Idb.OBJECTS);
      IDBCountRequest[] counts = new IDBCountRequest[keys.length];
      for (int i = 0; i < keys.length; i++) {
        counts[i] = store.count(keys[i]);
      }
      boolean all = true;
      for (IDBCountRequest request : counts) {
        // Awaited to the last, so the transaction ends with nothing in flight.
        all &= count(Idb.await(request)) > 0;
      }
      return all;
    } catch (Throwable t) {
      throw failed(tx, what, t);
    }
  }

  @Override
  public void add(Collection<RawObject> added) {
    checkOpen();
    if (added.isEmpty()) {
      return;
    }
    List<RawObject> objects = new ArrayList<>(added);
    JSString[] keys = new JSString[objects.size()];
    Int8Array[] values = new Int8Array[objects.size()];
    prepare(objects, keys, values);
    String what = "cannot store " + objects.size() + " objects in '" + databaseName + "'";
    Tx tx = begin(OBJECTS_ONLY, READWRITE);
    // The transaction: puts only, nothing awaited but its end (see the class comment).
    try {
      IDBObjectStore store = tx.store(Idb.OBJECTS);
      for (int i = 0; i < keys.length; i++) {
        store.put(values[i], keys[i]);
      }
      tx.commit();
    } catch (Throwable t) {
      throw failed(tx, what, t);
    }
    if (!Tx.awaitEnd(tx)) {
      throw aborted(tx, what);
    }
  }

  // ---- refs ----

  @Override
  public Optional<ObjectId> readRef(String branch) {
    String what = "cannot read branch '" + branch + "' in '" + databaseName + "'";
    ObjectId head = headOf(branch, readOne(Idb.REFS, key(branch), what));
    return head.isNone() ? Optional.empty() : Optional.of(head);
  }

  /**
   * Reads one key of one store. Consecutive reads of one Java thread share a readonly
   * transaction over both stores while it is still active, i.e. while each next read is issued
   * inside the event that completed the previous one (a {@code get} reads the head, then the
   * trees and the value on its path, with nothing else in between): one transaction per
   * operation instead of one per read. A read issued later finds the transaction inactive
   * (IndexedDB throws at once) and starts a new one, so a read never sees a snapshot older than
   * the thread's last wait. At most {@link #READS_PER_TRANSACTION} reads share one, so a long
   * walk does not hold back other tabs' writes.
   */
  private JSObject readOne(String store, JSString key, String what) {
    Tx tx = reading;
    IDBGetRequest request = null;
    if (tx != null && readingThread == Thread.currentThread()
        && readingCount < READS_PER_TRANSACTION) {
      try {
        request = tx.store(store).get(key);
        readingCount++;
      } catch (Throwable inactive) {
        request = null; // TransactionInactiveError (or ended): start a new one below
      }
    }
    if (request == null) {
      reading = null;
      tx = begin(BOTH, READONLY);
      try {
        request = tx.store(store).get(key);
      } catch (Throwable t) {
        throw failed(tx, what, t);
      }
      reading = tx;
      readingThread = Thread.currentThread();
      readingCount = 1;
    }
    try {
      return Idb.await(request);
    } catch (Throwable t) {
      if (reading == tx) {
        reading = null;
      }
      throw failed(tx, what, t);
    }
  }

  /** Every branch and its head: a consistent snapshot (one readonly transaction). */
  @Override
  public SortedMap<String, ObjectId> listRefs() {
    String what = "cannot list the branches of '" + databaseName + "'";
    Tx tx = begin(REFS_ONLY, READONLY);
    try {
      IDBObjectStore refs = tx.store(Idb.REFS);
      // Both requests go out before the first wait: one snapshot.
      IDBGetRequest keysRequest = refs.getAllKeys();
      IDBGetRequest valuesRequest = Idb.getAll(refs);
      JSArrayReader<JSObject> keys = Idb.await(keysRequest).cast();
      JSArrayReader<JSObject> values = Idb.await(valuesRequest).cast();
      SortedMap<String, ObjectId> out = new TreeMap<>();
      for (int i = 0; i < keys.getLength(); i++) {
        JSObject name = keys.get(i);
        if (!Idb.isString(name)) {
          throw new BackendException("corrupt_ref", "a branch key in '" + databaseName
              + "' is not a string");
        }
        String branch = ((JSString) name.cast()).stringValue();
        out.put(branch, headOf(branch, values.get(i)));
      }
      return out;
    } catch (Throwable t) {
      throw failed(tx, what, t);
    }
  }

  @Override
  public Subscription watch(RefWatcher watcher) {
    checkOpen();
    return feed.watch(watcher);
  }

  // ---- write batches ----

  /**
   * Applies {@code batch} in one readwrite transaction over both stores: puts every object
   * (without waiting for each), then for each ref update in order reads the branch, compares,
   * checks the new head is stored (in the batch or already), and finally writes the branches.
   * When a compare or a presence check fails, the transaction is aborted: nothing of the batch
   * is stored, that update reports its failure and the others {@link RefOutcome#ABORTED}.
   *
   * <p><b>Rule:</b> inside the transaction, the only waits are {@link Idb#await} on this
   * transaction's own requests. Nothing else may suspend the thread there: not
   * {@code Thread.sleep}, a timer, another thread, a contended lock, a watcher, logging. Such a
   * wait would let IndexedDB commit the transaction half done.
   */
  @Override
  public BatchResult write(WriteBatch batch) {
    checkOpen();
    List<RefUpdate> updates = batch.refUpdates();
    if (updates.isEmpty()) {
      add(batch.objects());
      return new BatchResult(List.of());
    }
    // Everything the transaction needs, computed before it starts.
    List<RawObject> objects = batch.objects();
    JSString[] objectKeys = new JSString[objects.size()];
    Int8Array[] objectValues = new Int8Array[objects.size()];
    prepare(objects, objectKeys, objectValues);
    Set<ObjectId> inBatch = new HashSet<>();
    for (RawObject object : objects) {
      inBatch.add(object.id());
    }
    int n = updates.size();
    JSString[] branchKeys = new JSString[n];
    JSString[] nextKeys = new JSString[n]; // also the stored value of the branch
    for (int i = 0; i < n; i++) {
      RefUpdate update = updates.get(i);
      branchKeys[i] = key(update.branch());
      nextKeys[i] = update.next().isNone() ? null : key(update.next().hex());
    }
    RefOutcome[] outcomes = new RefOutcome[n];
    boolean failed = false;
    String what = "cannot write a batch of " + objects.size() + " objects and " + n
        + " branch updates to '" + databaseName + "'";

    Tx tx = begin(BOTH, READWRITE);
    // ---- the transaction: from here to its end, wait only on its own requests ----
    try {
      IDBObjectStore objectStore = tx.store(Idb.OBJECTS);
      IDBObjectStore refStore = tx.store(Idb.REFS);
      for (int i = 0; i < objectKeys.length; i++) {
        objectStore.put(objectValues[i], objectKeys[i]);
      }
      IDBGetRequest[] heads = new IDBGetRequest[n];
      for (int i = 0; i < n; i++) {
        heads[i] = refStore.get(branchKeys[i]);
      }
      ObjectId[] current = new ObjectId[n];
      IDBCountRequest[] presence = new IDBCountRequest[n];
      for (int i = 0; i < n; i++) {
        RefUpdate update = updates.get(i);
        current[i] = headOf(update.branch(), Idb.await(heads[i]));
        if (current[i].equals(update.expected()) && !update.next().isNone()
            && !inBatch.contains(update.next())) {
          presence[i] = objectStore.count(nextKeys[i]);
        }
      }
      for (int i = 0; i < n; i++) {
        boolean stored = presence[i] == null || count(Idb.await(presence[i])) > 0;
        outcomes[i] = outcome(updates.get(i), current[i], stored);
        failed |= !outcomes[i].succeeded();
      }
      if (!failed) {
        for (int i = 0; i < n; i++) {
          if (outcomes[i] == RefOutcome.NO_CHANGE) {
            continue;
          }
          if (nextKeys[i] == null) {
            refStore.delete(branchKeys[i]);
          } else {
            refStore.put(nextKeys[i], branchKeys[i]);
          }
        }
        tx.commit();
      } else {
        tx.abortQuietly();
      }
    } catch (Throwable t) {
      throw failed(tx, what, t);
    }
    boolean committed = Tx.awaitEnd(tx);
    // ---- the transaction ended ----
    if (failed) {
      if (committed) {
        throw new BackendException("storage_error", what + ": the transaction committed though"
            + " it was aborted");
      }
      for (int i = 0; i < n; i++) {
        if (outcomes[i].succeeded()) {
          outcomes[i] = RefOutcome.ABORTED;
        }
      }
      return new BatchResult(Arrays.asList(outcomes));
    }
    if (!committed) {
      throw aborted(tx, what);
    }
    // Still in the "complete" event, before any other event: watchers get commits in order.
    List<RefUpdate> moved = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RefUpdate update = updates.get(i);
      feed.observe(update.branch(), update.expected()); // another tab's move, unseen so far
      if (outcomes[i] != RefOutcome.NO_CHANGE) {
        feed.observe(update.branch(), update.next());
        moved.add(update);
      }
    }
    for (RefUpdate update : moved) {
      feed.tellOthers(update.branch(), update.next());
    }
    feed.deliver();
    return new BatchResult(Arrays.asList(outcomes));
  }

  /** The outcome of {@code update} on a branch at {@code current}; the same rules as memory. */
  private static RefOutcome outcome(RefUpdate update, ObjectId current, boolean nextStored) {
    if (!current.equals(update.expected())) {
      return RefOutcome.CAS_FAILED;
    }
    if (!update.next().isNone() && !nextStored) {
      return RefOutcome.MISSING_OBJECTS;
    }
    if (update.expected().equals(update.next())) {
      return RefOutcome.NO_CHANGE;
    }
    if (update.expected().isNone()) {
      return RefOutcome.CREATED;
    }
    return update.next().isNone() ? RefOutcome.DELETED : RefOutcome.UPDATED;
  }

  /** The head of each of {@code branches} ({@link ObjectId#NONE}: absent): one snapshot. */
  private ObjectId[] readHeads(List<String> branches) {
    String what = "cannot read branches of '" + databaseName + "'";
    Tx tx = begin(REFS_ONLY, READONLY);
    try {
      IDBObjectStore refs = tx.store(Idb.REFS);
      IDBGetRequest[] requests = new IDBGetRequest[branches.size()];
      for (int i = 0; i < requests.length; i++) {
        requests[i] = refs.get(key(branches.get(i)));
      }
      ObjectId[] heads = new ObjectId[requests.length];
      for (int i = 0; i < requests.length; i++) {
        heads[i] = headOf(branches.get(i), Idb.await(requests[i]));
      }
      return heads;
    } catch (Throwable t) {
      throw failed(tx, what, t);
    }
  }

  // ---- connection ----

  @Override
  public void close() {
    closeBecause("the IndexedDB backend of '" + storeName + "' is closed");
  }

  /**
   * Calls {@code listener} when another connection deletes this store's database (see the class
   * comment); by then this backend is closed. It runs inside the IndexedDB event, in no Java
   * thread: it must not block.
   */
  public void onDeleted(Runnable listener) {
    deletedListener = listener;
  }

  private void closeBecause(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    closedBecause = reason;
    if (db != null) {
      db.close();
      db = null;
    }
    feed.close();
  }

  private void deleted() {
    if (closed) {
      return;
    }
    closeBecause("the store '" + storeName + "' was deleted (destroyed) in this page or another"
        + " tab");
    if (deletedListener != null) {
      deletedListener.run();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new BackendException("closed", closedBecause);
    }
  }

  /** The connection, reopened when a versionchange (another tab) or the browser closed it. */
  private IDBDatabase connection() {
    checkOpen();
    if (db != null) {
      return db;
    }
    IDBDatabase opened = Idb.open(databaseName, SCHEMA_VERSION, blockedMillis);
    if (closed || db != null) {
      // closed meanwhile, or another thread reopened first
      opened.close();
      checkOpen();
      return db;
    }
    attach(opened);
    feed.rereadAll(); // other tabs may have moved branches meanwhile
    return opened;
  }

  private void attach(IDBDatabase opened) {
    db = opened;
    Idb.setOnVersionChange(opened, deleting -> {
      // Another connection upgrades or deletes the database: let it. After an upgrade, reopen
      // on the next use; after a deletion, stay closed.
      opened.close();
      if (db == opened) {
        db = null;
      }
      if (deleting) {
        deleted();
      }
    });
    Idb.setOnClose(opened, () -> {
      if (db == opened) {
        db = null;
      }
    });
  }

  /** Starts a transaction, reopening the connection once when it was closing. */
  private Tx begin(String[] stores, String mode) {
    IDBDatabase connection = connection();
    try {
      return new Tx(start(connection, stores, mode));
    } catch (Throwable first) {
      if (!"InvalidStateError".equals(Idb.errorName(Idb.jsError(first)))) {
        throw Idb.failure("cannot start a transaction on '" + databaseName + "'", first);
      }
      if (db == connection) {
        db = null; // closing: the browser or another tab closed it under us
      }
      try {
        return new Tx(start(connection(), stores, mode));
      } catch (Throwable t) {
        throw Idb.failure("cannot start a transaction on '" + databaseName + "'", t);
      }
    }
  }

  private org.teavm.jso.indexeddb.IDBTransaction start(IDBDatabase connection,
      String[] stores, String mode) {
    return READWRITE.equals(mode) ? Idb.transaction(connection, stores, mode, durability.label())
        : connection.transaction(stores, mode);
  }

  /**
   * The exception for {@code t} thrown inside {@code tx}: aborts the transaction (nothing of it
   * is stored), waits for its end, and prefers the transaction's own error (QuotaExceededError)
   * to the request's.
   */
  private RuntimeException failed(Tx tx, String what, Throwable t) {
    tx.abortQuietly();
    Tx.awaitEnd(tx);
    if (t instanceof BackendException && isDataFault((BackendException) t)) {
      return (BackendException) t;
    }
    if (tx.error() != null) {
      return Idb.failure(what, tx.error()); // why the transaction ended, e.g. QuotaExceededError
    }
    if (t instanceof Idb.RequestFailed) {
      return Idb.failure(what, ((Idb.RequestFailed) t).error());
    }
    return Idb.failure(what, t);
  }

  private static boolean isDataFault(BackendException e) {
    return e.code().equals("corrupt_object") || e.code().equals("corrupt_ref");
  }

  private RuntimeException aborted(Tx tx, String what) {
    if (tx.error() != null) {
      return Idb.failure(what, tx.error());
    }
    return new BackendException("storage_error", what + ": the transaction was aborted");
  }

  // ---- encoding ----

  private static JSString key(String text) {
    return JSString.valueOf(text);
  }

  private static int count(JSObject result) {
    return ((JSNumber) result.cast()).intValue();
  }

  /** Keys and values of {@code objects}: Git's header and the payload, in one new array each. */
  private static void prepare(List<RawObject> objects, JSString[] keys, Int8Array[] values) {
    for (int i = 0; i < keys.length; i++) {
      RawObject object = objects.get(i);
      byte[] header = RawObject.header(object.type(), object.size());
      byte[] stored = new byte[header.length + object.size()];
      System.arraycopy(header, 0, stored, 0, header.length);
      System.arraycopy(object.payload(), 0, stored, header.length, object.size());
      keys[i] = key(object.id().hex());
      // No copy here: IndexedDB clones the array (its whole buffer, which is just this array).
      values[i] = Int8Array.fromJavaArray(stored);
    }
  }

  /** The object stored under {@code id}, verified: its bytes must hash to {@code id}. */
  private RawObject decode(ObjectId id, JSObject value) {
    if (!Idb.isInt8Array(value)) {
      throw corrupt(id, "the stored value is not an Int8Array");
    }
    byte[] stored = ((Int8Array) value.cast()).toJavaArray();
    int space = -1;
    for (int i = 0; i < Math.min(stored.length, 7); i++) {
      if (stored[i] == ' ') {
        space = i;
        break;
      }
    }
    if (space < 0) {
      throw corrupt(id, "no Git header");
    }
    ObjectType type;
    try {
      type = ObjectType.fromGitName(Utf8Text.decode(stored, 0, space));
    } catch (MalformedObjectException e) {
      throw corrupt(id, e.getMessage());
    }
    long length = 0;
    int i = space + 1;
    for (; i < stored.length && stored[i] != 0; i++) {
      int digit = stored[i] - '0';
      if (digit < 0 || digit > 9 || i - space > 10) {
        throw corrupt(id, "bad length in the Git header");
      }
      length = length * 10 + digit;
    }
    if (i == space + 1 || i >= stored.length || length != stored.length - i - 1) {
      throw corrupt(id, "the header's length does not match the stored bytes");
    }
    byte[] payload = Arrays.copyOfRange(stored, i + 1, stored.length);
    try {
      return RawObject.verified(id, type, payload);
    } catch (MalformedObjectException e) {
      throw corrupt(id, e.getMessage());
    }
  }

  private BackendException corrupt(ObjectId id, String why) {
    return new BackendException("corrupt_object", "object " + id.hex() + " is corrupt in"
        + " IndexedDB database '" + databaseName + "': " + why);
  }

  /** A stored head: NONE when absent; 40 hex digits, else {@code corrupt_ref}. */
  private ObjectId headOf(String branch, JSObject value) {
    if (Idb.isAbsent(value)) {
      return ObjectId.NONE;
    }
    if (Idb.isString(value)) {
      String hex = ((JSString) value.cast()).stringValue();
      if (ObjectId.isHex(hex) && !hex.equals(ObjectId.NONE.hex())) {
        return ObjectId.fromHex(hex);
      }
    }
    throw new BackendException("corrupt_ref", "branch '" + branch + "' in IndexedDB database '"
        + databaseName + "' does not hold an object id");
  }
}
