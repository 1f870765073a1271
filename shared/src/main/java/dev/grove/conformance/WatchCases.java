package dev.grove.conformance;

import dev.grove.Strings;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Subscription;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import dev.grove.tree.Change;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Watches on branches and key prefixes. A backend may deliver on another thread, later, so
 * every case waits (bounded) for the notification it expects, and checks for the absence of a
 * notification by waiting for a later one that must come after it.
 */
final class WatchCases {
  private WatchCases() {}

  private static final String CATEGORY = "watch";

  /** How long a case waits for an expected notification. */
  private static final long WAIT_MILLIS = 2000;

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    add(cases, "branch_watch_sees_set_remove_and_delete_in_order", f -> {
      Branch main = f.main();
      Events events = new Events();
      Subscription sub = main.watch((branch, oldHead, newHead) ->
          events.add(branch + " " + oldHead + " -> " + newHead));
      ObjectId c1 = main.set("a", "1", Fixture.info("a"));
      ObjectId c2 = main.set("b", "2", Fixture.info("b"));
      main.set("b", "2", Fixture.info("no change"));
      ObjectId c3 = main.remove("a", Fixture.info("rm a"));
      main.delete();
      events.awaitCount(4);
      Check.equal(List.of(
          "main " + ObjectId.NONE + " -> " + c1,
          "main " + c1 + " -> " + c2,
          "main " + c2 + " -> " + c3,
          "main " + c3 + " -> " + ObjectId.NONE), events.snapshot(), "events in order");
      sub.cancel();
    });

    add(cases, "branch_watch_sees_fork_creation", f -> {
      ObjectId head = f.main().set("k", "v", Fixture.info("k"));
      Events events = new Events();
      f.repo().watch("feature/x", (branch, oldHead, newHead) ->
          events.add(branch + " " + oldHead + " -> " + newHead));
      f.repo().fork("main", "feature/x");
      events.awaitCount(1);
      Check.equal(List.of("feature/x " + ObjectId.NONE + " -> " + head), events.snapshot(),
          "creation");
    });

    add(cases, "branch_watch_ignores_other_branches", f -> {
      Events events = new Events();
      f.main().watch((branch, oldHead, newHead) -> events.add(branch));
      Branch other = f.repo().branch("other");
      other.set("k", "1", Fixture.info("1"));
      other.set("k", "2", Fixture.info("2"));
      f.repo().fork("other", "main-like");
      other.delete();
      f.main().set("k", "m", Fixture.info("main"));
      events.awaitCount(1);
      Check.equal(List.of("main"), events.snapshot(), "only main's change");
    });

    add(cases, "key_watch_only_changes_under_prefix", f -> {
      Branch main = f.main();
      Events events = new Events();
      main.watch(Path.parse("docs"), (branch, changes) -> events.add(branch + ": " + describe(changes)));
      main.set("other/x", "1", Fixture.info("outside"));
      main.set("docs/a", "1", Fixture.info("add"));
      main.set("docsx", "1", Fixture.info("similar name, outside"));
      main.set("doc", "1", Fixture.info("shorter name, outside"));
      main.set("docs/a", "2", Fixture.info("change"));
      main.set("other/x", "2", Fixture.info("outside again"));
      main.remove("docs/a", Fixture.info("remove"));
      events.awaitCount(3);
      main.set("docs/sentinel", "s", Fixture.info("sentinel"));
      events.awaitCount(4);
      Check.equal(List.of(
          "main: [ADDED docs/a]",
          "main: [CHANGED docs/a]",
          "main: [REMOVED docs/a]",
          "main: [ADDED docs/sentinel]"), events.snapshot(), "changes under docs only");
    });

    add(cases, "key_watch_transaction_reports_changes_in_one_call", f -> {
      Branch main = f.main();
      main.set("docs/old", "o", Fixture.info("old"));
      Events events = new Events();
      main.watch(Path.parse("docs"), (branch, changes) -> events.add(describe(changes)));
      main.transact(Strategy.SET, Fixture.info("many"), d -> {
        d.set("docs/b", "b");
        d.set("elsewhere", "e");
        d.set("docs/a/deep", "a");
        d.remove("docs/old");
        return null;
      });
      events.awaitCount(1);
      Check.equal(List.of("[ADDED docs/a/deep, ADDED docs/b, REMOVED docs/old]"),
          events.snapshot(), "one call, changes in path order");
    });

