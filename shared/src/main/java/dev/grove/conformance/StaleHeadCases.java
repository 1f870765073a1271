package dev.grove.conformance;

import dev.grove.hash.ObjectId;
import dev.grove.store.Branch;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import dev.grove.store.TransactionResult;
import java.util.List;

/**
 * Conformance cases: writes through a repository whose remembered head of a branch is stale,
 * because another repository on the same store (in a browser: another tab) moved the branch
 * since. A simple write starts from the remembered head; it must still land on the real head,
 * never lose the other writer's commit, and never be skipped as "no change" when it is one.
 * Transactions and reads see the current head.
 */
final class StaleHeadCases {
  private StaleHeadCases() {}

  private static final String CATEGORY = "transaction";

  static List<ConformanceCase> cases() {
    return List.of(
        new ConformanceCase(CATEGORY, "simple_writes_from_a_stale_head_land_on_the_real_head", f -> {
          Branch mine = f.main();
          ObjectId first = mine.set("a", "1", Fixture.info("mine"));
          Branch other = f.open(f.options()).branch("main");
          ObjectId theirs = other.set("b", "2", Fixture.info("other writer"));
          Check.equal("2", mine.getText("b"), "a read sees the other writer's commit");
          other.set("c", "3", Fixture.info("other writer, unseen"));
          ObjectId head = mine.set("d", "4", Fixture.info("mine, from a stale head"));
          Check.equal(head, f.repo().head("main"), "the write is the head");
          Check.equal("3", mine.getText("c"), "the other writer's unseen key kept");
          Check.equal("4", mine.getText("d"), "the write's key");
          Check.equal(4, mine.log(10).size(), "four commits, none lost");
          Check.isTrue(f.repo().isAncestor(theirs, head) && f.repo().isAncestor(first, head),
              "the write descends from both writers' commits");
        }),

        new ConformanceCase(CATEGORY, "a_no_change_on_a_stale_head_is_checked_on_the_real_head", f -> {
          Branch mine = f.main();
          mine.set("x", "1", Fixture.info("x=1"));
          Branch other = f.open(f.options()).branch("main");
          other.set("x", "2", Fixture.info("other writer: x=2"));
          mine.set("x", "1", Fixture.info("x=1 again: no change on the stale head"));
          Check.equal("1", mine.getText("x"), "x set back to 1 on the real head");
          other.set("y", "gone soon", Fixture.info("other writer: y"));
          mine.remove("y", Fixture.info("remove y: nothing there on the stale head"));
          Check.isFalse(mine.exists("y"), "y removed on the real head");
          ObjectId moved = other.set("z", "3", Fixture.info("other writer: z=3"));
          ObjectId same = mine.set("z", "3", Fixture.info("z=3: no change on the real head"));
          Check.equal(moved, same, "no commit: the real head has z=3 already");
          Check.equal(moved, f.repo().head("main"), "the other writer's commit is the head");
          Check.equal(6, mine.log(10).size(), "six commits, no empty one");
        }),

        new ConformanceCase(CATEGORY, "stale_head_with_one_attempt_still_writes", f -> {
          Repository once = f.open(f.options().withMaxAttempts(1));
          once.branch("main").set("a", "1", Fixture.info("a"));
          f.main().set("b", "2", Fixture.info("other writer"));
          once.branch("main").set("c", "3", Fixture.info("c, from a stale head"));
          Check.equal("2", f.main().getText("b"), "the other writer's key kept");
          Check.equal("3", f.main().getText("c"), "the write's key");
          Check.equal(3, f.main().log(10).size(), "three commits");
        }),

        new ConformanceCase(CATEGORY, "transactions_start_from_the_real_head", f -> {
          Branch mine = f.main();
          mine.set("n", "1", Fixture.info("n=1"));
          Branch other = f.open(f.options()).branch("main");
          other.set("n", "2", Fixture.info("other writer: n=2"));
          TransactionResult<Void> tas = mine.transact(Strategy.TEST_AND_SET, Fixture.info("+1"),
              d -> {
                d.set("n", d.getText("n") + "+1");
                return null;
              });
          Check.equal(TransactionResult.Status.COMMITTED, tas.status(),
              "no conflict with a commit made before the transaction: " + tas.conflicts());
          Check.equal(1, tas.attempts(), "one compare-and-set");
          Check.equal("2+1", mine.getText("n"), "read the real head");
          other.set("n", "3", Fixture.info("other writer: n=3"));
          TransactionResult<Void> merge = mine.transact(Strategy.MERGE, Fixture.info("+1"), d -> {
            d.set("n", d.getText("n") + "+1");
            return null;
          });
          Check.equal(TransactionResult.Status.COMMITTED, merge.status(),
              "no conflict for MERGE either: " + merge.conflicts());
          Check.equal("3+1", mine.getText("n"), "MERGE read the real head");
          TransactionResult<Void> conflict = mine.transact(Strategy.TEST_AND_SET,
              Fixture.info("+1"), d -> {
                d.set("n", d.getText("n") + "+1");
                other.set("n", "4", Fixture.info("other writer during the transaction"));
                return null;
              });
          Check.equal(TransactionResult.Status.CONFLICT, conflict.status(),
              "a change during the transaction still conflicts");
          Check.equal("4", mine.getText("n"), "the other writer's value");
        }));
  }
}
