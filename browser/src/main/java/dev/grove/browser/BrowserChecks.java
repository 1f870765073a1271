package dev.grove.browser;

import dev.grove.backend.BatchResult;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.browser.idb.IdbBackend;
import dev.grove.conformance.CaseResult;
import dev.grove.conformance.Check;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.object.TreeObject;
import dev.grove.store.Branch;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the shared conformance suite cannot check because it needs a browser: other tabs
 * (played by other backend instances on the same store, each with its own connection and
 * BroadcastChannel, as a tab has), page focus, schema upgrades and deletes by other tabs, a
 * blocked delete, corrupt stored data, and a full quota. Each check gets a fresh store.
 */
final class BrowserChecks {
  private BrowserChecks() {}

  private static final long WAIT_MILLIS = 3000;
  private static final String QUOTA_CHECK = "quota.exceeded_rejects_and_changes_nothing";

  interface Body {
    void run(String store) throws Exception;
  }

  private record BrowserCheck(String id, Body body) {}

  static List<BrowserCheck> checks() {
    List<BrowserCheck> checks = new ArrayList<>();
    checks.add(new BrowserCheck("tabs.commits_of_another_tab_reach_watchers", store -> {
      IdbBackend a = IdbBackend.open(store);
      IdbBackend b = IdbBackend.open(store);
      try {
        Events events = new Events();
        a.refs().watch(c -> events.add(c.branch() + " " + c.oldHead() + " -> " + c.newHead()));
        Branch mainA = Repository.open(a, options()).branch("main");
        Branch mainB = Repository.open(b, options()).branch("main");
        ObjectId c1 = mainB.set("k", "1", CommitInfo.message("from tab b"));
        events.awaitCount(1);
        ObjectId c2 = mainA.set("k", "2", CommitInfo.message("from tab a"));
        events.awaitCount(2);
        ObjectId c3 = mainB.set("k", "3", CommitInfo.message("from tab b again"));
        events.awaitCount(3);
        Check.equal(List.of(
            "main " + ObjectId.NONE + " -> " + c1,
            "main " + c1 + " -> " + c2,
            "main " + c2 + " -> " + c3), events.snapshot(), "tab a's watcher, in order");
        Check.equal("3", mainA.getText("k"), "tab a reads tab b's value");
      } finally {
        a.close();
        b.close();
      }
    }));

    checks.add(new BrowserCheck("tabs.own_write_after_unseen_foreign_one_reports_both", store -> {
      IdbBackend a = IdbBackend.open(store);
      IdbBackend b = IdbBackend.open(store);
      try {
        Events events = new Events();
        a.refs().watch(c -> events.add(c.oldHead() + " -> " + c.newHead()));
        ObjectId c1 = commit(a, "one");
        ObjectId c2 = commit(a, "two");
        // Tab b's change, then at once tab a's, before tab a could act on the hint.
        Check.equal(RefOutcome.CREATED, cas(b, "main", ObjectId.NONE, c1), "b creates");
        Check.equal(RefOutcome.UPDATED, cas(a, "main", c1, c2), "a updates");
        events.awaitCount(2);
        pause();
        Check.equal(List.of(ObjectId.NONE + " -> " + c1, c1 + " -> " + c2), events.snapshot(),
            "each change once, in order, though a's own write was told first");
      } finally {
        a.close();
        b.close();
      }
    }));

    checks.add(new BrowserCheck("tabs.focus_and_visibility_reread_branches", store -> {
      IdbBackend a = IdbBackend.open(store);
      try {
        Events events = new Events();
        a.refs().watch(c -> events.add(c.branch() + " -> " + c.newHead()));
        ObjectId c1 = commit(a, "one");
        ObjectId c2 = commit(a, "two");
        // A tab whose message never arrived: the ref changes under this page's feet.
        RawIdb.put(IdbBackend.databaseName(store), "refs", "main", RawIdb.string(c1.hex()));
        pause();
        Check.equal(List.of(), events.snapshot(), "nothing told without a hint");
        RawIdb.dispatch("focus");
        events.awaitCount(1);
        RawIdb.put(IdbBackend.databaseName(store), "refs", "main", RawIdb.string(c2.hex()));
        Check.equal("visible", RawIdb.visibility(), "the page is visible");
        RawIdb.dispatch("visibilitychange");
        events.awaitCount(2);
        Check.equal(List.of("main -> " + c1, "main -> " + c2), events.snapshot(),
            "changes seen on focus and on becoming visible");
        Check.equal(Optional.of(c2), a.readRef("main"), "head");
      } finally {
        a.close();
      }
    }));

    checks.add(new BrowserCheck("tabs.racing_compare_and_set_has_exactly_one_winner", store -> {
      IdbBackend setup = IdbBackend.open(store);
      ObjectId base = commit(setup, "base");
      cas(setup, "main", ObjectId.NONE, base);
      int tabs = 8;
      List<IdbBackend> backends = new ArrayList<>();
      List<ObjectId> commits = new ArrayList<>();
      for (int i = 0; i < tabs; i++) {
        backends.add(IdbBackend.open(store));
        commits.add(commit(setup, "racer " + i));
      }
      RefOutcome[] outcomes = new RefOutcome[tabs];
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < tabs; i++) {
        int racer = i;
        threads.add(new Thread(() -> outcomes[racer] =
            cas(backends.get(racer), "main", base, commits.get(racer))));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      int winner = -1;
      for (int i = 0; i < tabs; i++) {
        if (outcomes[i] == RefOutcome.UPDATED) {
          Check.equal(-1, winner, "a single winner");
          winner = i;
        } else {
          Check.equal(RefOutcome.CAS_FAILED, outcomes[i], "the losers");
        }
      }
      Check.isTrue(winner >= 0, "a winner");
      Check.equal(Optional.of(commits.get(winner)), setup.readRef("main"), "head is the winner's");
      backends.forEach(IdbBackend::close);
      setup.close();
    }));

    checks.add(new BrowserCheck("tabs.concurrent_writers_lose_no_acknowledged_update", store -> {
      int tabs = 4;
      int threadsPerTab = 3;
      int writesPerThread = 4;
      List<IdbBackend> backends = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      List<String> acknowledged = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (int t = 0; t < tabs; t++) {
        IdbBackend backend = IdbBackend.open(store);
        backends.add(backend);
        Repository repo = Repository.open(backend, options());
        for (int w = 0; w < threadsPerTab; w++) {
          String writer = t + "-" + w;
          threads.add(new Thread(() -> {
            for (int i = 0; i < writesPerThread; i++) {
              String key = "w/" + writer + "/" + i;
              try {
                repo.branch("main").set(key, writer + ":" + i, CommitInfo.message(key));
                synchronized (acknowledged) {
                  acknowledged.add(key);
                }
              } catch (Throwable e) {
                synchronized (errors) {
                  errors.add(key + ": " + e);
                }
              }
            }
          }));
        }
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      Check.equal(List.of(), errors, "no write failed");
      Check.equal(tabs * threadsPerTab * writesPerThread, acknowledged.size(), "acknowledged");
      IdbBackend fresh = IdbBackend.open(store);
      try {
        Branch main = Repository.open(fresh, options()).branch("main");
        for (String key : acknowledged) {
          String writer = key.substring(2, key.lastIndexOf('/'));
          String i = key.substring(key.lastIndexOf('/') + 1);
          Check.equal(writer + ":" + i, main.getText(key), "acknowledged " + key);
        }
        Check.equal(acknowledged.size(), main.log(1000).size(), "one commit per write");
      } finally {
        fresh.close();
        backends.forEach(IdbBackend::close);
      }
    }));

    checks.add(new BrowserCheck("schema.delete_by_another_tab_closes_for_good", store -> {
      IdbBackend a = IdbBackend.open(store);
      boolean[] told = {false};
      a.onDeleted(() -> told[0] = true);
      try {
        ObjectId c1 = commit(a, "one");
        cas(a, "main", ObjectId.NONE, c1);
        // Another tab deletes the database: this connection must let it, at once, and stay
        // closed (reopening would make a new, empty database under the deleted one's name).
        RawIdb.delete(IdbBackend.databaseName(store), 2000);
        Check.isTrue(told[0], "told that its database was deleted");
        Check.raises("closed", () -> a.readRef("main"));
        Check.raises("closed", () -> a.contains(c1));
        Check.isFalse(RawIdb.exists(IdbBackend.databaseName(store)), "no database made again");
      } finally {
        a.close();
      }
      IdbBackend b = IdbBackend.open(store);
      try {
        Check.isTrue(b.listRefs().isEmpty(), "a store opened afterwards is new and empty");
      } finally {
        b.close();
      }
    }));

    checks.add(new BrowserCheck("schema.upgrade_by_another_tab_is_not_blocked", store -> {
      IdbBackend a = IdbBackend.open(store);
      try {
        ObjectId c1 = commit(a, "one");
        cas(a, "main", ObjectId.NONE, c1);
        // A newer page upgrades the schema: this connection closes for it.
        RawIdb.upgrade(IdbBackend.databaseName(store), IdbBackend.SCHEMA_VERSION + 1, 2000);
        Check.raises("storage_version", () -> a.readRef("main"));
      } finally {
        a.close();
      }
    }));

    checks.add(new BrowserCheck("schema.blocked_delete_fails_within_bounded_time", store -> {
      IdbBackend.open(store).close();
      RawIdb.hold(IdbBackend.databaseName(store), 0); // an old tab ignoring versionchange
      long start = System.currentTimeMillis();
      try {
        Check.raises("storage_blocked", () -> IdbBackend.delete(store, 300));
        long took = System.currentTimeMillis() - start;
        Check.isTrue(took >= 250 && took < 3000, "gave up after about 300 ms (" + took + ")");
      } finally {
        RawIdb.closeHeld();
      }
    }));

    checks.add(new BrowserCheck("schema.foreign_database_is_not_a_store", store -> {
      RawIdb.createForeign(IdbBackend.databaseName(store));
      Check.raises("not_a_store", () -> IdbBackend.open(store));
    }));

    checks.add(new BrowserCheck("data.corrupt_object_and_ref_are_reported", store -> {
      IdbBackend a = IdbBackend.open(store);
      try {
        String db = IdbBackend.databaseName(store);
        RawObject good = RawObject.of(ObjectType.BLOB, utf8("good"));
        byte[] otherBytes = utf8("blob 4\0evil");
        RawIdb.put(db, "objects", good.id().hex(), RawIdb.bytes(otherBytes));
        Check.raises("corrupt_object", () -> a.read(good.id()));
        RawIdb.put(db, "objects", good.id().hex(), RawIdb.string("not bytes"));
        Check.raises("corrupt_object", () -> a.read(good.id()));
        RawIdb.put(db, "objects", good.id().hex(), RawIdb.bytes(utf8("blob 5\0good")));
        Check.raises("corrupt_object", () -> a.read(good.id()));
        RawIdb.put(db, "refs", "main", RawIdb.string("not an id"));
        Check.raises("corrupt_ref", () -> a.readRef("main"));
        Check.raises("corrupt_ref", () -> a.listRefs());
        RawIdb.put(db, "objects", good.id().hex(), RawIdb.bytes(utf8("blob 4\0good")));
        Check.bytesEqual(utf8("good"), a.read(good.id()).get().payload(), "a sound object reads");
      } finally {
        a.close();
      }
    }));

    checks.add(new BrowserCheck("backend.closed_backend_refuses_calls", store -> {
      IdbBackend a = IdbBackend.open(store);
      a.close();
      a.close();
      Check.raises("closed", () -> a.readRef("main"));
      Check.raises("closed", () -> a.listRefs());
      Check.raises("closed", () -> a.write(new WriteBatch(List.of(), List.of())));
    }));
    return checks;
  }

  /** Runs every browser check (ids starting with {@code filter}, when given). */
  static void runAll(String filter) {
    String run = "checks-" + Long.toString(System.currentTimeMillis(), 36);
    List<BrowserCheck> checks = new ArrayList<>();
    for (BrowserCheck check : checks()) {
      if (filter == null || check.id().startsWith(filter)) {
        checks.add(check);
      }
    }
    String[] ids = new String[checks.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = checks.get(i).id();
    }
    BrowserConformanceMain.plan("browser", ids);
    for (int i = 0; i < checks.size(); i++) {
      runOne(checks.get(i), run + "-" + i);
    }
  }

  /**
   * The quota check, for a page whose storage quota the driver lowered to a few MiB: a batch
   * too big for it fails with {@code quota_exceeded} and changes nothing.
   */
  static void runQuotaCheck() {
    BrowserConformanceMain.plan("browser", new String[] {QUOTA_CHECK});
    runOne(new BrowserCheck(QUOTA_CHECK, store -> {
      IdbBackend a = IdbBackend.open(store);
      try {
        Branch main = Repository.open(a, options()).branch("main");
        ObjectId c1 = main.set("small", "fits", CommitInfo.message("small"));
        byte[] big = new byte[16 << 20];
        for (int i = 0; i < big.length; i++) {
          big[i] = (byte) (Math.random() * 256); // incompressible
        }
        RawObject blob = RawObject.of(ObjectType.BLOB, big);
        Check.raises("quota_exceeded", () -> main.set("big", big, CommitInfo.message("big")));
        Check.equal(Optional.of(c1), a.readRef("main"), "head unchanged");
        Check.isFalse(a.contains(blob.id()), "the big value not stored");
        Check.equal(1, a.listRefs().size(), "branches unchanged");
        Check.equal("fits", main.getText("small"), "still readable");
        ObjectId c2 = main.set("small", "still fits", CommitInfo.message("small again"));
        Check.equal(Optional.of(c2), a.readRef("main"), "small writes go on");
      } finally {
        a.close();
      }
    }), "quota-" + Long.toString(System.currentTimeMillis(), 36));
  }

  private static void runOne(BrowserCheck check, String store) {
    BrowserConformanceMain.setCurrent("browser " + check.id());
    CaseResult result = BrowserConformanceMain.runBounded(check.id(), () -> {
      long start = System.currentTimeMillis();
      try {
        check.body().run(store);
        return new CaseResult(check.id(), true, null, System.currentTimeMillis() - start);
      } catch (Throwable t) {
        return new CaseResult(check.id(), false, t.getClass().getName() + ": " + t.getMessage(),
            System.currentTimeMillis() - start);
      }
    });
    String failure = result.failure();
    RawIdb.closeHeld();
    try {
      IdbBackend.delete(store, 2000);
    } catch (Throwable t) {
      failure = (failure == null ? "the check passed, but " : failure + "\nand ")
          + "its database could not be deleted afterwards: " + t.getMessage();
    }
    BrowserConformanceMain.publish(result.id(), "browser", failure == null, failure,
        result.millis());
  }

  // ---- helpers ----

  private static RepositoryOptions options() {
    return RepositoryOptions.defaults().withDefaultAuthor("Browser", "browser@grove.dev");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Stores the empty tree and a root commit with {@code message}; returns the commit. */
  private static ObjectId commit(IdbBackend backend, String message) {
    Person person = new Person("Browser", "browser@grove.dev", 1_700_000_000L, 0);
    RawObject tree = ObjectCodec.encodeTree(TreeObject.of(List.of()));
    RawObject commit = ObjectCodec.encodeCommit(new CommitObject(tree.id(), List.of(), person,
        person, message + "\n"));
    backend.add(List.of(tree, commit));
    return commit.id();
  }

  private static RefOutcome cas(IdbBackend backend, String branch, ObjectId expected,
      ObjectId next) {
    BatchResult result = backend.write(new WriteBatch(List.of(),
        List.of(new RefUpdate(branch, expected, next))));
    return result.single();
  }

  /** Lets a late (wrong) notification arrive before checking there was none. */
  private static void pause() throws InterruptedException {
    Thread.sleep(50);
  }

  /** Notifications as text, in arrival order. */
  private static final class Events {
    private final List<String> items = new ArrayList<>();

    void add(String item) {
      synchronized (items) {
        items.add(item);
      }
    }

    List<String> snapshot() {
      synchronized (items) {
        return new ArrayList<>(items);
      }
    }

    void awaitCount(int count) throws InterruptedException {
      long deadline = System.currentTimeMillis() + WAIT_MILLIS;
      while (snapshot().size() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      Check.isTrue(snapshot().size() >= count, "at least " + count + " notifications within "
          + WAIT_MILLIS + " ms, got " + snapshot());
    }
  }
}