    add(cases, "key_watch_on_single_value_path", f -> {
      Branch main = f.main();
      Events events = new Events();
      main.watch(Path.parse("config"), (branch, changes) -> events.add(describe(changes)));
      main.set("config.bak", "x", Fixture.info("outside"));
      main.set("config", "1", Fixture.info("add"));
      main.set("config", "2", Fixture.info("change"));
      events.awaitCount(2);
      Check.equal(List.of("[ADDED config]", "[CHANGED config]"), events.snapshot(), "changes");
    });

    add(cases, "key_watch_reports_values_of_a_subtree_replaced_by_a_value", f -> {
      Branch main = f.main();
      main.set("docs/a", "1", Fixture.info("a"));
      main.set("docs/b", "2", Fixture.info("b"));
      Events events = new Events();
      main.watch(Path.parse("docs"), (branch, changes) -> events.add(describe(changes)));
      main.set("docs", "flat", Fixture.info("docs is a value"));
      events.awaitCount(1);
      Check.equal(1, events.snapshot().size(), "one call");
      // The order of these changes is the diff's business; here, only that all are reported.
      Set<String> reported = new HashSet<>();
      for (String change : Strings.split(events.snapshot().get(0).replace("[", "").replace("]", ""), ',')) {
        reported.add(change.trim());
      }
      Check.equal(Set.of("REMOVED docs/a", "REMOVED docs/b", "ADDED docs"), reported,
          "the subtree's values removed and the new value added");
    });

    add(cases, "key_watch_on_branch_delete_reports_removals", f -> {
      Branch main = f.main();
      main.set("docs/a", "1", Fixture.info("a"));
      main.set("top", "t", Fixture.info("top"));
      Events events = new Events();
      main.watch(Path.ROOT, (branch, changes) -> events.add(describe(changes)));
      main.delete();
      events.awaitCount(1);
      Check.equal(List.of("[REMOVED docs/a, REMOVED top]"), events.snapshot(), "removals");
    });

    add(cases, "cancel_stops_notifications", f -> {
      Branch main = f.main();
      Events cancelled = new Events();
      Subscription sub = main.watch((branch, oldHead, newHead) -> cancelled.add("branch"));
      Subscription keys = main.watch(Path.ROOT, (branch, changes) -> cancelled.add("keys"));
      main.set("k", "1", Fixture.info("1"));
      cancelled.awaitCount(2);
      sub.cancel();
      keys.cancel();
      sub.cancel();
      Events sentinel = new Events();
      main.watch((branch, oldHead, newHead) -> sentinel.add(newHead.hex()));
      ObjectId c2 = main.set("k", "2", Fixture.info("2"));
      ObjectId c3 = main.set("k", "3", Fixture.info("3"));
      sentinel.awaitCount(2);
      Check.equal(List.of(c2.hex(), c3.hex()), sentinel.snapshot(), "the live watcher");
      pause();
      Check.equal(2, cancelled.snapshot().size(), "no calls after cancel");
    });

    add(cases, "throwing_watcher_does_not_break_write_or_others", f -> {
      Branch main = f.main();
      main.watch((branch, oldHead, newHead) -> {
        throw new IllegalStateException("watcher fails on purpose");
      });
      main.watch(Path.ROOT, (branch, changes) -> {
        throw new IllegalStateException("key watcher fails on purpose");
      });
      Events events = new Events();
      main.watch((branch, oldHead, newHead) -> events.add(newHead.hex()));
      Events keys = new Events();
      main.watch(Path.ROOT, (branch, changes) -> keys.add(describe(changes)));
      ObjectId c1 = main.set("k", "1", Fixture.info("1"));
      Check.equal(java.util.Optional.of(c1), main.head(), "write committed");
      ObjectId c2 = main.set("k", "2", Fixture.info("2"));
      Check.equal("2", main.getText("k"), "second write committed");
      events.awaitCount(2);
      keys.awaitCount(2);
      Check.equal(List.of(c1.hex(), c2.hex()), events.snapshot(), "other watcher told");
      Check.equal(List.of("[ADDED k]", "[CHANGED k]"), keys.snapshot(), "other key watcher");
    });

