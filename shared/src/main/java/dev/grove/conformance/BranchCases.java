package dev.grove.conformance;

import dev.grove.backend.RefOutcome;
import dev.grove.hash.ObjectId;
import dev.grove.store.Branch;
import dev.grove.store.FastForward;
import dev.grove.store.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Conformance cases: branches. Create, fork, delete, list, fast-forward, and the independence
 * of branches.
 */
final class BranchCases {
  private BranchCases() {}

  private static final String CATEGORY = "branch";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    cases.add(new ConformanceCase(CATEGORY, "create_branch_at_commit", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.main().set("a", "2", Fixture.info("two"));
      Check.equal(RefOutcome.CREATED, f.repo().createBranch("dev", c1), "create dev at c1");
      Check.equal(c1, f.repo().head("dev"), "dev head");
      Branch dev = f.repo().branch("dev");
      Check.isTrue(dev.exists(), "dev exists");
      Check.equal("1", dev.getText("a"), "dev reads the tree of c1");
      Check.equal("2", f.main().getText("a"), "main unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "create_existing_branch_is_cas_failed", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      Check.equal(RefOutcome.CREATED, f.repo().createBranch("dev", c1), "first create");
      Check.equal(RefOutcome.CAS_FAILED, f.repo().createBranch("dev", c2), "second create");
      Check.equal(c1, f.repo().head("dev"), "dev still at c1");
      Check.equal(RefOutcome.CAS_FAILED, f.repo().createBranch("main", c1), "create main again");
      Check.equal(c2, f.repo().head("main"), "main still at c2");
    }));

    cases.add(new ConformanceCase(CATEGORY, "create_branch_at_unknown_commit_is_missing_object", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId unknown = ObjectId.fromHex("89abcdef0123456789abcdef0123456789abcdef");
      Check.raises("missing_object", () -> f.repo().createBranch("dev", unknown));
      Check.raises("missing_object", () -> f.repo().createBranch("dev", ObjectId.NONE));
      Check.isFalse(f.repo().branch("dev").exists(), "dev not created");
      ObjectId tree = f.repo().commit(c1).commit().tree();
      Check.isTrue(f.repo().findCommit(tree).isEmpty(), "a tree id is not a commit");
      Check.isFalse(f.repo().branches().containsKey("dev"), "dev not listed");
      Check.equal(1, f.repo().branches().size(), "only main listed");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fork_creates_branch_at_head", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("b", "2", Fixture.info("two"));
      Check.equal(RefOutcome.CREATED, f.repo().fork("main", "feature"), "fork main");
      Check.equal(c2, f.repo().head("feature"), "feature at main's head");
      Check.equal("2", f.repo().branch("feature").getText("b"), "feature reads main's data");
      Check.equal(RefOutcome.CAS_FAILED, f.repo().fork("main", "feature"), "fork onto existing");
      Check.equal(c2, f.repo().head("feature"), "feature unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fork_of_absent_branch_is_not_found", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      Check.raises("not_found", () -> f.repo().fork("nope", "feature"));
      Check.isFalse(f.repo().branch("feature").exists(), "feature not created");
      Check.equal(List.of("main"), new ArrayList<>(f.repo().branches().keySet()), "branches");
    }));

