package dev.grove.conformance;

import dev.grove.store.Draft;
import dev.grove.backend.Backend;
import dev.grove.backend.BatchResult;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefStore;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.merge.MergeFunctions;
import dev.grove.merge.MergePolicy;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.EntryKind;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import dev.grove.store.TransactionResult;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Conformance cases: transactions. One commit for many edits, none for no change, drafts that
 * read their own writes, and each strategy ({@code SET}, {@code TEST_AND_SET}, {@code MERGE})
 * when another writer commits to the branch while the transaction runs; bounded retries.
 */
final class TransactionCases {
  private TransactionCases() {}

  private static final String CATEGORY = "transaction";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    cases.add(new ConformanceCase(CATEGORY, "many_edits_make_exactly_one_commit", f -> {
      ObjectId before = f.main().set("old", "x", Fixture.info("base"));
      TransactionResult<Void> r = f.main().transact(Strategy.SET, Fixture.info("batch"), d -> {
        for (int i = 0; i < 20; i++) {
          d.set("items/" + (char) ('a' + i), "v" + i);
        }
        d.set("nested/deep/key", "deep");
        d.remove("old");
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status");
      Check.isTrue(r.committed(), "committed");
      Check.isTrue(r.conflicts().isEmpty(), "no conflicts");
      Check.equal(1, r.attempts(), "one attempt without other writers");
      Check.equal(r.head(), f.repo().head("main"), "head is the new commit");
      Check.equal(List.of(before), f.repo().commit(r.head()).parents(), "single parent");
      Check.equal(2, f.main().log(100).size(), "exactly one new commit");
      Check.equal("batch", f.repo().commit(r.head()).message(), "message");
      Check.equal(20, f.main().list("items").size(), "all twenty items");
      Check.equal("v19", f.main().getText("items/t"), "last item");
      Check.equal("deep", f.main().getText("nested/deep/key"), "nested key");
      Check.isFalse(f.main().exists("old"), "removed key");
    }));

    cases.add(new ConformanceCase(CATEGORY, "no_change_is_unchanged_without_commit", f -> {
      TransactionResult<Void> empty = f.main().transact(Strategy.SET, Fixture.info("nothing"),
          d -> null);
      Check.equal(TransactionResult.Status.UNCHANGED, empty.status(), "empty body, absent branch");
      Check.equal(ObjectId.NONE, empty.head(), "head of an absent branch");
      Check.isFalse(f.main().exists(), "branch not created by an empty transaction");
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      TransactionResult<Void> same = f.main().transact(Strategy.SET, Fixture.info("same"), d -> {
        d.set("a", "1");
        d.set("tmp/x", "temporary");
        d.remove("tmp");
        d.remove("missing");
        return null;
      });
      Check.equal(TransactionResult.Status.UNCHANGED, same.status(), "edits that cancel out");
      Check.isFalse(same.committed(), "not committed");
      Check.equal(c, same.head(), "head unchanged");
      Check.equal(c, f.repo().head("main"), "branch unchanged");
      for (Strategy strategy : Strategy.values()) {
        TransactionResult<Void> r = f.main().transact(strategy, Fixture.info("read only"), d -> {
          d.find("a");
          return null;
        });
        Check.equal(TransactionResult.Status.UNCHANGED, r.status(), "read-only " + strategy);
      }
      Check.equal(1, f.main().log(10).size(), "still one commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "draft_reads_see_own_writes", f -> {
      f.main().transact(Strategy.SET, Fixture.info("base"), d -> {
        d.set("base", "b");
        d.set("dir/old", "o");
        return null;
      });
      TransactionResult<String> r = f.main().transact(Strategy.SET, Fixture.info("tx"), d -> {
        Check.equal("b", d.getText("base"), "draft reads the head");
        d.set("a", "x");
        Check.equal("x", d.findText("a").orElse(null), "own write");
        d.set("a", "y");
        Check.equal("y", d.getText("a"), "own second write");
        d.remove("base");
        Check.isFalse(d.exists("base"), "own removal");
        Check.isFalse(d.find("base").isPresent(), "own removal, find");
        d.set("dir/new", "n");
        SortedMap<String, EntryKind> listing = d.list("dir");
        Check.equal(List.of("new", "old"), new ArrayList<>(listing.keySet()), "own listing");
        d.setTree("sub", Tree.empty().with(Path.parse("k"), Fixture.utf8("v")));
        Check.equal("v", d.getText("sub/k"), "own subtree");
        Check.isTrue(d.subtree("sub").isPresent(), "own subtree, subtree()");
        Check.isFalse(f.main().exists("a"), "others do not see the draft");
        Check.equal("b", f.main().getText("base"), "others still see the head");
        return d.getText("a");
      });
      Check.equal("y", r.value(), "value read in the body");
      Check.equal("y", f.main().getText("a"), "committed a");
      Check.equal("n", f.main().getText("dir/new"), "committed dir/new");
      Check.equal("v", f.main().getText("sub/k"), "committed sub/k");
      Check.isFalse(f.main().exists("base"), "committed removal");
    }));

    cases.add(new ConformanceCase(CATEGORY, "body_value_is_in_the_result", f -> {
      TransactionResult<Integer> committed = f.main().transact(Strategy.SET, Fixture.info("c"),
          d -> {
            d.set("a", "1");
            return 42;
          });
      Check.equal(42, committed.value(), "value when committed");
      TransactionResult<String> unchanged = f.main().transact(Strategy.SET, Fixture.info("u"),
          d -> "nothing done");
      Check.equal(TransactionResult.Status.UNCHANGED, unchanged.status(), "unchanged");
      Check.equal("nothing done", unchanged.value(), "value when unchanged");
      TransactionResult<String> conflict = f.main().transact(Strategy.TEST_AND_SET,
          Fixture.info("t"), d -> {
            String seen = d.getText("a");
            d.set("a", seen + "+tx");
            f.main().set("a", "other", Fixture.info("other writer"));
            return "saw " + seen;
          });
      Check.equal(TransactionResult.Status.CONFLICT, conflict.status(), "conflict");
      Check.equal("saw 1", conflict.value(), "value when in conflict");
    }));

    cases.add(new ConformanceCase(CATEGORY, "body_exception_writes_nothing", f -> {
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      boolean thrown = false;
      try {
        f.main().transact(Strategy.SET, Fixture.info("fails"), d -> {
          d.set("a", "2");
          d.set("b", "2");
          throw new IllegalStateException("body fails");
        });
      } catch (IllegalStateException e) {
        thrown = true;
        Check.equal("body fails", e.getMessage(), "the body's exception");
      }
      Check.isTrue(thrown, "the body's exception reaches the caller");
      Check.equal(c, f.repo().head("main"), "head unchanged");
      Check.equal("1", f.main().getText("a"), "a unchanged");
      Check.isFalse(f.main().exists("b"), "b not written");
    }));

    cases.add(new ConformanceCase(CATEGORY, "transaction_on_absent_branch_creates_it", f -> {
      TransactionResult<Void> r = f.repo().branch("new").transact(Strategy.TEST_AND_SET,
          Fixture.info("create"), d -> {
            Check.isFalse(d.exists("a"), "nothing in an absent branch");
            d.set("a", "1");
            return null;
          });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status");
      Check.equal(r.head(), f.repo().head("new"), "branch created");
      Check.equal(List.of(), f.repo().commit(r.head()).parents(), "root commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "remove_subtree_and_set_tree_in_one_commit", f -> {
      f.main().transact(Strategy.SET, Fixture.info("base"), d -> {
        d.set("old/a", "1");
        d.set("old/b/c", "2");
        d.set("keep", "k");
        return null;
      });
      Tree replacement = Tree.empty().with(Path.parse("x"), Fixture.utf8("X"));
      TransactionResult<Void> r = f.main().transact(Strategy.SET, Fixture.info("move"), d -> {
        d.remove("old");
        d.setTree("new", replacement);
        d.setTree("keep-dir", Tree.empty());
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status");
      Check.isFalse(f.main().exists("old"), "subtree removed");
      Check.equal("X", f.main().getText("new/x"), "subtree set");
      Check.isFalse(f.main().exists("keep-dir"), "an empty tree sets nothing");
      Check.equal(List.of("keep", "new"), new ArrayList<>(f.main().list("").keySet()), "root");
      Check.equal(2, f.main().log(10).size(), "one commit for the edits");
    }));

    // ---- another writer commits while the transaction runs ----

    cases.add(new ConformanceCase(CATEGORY, "set_reapplies_edits_on_the_new_head", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.SET, Fixture.info("tx"), d -> {
        Check.equal("0", d.getText("a"), "read a");
        d.set("t", "tx");
        other[0] = f.main().set("o", "other", Fixture.info("other writer"));
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status");
      Check.isTrue(r.attempts() >= 1, "attempts counted");
      Check.equal(List.of(other[0]), f.repo().commit(r.head()).parents(),
          "built on the other writer's commit");
      Check.equal("tx", f.main().getText("t"), "transaction's key");
      Check.equal("other", f.main().getText("o"), "other writer's key kept");
      Check.equal("0", f.main().getText("a"), "a unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "set_same_key_transaction_wins", f -> {
      f.main().set("k", "0", Fixture.info("base"));
      Repository second = f.open(f.options());
      TransactionResult<Void> r = f.main().transact(Strategy.SET, Fixture.info("tx"), d -> {
        d.getText("k");
        d.set("k", "tx");
        second.branch("main").set("k", "other", Fixture.info("other writer"));
        second.branch("main").set("o", "other", Fixture.info("other writer 2"));
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status");
      Check.equal("tx", f.main().getText("k"), "the transaction's value wins");
      Check.equal("other", f.main().getText("o"), "other writer's other key kept");
      Check.equal(4, f.main().log(10).size(), "base, two other commits, the transaction");
    }));

    cases.add(new ConformanceCase(CATEGORY, "set_with_nothing_left_to_change_is_unchanged", f -> {
      f.main().set("k", "0", Fixture.info("base"));
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.SET, Fixture.info("tx"), d -> {
        d.set("k", "same");
        other[0] = f.main().set("k", "same", Fixture.info("other writer, same value"));
        return null;
      });
      Check.equal(TransactionResult.Status.UNCHANGED, r.status(), "status");
      Check.equal(other[0], r.head(), "head is the other writer's");
      Check.equal(other[0], f.repo().head("main"), "no commit on top");
      Check.equal("same", f.main().getText("k"), "value");
    }));

    cases.add(new ConformanceCase(CATEGORY, "test_and_set_conflicts_when_read_key_changed", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.TEST_AND_SET, Fixture.info("tx"),
          d -> {
            Check.equal("0", d.getText("a"), "read a");
            d.set("t", "derived from a");
            other[0] = f.main().set("a", "1", Fixture.info("other writer changes a"));
            return null;
          });
      Check.equal(TransactionResult.Status.CONFLICT, r.status(), "status");
      Check.isTrue(r.isConflict(), "isConflict");
      Check.equal(1, r.conflicts().size(), "one conflict");
      Check.equal(Path.parse("a"), r.conflicts().get(0).path(), "the key read");
      Check.isFalse(r.conflicts().get(0).reason().isEmpty(), "a reason");
      Check.equal(other[0], r.head(), "result head is the other writer's commit");
      Check.equal(other[0], f.repo().head("main"), "branch at the other writer's commit");
      Check.isFalse(f.main().exists("t"), "nothing of the transaction written");
      Check.equal("1", f.main().getText("a"), "the other writer's value");
    }));

    cases.add(new ConformanceCase(CATEGORY, "test_and_set_conflicts_when_written_key_changed", f -> {
      f.main().set("k", "0", Fixture.info("base"));
      Repository second = f.open(f.options());
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.TEST_AND_SET, Fixture.info("tx"),
          d -> {
            d.set("k", "tx");
            d.set("t", "tx");
            other[0] = second.branch("main").set("k", "other", Fixture.info("other writer"));
            return null;
          });
      Check.equal(TransactionResult.Status.CONFLICT, r.status(), "status");
      Check.equal(Path.parse("k"), r.conflicts().get(0).path(), "the key written");
      Check.equal(other[0], f.repo().head("main"), "branch at the other writer's commit");
      Check.equal("other", f.main().getText("k"), "the other writer's value");
      Check.isFalse(f.main().exists("t"), "nothing of the transaction written");
    }));

    cases.add(new ConformanceCase(CATEGORY, "test_and_set_conflicts_when_absent_key_appears", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      TransactionResult<Void> r = f.main().transact(Strategy.TEST_AND_SET, Fixture.info("tx"),
          d -> {
            Check.isFalse(d.find("lock").isPresent(), "lock absent when read");
            d.set("owner", "tx");
            f.main().set("lock", "taken", Fixture.info("other writer takes the lock"));
            return null;
          });
      Check.equal(TransactionResult.Status.CONFLICT, r.status(), "status");
      Check.equal(Path.parse("lock"), r.conflicts().get(0).path(), "the key read as absent");
      Check.isFalse(f.main().exists("owner"), "nothing of the transaction written");
    }));

    cases.add(new ConformanceCase(CATEGORY, "test_and_set_conflicts_when_listed_directory_changed",
        f -> {
          f.main().set("dir/a", "1", Fixture.info("base"));
          TransactionResult<Integer> r = f.main().transact(Strategy.TEST_AND_SET,
              Fixture.info("tx"), d -> {
                int count = d.list("dir").size();
                d.set("count", Integer.toString(count));
                f.main().set("dir/b", "2", Fixture.info("other writer adds to dir"));
                return count;
              });
          Check.equal(TransactionResult.Status.CONFLICT, r.status(), "status");
          Check.equal(1, r.value(), "the count the body saw");
          Check.isTrue(Path.parse("dir/b").startsWith(r.conflicts().get(0).path()),
              "conflict at dir or below: " + r.conflicts().get(0).path());
          Check.isFalse(f.main().exists("count"), "stale count not written");
        }));

    cases.add(new ConformanceCase(CATEGORY, "test_and_set_commits_when_unrelated_key_changed", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.TEST_AND_SET, Fixture.info("tx"),
          d -> {
            d.getText("a");
            d.set("t", "tx");
            other[0] = f.main().set("unrelated", "other", Fixture.info("other writer"));
            return null;
          });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status: " + r.conflicts());
      Check.equal(List.of(other[0]), f.repo().commit(r.head()).parents(),
          "built on the other writer's commit");
      Check.equal("tx", f.main().getText("t"), "transaction's key");
      Check.equal("other", f.main().getText("unrelated"), "other writer's key");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_strategy_merges_disjoint_edits", f -> {
      f.main().set("k", "0", Fixture.info("base"));
      Repository second = f.open(f.options());
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.MERGE, Fixture.info("tx"), d -> {
        d.getText("k");
        d.set("t", "tx");
        d.remove("k");
        other[0] = second.branch("main").set("o", "other", Fixture.info("other writer"));
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status: " + r.conflicts());
      Check.equal(List.of(other[0]), f.repo().commit(r.head()).parents(),
          "one parent: the other writer's commit");
      Check.equal("tx", f.main().getText("t"), "transaction's key");
      Check.isFalse(f.main().exists("k"), "transaction's removal");
      Check.equal("other", f.main().getText("o"), "other writer's key");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_strategy_same_key_different_values_conflicts", f -> {
      f.main().set("k", "0", Fixture.info("base"));
      ObjectId[] other = new ObjectId[1];
      TransactionResult<Void> r = f.main().transact(Strategy.MERGE, Fixture.info("tx"), d -> {
        d.set("k", "tx");
        d.set("t", "tx");
        other[0] = f.main().set("k", "other", Fixture.info("other writer"));
        return null;
      });
      Check.equal(TransactionResult.Status.CONFLICT, r.status(), "status");
      Check.equal(1, r.conflicts().size(), "one conflict");
      Check.equal(Path.parse("k"), r.conflicts().get(0).path(), "path");
      Check.equal("changed on both sides", r.conflicts().get(0).reason(), "reason");
      Check.equal(other[0], r.head(), "result head");
      Check.equal(other[0], f.repo().head("main"), "branch at the other writer's commit");
      Check.equal("other", f.main().getText("k"), "other writer's value");
      Check.isFalse(f.main().exists("t"), "nothing half-merged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_strategy_uses_the_merge_policy", f -> {
      Repository counting = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("counters", MergeFunctions.counter())));
      Branch main = counting.branch("main");
      main.set("counters/n", "5", Fixture.info("base"));
      TransactionResult<Void> r = main.transact(Strategy.MERGE, Fixture.info("+3"), d -> {
        long n = Long.parseLong(d.getText("counters/n"));
        d.set("counters/n", Long.toString(n + 3));
        f.main().set("counters/n", "9", Fixture.info("other writer: +4"));
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status: " + r.conflicts());
      Check.equal("12", main.getText("counters/n"), "5 + 3 + 4");
    }));

    cases.add(new ConformanceCase(CATEGORY, "too_many_retries_with_one_attempt", f -> {
      f.main().set("base", "0", Fixture.info("base"));
      Repository once = f.open(f.options().withMaxAttempts(1));
      int round = 0;
      for (Strategy strategy : Strategy.values()) {
        String key = "other" + round++;
        ObjectId[] other = new ObjectId[1];
        Check.raises("too_many_retries", () -> once.branch("main").transact(strategy,
            Fixture.info("tx"), d -> {
              d.set("tx-" + strategy, "tx");
              other[0] = f.main().set(key, "other", Fixture.info("other writer"));
              return null;
            }));
        Check.equal(other[0], f.repo().head("main"), "head is the other writer's, " + strategy);
        Check.isFalse(f.main().exists("tx-" + strategy), "nothing written, " + strategy);
        Check.equal("other", f.main().getText(key), "other writer's key, " + strategy);
      }
    }));

    cases.add(new ConformanceCase(CATEGORY, "too_many_retries_when_another_writer_always_interferes",
        f -> {
          f.main().set("base", "0", Fixture.info("base"));
          Interfering backend = new Interfering(f, "main", Integer.MAX_VALUE);
          Repository limited = Repository.open(backend, f.options().withMaxAttempts(3));
          Check.raises("too_many_retries", () -> limited.branch("main").transact(Strategy.SET,
              Fixture.info("tx"), d -> {
                d.set("tx", "tx");
                return null;
              }));
          Check.equal(3, backend.interferences, "three attempts, each lost to the other writer");
          Check.isFalse(f.main().exists("tx"), "nothing of the transaction written");
          Check.equal("2", f.main().getText("other/2"), "the other writer's last commit");
          Check.equal(4, f.main().log(10).size(), "base and three other commits");
          Check.raises("too_many_retries", () -> limited.branch("main").set("y", "1",
              Fixture.info("simple write")));
          Check.isFalse(f.main().exists("y"), "simple write not written");
        }));

    cases.add(new ConformanceCase(CATEGORY, "attempts_counted_across_lost_races", f -> {
      f.main().set("base", "0", Fixture.info("base"));
      Interfering backend = new Interfering(f, "main", 3);
      Repository racing = Repository.open(backend, f.options());
      TransactionResult<Void> r = racing.branch("main").transact(Strategy.SET,
          Fixture.info("tx"), d -> {
            d.set("tx", "tx");
            return null;
          });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status");
      Check.equal(3, backend.interferences, "three lost races");
      Check.equal(4, r.attempts(), "four compare-and-sets");
      Check.equal("tx", f.main().getText("tx"), "transaction's key");
      for (int i = 0; i < 3; i++) {
        Check.equal(Integer.toString(i), f.main().getText("other/" + i), "other commit " + i);
      }
      Check.equal(5, f.main().log(10).size(), "base, three others, the transaction");
    }));

    cases.add(new ConformanceCase(CATEGORY, "test_and_set_retries_past_unrelated_writers", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      Interfering backend = new Interfering(f, "main", 2);
      Repository racing = Repository.open(backend, f.options());
      TransactionResult<Void> r = racing.branch("main").transact(Strategy.TEST_AND_SET,
          Fixture.info("tx"), d -> {
            d.set("a", d.getText("a") + "+1");
            return null;
          });
      Check.equal(TransactionResult.Status.COMMITTED, r.status(), "status: " + r.conflicts());
      Check.equal(3, r.attempts(), "three compare-and-sets");
      Check.equal("0+1", f.main().getText("a"), "transaction's value");
      Check.equal("1", f.main().getText("other/1"), "other writers' keys kept");
    }));

    cases.add(new ConformanceCase(CATEGORY, "simple_write_retries_a_lost_race", f -> {
      f.main().set("base", "0", Fixture.info("base"));
      Interfering backend = new Interfering(f, "main", 1);
      Repository racing = Repository.open(backend, f.options());
      ObjectId head = racing.branch("main").set("mine", "m", Fixture.info("simple write"));
      Check.equal(1, backend.interferences, "one lost race");
      Check.equal(head, f.repo().head("main"), "returned head is the branch head");
      Check.equal("m", f.main().getText("mine"), "the write");
      Check.equal("0", f.main().getText("other/0"), "the other writer's key kept");
    }));

    cases.add(new ConformanceCase("transaction", "merge_strategy_survives_the_branch_being_deleted", f -> {
      f.main().set("a", "1", Fixture.info("a"));
      TransactionResult<Void> result = f.main().transact(Strategy.MERGE, Fixture.info("tx"), d -> {
        d.set("b", "2");
        f.repo().deleteBranch("main");
        return null;
      });
      Check.equal(TransactionResult.Status.COMMITTED, result.status(), "committed");
      Check.equal("2", f.main().getText("b"), "the transaction's key");
      Check.isFalse(f.main().exists("a"), "the deletion was merged: a is gone");
    }));

    cases.add(new ConformanceCase("transaction", "test_and_set_counts_reading_the_whole_tree", f -> {
      f.main().set("a", "1", Fixture.info("a"));
      TransactionResult<Void> result = f.main().transact(Strategy.TEST_AND_SET, Fixture.info("tx"), d -> {
        d.tree().findNode(Path.parse("a"));
        d.set("b", "2");
        f.main().set("c", "3", Fixture.info("another writer"));
        return null;
      });
      Check.equal(TransactionResult.Status.CONFLICT, result.status(),
          "a read of the whole tree conflicts with any change");
      Check.isFalse(f.main().exists("b"), "nothing of the transaction written");
    }));

    cases.add(new ConformanceCase("transaction", "draft_then_commit_as_one_transaction", f -> {
      f.main().set("a", "1", Fixture.info("a"));
      Draft draft = f.main().draft();
      draft.set("b", "2");
      Check.equal("1", draft.getText("a"), "the draft reads the head it started from");
      f.main().set("c", "3", Fixture.info("another writer"));
      TransactionResult<Void> result = f.main().commit(draft, Strategy.SET, Fixture.info("draft"));
      Check.equal(TransactionResult.Status.COMMITTED, result.status(), "committed");
      Check.equal(2, result.attempts(), "one lost race, then the edits re-applied");
      Check.equal("2", f.main().getText("b"), "the draft's key");
      Check.equal("3", f.main().getText("c"), "the other writer's key");
      Check.raises("invalid_argument", () -> f.repo().branch("other").commit(draft, Strategy.SET,
          Fixture.info("wrong branch")));
    }));

    return cases;
  }

  /**
   * A backend that, before each of its first {@code times} writes that move {@code branch},
   * lets another writer (the fixture's own repository, on the real backend) commit to that
   * branch, so the write loses its compare-and-set. The n-th interference sets
   * {@code other/n} to {@code n}.
   */
  static final class Interfering implements Backend {
    private final Fixture fixture;
    private final Backend inner;
    private final String branch;
    private int remaining;
    int interferences;

    Interfering(Fixture fixture, String branch, int times) {
      this.fixture = fixture;
      this.inner = fixture.backend();
      this.branch = branch;
      this.remaining = times;
    }

    @Override
    public ObjectStore objects() {
      return inner.objects();
    }

    @Override
    public RefStore refs() {
      return inner.refs();
    }

    @Override
    public BatchResult write(WriteBatch batch) {
      boolean moves = false;
      for (RefUpdate update : batch.refUpdates()) {
        moves |= update.branch().equals(branch);
      }
      if (moves && remaining > 0) {
        remaining--;
        int n = interferences++;
        fixture.repo().branch(branch).set("other/" + n, Integer.toString(n),
            Fixture.info("interfering writer " + n));
      }
      return inner.write(batch);
    }

    @Override
    public Capabilities capabilities() {
      return inner.capabilities();
    }

    @Override
    public void close() {
      // The fixture closes the real backend.
    }
  }
}