    add(cases, "watch_sees_writes_from_another_repository", f -> {
      Events events = new Events();
      f.main().watch((branch, oldHead, newHead) -> events.add(newHead.hex()));
      Repository other = f.open(f.options());
      ObjectId head = other.branch("main").set("k", "v", Fixture.info("from other"));
      events.awaitCount(1);
      Check.equal(List.of(head.hex()), events.snapshot(), "change seen");
    });

    add(cases, "several_watchers_each_see_every_change", f -> {
      Branch main = f.main();
      Events first = new Events();
      Events second = new Events();
      main.watch((branch, oldHead, newHead) -> first.add(newHead.hex()));
      f.repo().watch("main", (branch, oldHead, newHead) -> second.add(newHead.hex()));
      ObjectId c1 = main.set("k", "1", Fixture.info("1"));
      ObjectId c2 = main.set("k", "2", Fixture.info("2"));
      first.awaitCount(2);
      second.awaitCount(2);
      Check.equal(List.of(c1.hex(), c2.hex()), first.snapshot(), "first");
      Check.equal(List.of(c1.hex(), c2.hex()), second.snapshot(), "second");
    });

    add(cases, "ref_watch_reports_applied_changes_only", f -> {
      ObjectId c1 = f.main().set("k", "1", Fixture.info("1"));
      ObjectId c2 = f.main().set("k", "2", Fixture.info("2"));
      Events events = new Events();
      f.backend().refs().watch(change ->
          events.add(change.branch() + " " + change.oldHead() + " -> " + change.newHead()));
      // A failed compare-and-set, a no-op and a missing object change nothing: no notification.
      cas(f, "main", c1, c1);
      cas(f, "main", c2, c2);
      cas(f, "main", c2, ObjectId.fromHex("1111111111111111111111111111111111111111"));
      cas(f, "x", ObjectId.NONE, c1);
      cas(f, "main", c2, c1);
      events.awaitCount(2);
      pause();
      Check.equal(List.of(
          "x " + ObjectId.NONE + " -> " + c1,
          "main " + c2 + " -> " + c1), events.snapshot(), "only applied changes");
    });

    add(cases, "ref_watch_reports_each_ref_of_a_batch", f -> {
      ObjectId c1 = f.main().set("k", "1", Fixture.info("1"));
      Events events = new Events();
      f.backend().refs().watch(change ->
          events.add(change.branch() + " " + change.oldHead() + " -> " + change.newHead()));
      f.backend().write(new WriteBatch(List.of(), List.of(
          new RefUpdate("b", ObjectId.NONE, c1),
          new RefUpdate("a", ObjectId.NONE, c1),
          new RefUpdate("main", c1, ObjectId.NONE))));
      events.awaitCount(3);
      Set<String> seen = new HashSet<>(events.snapshot());
      Check.equal(Set.of(
          "a " + ObjectId.NONE + " -> " + c1,
          "b " + ObjectId.NONE + " -> " + c1,
          "main " + c1 + " -> " + ObjectId.NONE), seen, "each change once");
      Check.equal(3, events.snapshot().size(), "three notifications");
    });

    return cases;
  }

  // ---- helpers ----

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }

  private static void cas(Fixture f, String branch, ObjectId expected, ObjectId next) {
    f.backend().write(new WriteBatch(List.of(), List.of(new RefUpdate(branch, expected, next))));
  }

  private static String describe(List<Change> changes) {
    List<String> parts = new ArrayList<>();
    for (Change change : changes) {
      parts.add(change.kind().name() + " " + change.path());
    }
    return parts.toString();
  }

  /** Lets a late (wrong) notification arrive before checking there was none. */
  private static void pause() throws InterruptedException {
    Thread.sleep(20);
  }

  /** Notifications as text, in arrival order; safe to add to from any thread. */
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

    /** Waits (bounded) until at least {@code count} notifications arrived. */
    void awaitCount(int count) throws InterruptedException {
      long deadline = System.currentTimeMillis() + WAIT_MILLIS;
      while (snapshot().size() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      List<String> now = snapshot();
      Check.isTrue(now.size() >= count, "at least " + count + " notifications within "
          + WAIT_MILLIS + " ms, got " + now);
    }
  }
}