    cases.add(new ConformanceCase(CATEGORY, "delete_branch_then_delete_again", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.repo().fork("main", "dev");
      Check.equal(RefOutcome.DELETED, f.repo().deleteBranch("dev"), "first delete");
      Check.isFalse(f.repo().branch("dev").exists(), "dev gone");
      Check.equal(ObjectId.NONE, f.repo().head("dev"), "dev head after delete");
      Check.equal(RefOutcome.NO_CHANGE, f.repo().deleteBranch("dev"), "second delete");
      Check.equal(RefOutcome.NO_CHANGE, f.repo().branch("never").delete(), "delete never-made");
      Check.equal(c1, f.repo().head("main"), "main untouched");
      Check.equal("1", f.repo().commit(c1).getText("a"), "the commit is still readable");
      Check.isFalse(f.repo().branch("dev").find("a").isPresent(), "absent branch reads empty");
    }));

    cases.add(new ConformanceCase(CATEGORY, "delete_then_recreate_elsewhere", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      f.repo().createBranch("dev", c2);
      Check.equal(RefOutcome.DELETED, f.repo().branch("dev").delete(), "delete dev");
      Check.equal(RefOutcome.CREATED, f.repo().createBranch("dev", c1), "recreate dev at c1");
      Check.equal(c1, f.repo().head("dev"), "dev at c1");
      Check.equal("1", f.repo().branch("dev").getText("a"), "dev reads c1");
    }));

    cases.add(new ConformanceCase(CATEGORY, "write_after_delete_starts_a_new_root", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      f.main().delete();
      ObjectId c = f.main().set("b", "2", Fixture.info("fresh"));
      Check.equal(List.of(), f.repo().commit(c).parents(), "no parent after delete");
      Check.isFalse(f.main().exists("a"), "old content not carried over");
      Check.equal("2", f.main().getText("b"), "new content");
      Check.equal(1, f.main().log(10).size(), "history restarts");
    }));

    cases.add(new ConformanceCase(CATEGORY, "list_branches_sorted_with_heads", f -> {
      Check.isTrue(f.repo().branches().isEmpty(), "no branches on a fresh store");
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.repo().branch("zeta").set("z", "z", Fixture.info("zeta"));
      f.repo().createBranch("alpha", c1);
      f.repo().createBranch("feature/x", c1);
      f.repo().createBranch("Release", c1);
      f.repo().createBranch("feature-y", c1);
      SortedMap<String, ObjectId> branches = f.repo().branches();
      List<String> names = new ArrayList<>(branches.keySet());
      List<String> expected = List.of("Release", "alpha", "feature-y", "feature/x", "main", "zeta");
      Check.equal(expected, names, "branch names in order");
      Check.equal(c1, branches.get("feature/x"), "head of feature/x");
      Check.equal(c2, branches.get("zeta"), "head of zeta");
      f.repo().deleteBranch("alpha");
      Check.isFalse(f.repo().branches().containsKey("alpha"), "deleted branch not listed");
      Check.equal(5, f.repo().branches().size(), "five branches left");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fast_forward_moves_then_up_to_date", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.repo().createBranch("dev", c1);
      f.main().set("a", "2", Fixture.info("two"));
      ObjectId c3 = f.main().set("b", "3", Fixture.info("three"));
      Check.equal(FastForward.MOVED, f.repo().fastForward("dev", c3), "fast-forward dev");
      Check.equal(c3, f.repo().head("dev"), "dev at c3");
      Check.equal(FastForward.UP_TO_DATE, f.repo().fastForward("dev", c3), "again: up to date");
      Check.equal(FastForward.UP_TO_DATE, f.repo().fastForward("dev", c1), "to an ancestor");
      Check.equal(c3, f.repo().head("dev"), "dev not moved back");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fast_forward_refuses_divergent_history", f -> {
      ObjectId base = f.main().set("a", "0", Fixture.info("base"));
      f.repo().createBranch("dev", base);
      ObjectId ours = f.main().set("a", "main", Fixture.info("main"));
      ObjectId theirs = f.repo().branch("dev").set("a", "dev", Fixture.info("dev"));
      Check.equal(FastForward.NOT_FAST_FORWARD, f.repo().fastForward("main", theirs),
          "main to dev's head");
      Check.equal(ours, f.repo().head("main"), "main unchanged");
      Check.equal(FastForward.NOT_FAST_FORWARD, f.main().fastForward(theirs), "via the branch");
      Check.equal("main", f.main().getText("a"), "main's value unchanged");
      ObjectId unrelated = f.repo().branch("other").set("x", "1", Fixture.info("root"));
      Check.equal(FastForward.NOT_FAST_FORWARD, f.repo().fastForward("main", unrelated),
          "to an unrelated commit");
      Check.equal(ours, f.repo().head("main"), "main still unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fast_forward_creates_absent_branch", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      Check.equal(FastForward.MOVED, f.repo().fastForward("new", c1), "fast-forward absent");
      Check.equal(c1, f.repo().head("new"), "new branch at c1");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fast_forward_to_unknown_commit_is_missing_object", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId unknown = ObjectId.fromHex("fedcba9876543210fedcba9876543210fedcba98");
      Check.raises("missing_object", () -> f.repo().fastForward("main", unknown));
      Check.equal(c1, f.repo().head("main"), "main unchanged");
      Check.raises("missing_object", () -> f.repo().fastForward("dev", unknown));
      Check.isFalse(f.repo().branch("dev").exists(), "dev not created");
    }));

    cases.add(new ConformanceCase(CATEGORY, "independent_branches_do_not_see_each_other", f -> {
      f.main().set("shared", "s", Fixture.info("base"));
      f.repo().fork("main", "dev");
      Branch dev = f.repo().branch("dev");
      f.main().set("only-main", "m", Fixture.info("main"));
      dev.set("only-dev", "d", Fixture.info("dev"));
      dev.set("shared", "changed on dev", Fixture.info("dev change"));
      Check.isFalse(f.main().exists("only-dev"), "main does not see dev's key");
      Check.isFalse(dev.exists("only-main"), "dev does not see main's key");
      Check.equal("s", f.main().getText("shared"), "main keeps its value");
      Check.equal("changed on dev", dev.getText("shared"), "dev has its own value");
      Check.notEqual(f.repo().head("main"), f.repo().head("dev"), "different heads");
    }));

    cases.add(new ConformanceCase(CATEGORY, "absent_branch_reads_empty", f -> {
      Branch ghost = f.repo().branch("ghost");
      Check.isFalse(ghost.exists(), "ghost does not exist");
      Check.equal(Optional.empty(), ghost.head(), "no head");
      Check.isTrue(ghost.tree().isEmpty(), "empty tree");
      Check.isFalse(ghost.find("a").isPresent(), "no value");
      Check.isTrue(ghost.list("").isEmpty(), "empty listing");
      Check.isTrue(ghost.log(10).isEmpty(), "empty log");
      Check.raises("not_found", () -> ghost.get("a"));
      Check.isTrue(f.repo().branches().isEmpty(), "reading did not create it");
    }));

    cases.add(new ConformanceCase(CATEGORY, "branch_handle_sees_writes_of_other_handles", f -> {
      Branch handle = f.main();
      Repository other = f.open(f.options());
      ObjectId c = other.branch("main").set("k", "from another repository", Fixture.info("w"));
      Check.equal(Optional.of(c), handle.head(), "handle sees the new head");
      Check.equal("from another repository", handle.getText("k"), "handle reads the new value");
      f.repo().branch("main").set("k", "again", Fixture.info("w2"));
      Check.equal("again", other.branch("main").getText("k"), "other repository sees it too");
    }));

    cases.add(new ConformanceCase(CATEGORY, "delete_removes_only_that_branch", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.repo().createBranch("a1", c1);
      f.repo().createBranch("a2", c1);
      Check.equal(RefOutcome.DELETED, f.repo().deleteBranch("a1"), "delete a1");
      Check.equal(List.of("a2", "main"), new ArrayList<>(f.repo().branches().keySet()),
          "remaining branches");
      Check.equal(c1, f.repo().head("a2"), "a2 untouched");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fast_forward_rechecks_after_a_lost_race", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.repo().fork("main", "dev");
      ObjectId d2 = f.repo().branch("dev").set("a", "2", Fixture.info("dev two"));
      TransactionCases.Interfering backend = new TransactionCases.Interfering(f, "main", 1);
      Repository racing = Repository.open(backend, f.options());
      Check.equal(FastForward.NOT_FAST_FORWARD, racing.fastForward("main", d2),
          "main moved elsewhere meanwhile");
      Check.equal(1, backend.interferences, "one lost race");
      ObjectId moved = f.repo().head("main");
      Check.equal(List.of(c1), f.repo().commit(moved).parents(), "main at the other writer's commit");
      Check.equal("0", f.main().getText("other/0"), "the other writer's key");
      Check.equal("1", f.main().getText("a"), "main not moved to dev");
    }));

    cases.add(new ConformanceCase(CATEGORY, "delete_retries_when_the_branch_moves", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      TransactionCases.Interfering backend = new TransactionCases.Interfering(f, "main", 1);
      Repository racing = Repository.open(backend, f.options());
      Check.equal(RefOutcome.DELETED, racing.deleteBranch("main"), "deleted after a lost race");
      Check.equal(1, backend.interferences, "one lost race");
      Check.isFalse(f.main().exists(), "main gone");
    }));

    return cases;
  }
}
