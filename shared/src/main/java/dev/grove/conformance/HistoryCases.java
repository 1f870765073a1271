package dev.grove.conformance;

import dev.grove.store.Repository;
import dev.grove.store.Clock;
import dev.grove.hash.ObjectId;
import dev.grove.store.Branch;
import dev.grove.store.CommitView;
import dev.grove.store.MergeResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Conformance cases: history. Log order and limits, lowest common ancestors (linear, forked,
 * unrelated, criss-cross), ancestry.
 */
final class HistoryCases {
  private HistoryCases() {}

  private static final String CATEGORY = "history";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    cases.add(new ConformanceCase(CATEGORY, "log_is_newest_first", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      ObjectId c3 = f.main().set("b", "3", Fixture.info("three"));
      Check.equal(List.of(c3, c2, c1), ids(f.main().log(100)), "log of main");
      Check.equal(List.of(c2, c1), ids(f.repo().log(c2, 100)), "log from c2");
      Check.equal(List.of("three", "two", "one"), messages(f.main().log(100)), "messages");
    }));

    cases.add(new ConformanceCase(CATEGORY, "log_limit", f -> {
      List<ObjectId> made = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        made.add(f.main().set("k", "v" + i, Fixture.info("c" + i)));
      }
      Check.equal(List.of(made.get(5), made.get(4)), ids(f.main().log(2)), "two newest");
      Check.equal(List.of(made.get(5)), ids(f.main().log(1)), "newest only");
      Check.equal(List.of(), ids(f.main().log(0)), "limit 0");
      Check.equal(6, f.main().log(6).size(), "limit equal to the length");
      Check.equal(6, f.main().log(1000).size(), "limit above the length");
    }));

    cases.add(new ConformanceCase(CATEGORY, "log_of_absent_branch_is_empty", f -> {
      Check.isTrue(f.main().log(10).isEmpty(), "absent branch");
      Check.isTrue(f.repo().log(ObjectId.NONE, 10).isEmpty(), "log from NONE");
      ObjectId unknown = ObjectId.fromHex("00000000000000000000000000000000000000aa");
      Check.raises("missing_object", () -> f.repo().log(unknown, 10));
    }));

    cases.add(new ConformanceCase(CATEGORY, "log_of_merge_includes_both_sides_once", f -> {
      ObjectId base = f.main().set("base", "0", Fixture.info("base"));
      f.repo().fork("main", "dev");
      Branch dev = f.repo().branch("dev");
      ObjectId m1 = f.main().set("m", "1", Fixture.info("main 1"));
      ObjectId d1 = dev.set("d", "1", Fixture.info("dev 1"));
      ObjectId m2 = f.main().set("m", "2", Fixture.info("main 2"));
      ObjectId d2 = dev.set("d", "2", Fixture.info("dev 2"));
      MergeResult merged = f.main().mergeBranch("dev", Fixture.info("merge dev"));
      Check.equal(MergeResult.Status.MERGED, merged.status(), "merge status");
      List<ObjectId> log = ids(f.main().log(100));
      Check.equal(6, log.size(), "six commits: merge, two per side, base");
      Check.equal(merged.head(), log.get(0), "merge commit first");
      Check.equal(base, log.get(5), "base last");
      Check.equal(6, new HashSet<>(log).size(), "each commit once");
      Check.isTrue(log.containsAll(List.of(m1, m2, d1, d2)), "both sides in the log");
      Check.isTrue(log.indexOf(m2) < log.indexOf(m1), "main 2 before main 1");
      Check.isTrue(log.indexOf(d2) < log.indexOf(d1), "dev 2 before dev 1");
      Check.equal(List.of(merged.head(), log.get(1)), ids(f.main().log(2)), "limit over a merge");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_of_linear_history_is_the_older", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.main().set("a", "2", Fixture.info("two"));
      ObjectId c3 = f.main().set("a", "3", Fixture.info("three"));
      Check.equal(List.of(c1), f.repo().lowestCommonAncestors(c1, c3), "lca(c1, c3)");
      Check.equal(List.of(c1), f.repo().lowestCommonAncestors(c3, c1), "lca(c3, c1)");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_of_forked_history_is_the_fork_point", f -> {
      f.main().set("a", "0", Fixture.info("root"));
      ObjectId fork = f.main().set("a", "1", Fixture.info("fork point"));
      f.repo().fork("main", "dev");
      f.main().set("m", "1", Fixture.info("main 1"));
      ObjectId m2 = f.main().set("m", "2", Fixture.info("main 2"));
      ObjectId d1 = f.repo().branch("dev").set("d", "1", Fixture.info("dev 1"));
      Check.equal(List.of(fork), f.repo().lowestCommonAncestors(m2, d1), "lca(main, dev)");
      Check.equal(List.of(fork), f.repo().lowestCommonAncestors(d1, m2), "lca(dev, main)");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_of_same_commit_is_itself", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      Check.equal(List.of(c2), f.repo().lowestCommonAncestors(c2, c2), "lca(c2, c2)");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_of_unrelated_histories_is_empty", f -> {
      f.main().set("a", "1", Fixture.info("main root"));
      ObjectId m = f.main().set("a", "2", Fixture.info("main 2"));
      ObjectId o = f.repo().branch("other").set("b", "1", Fixture.info("other root"));
      Check.equal(List.of(), f.repo().lowestCommonAncestors(m, o), "lca(main, other)");
      Check.equal(List.of(), f.repo().lowestCommonAncestors(o, m), "lca(other, main)");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_of_criss_cross_history_is_both_sides", f -> {
      CrissCross x = CrissCross.build(f);
      Set<ObjectId> expected = Set.of(x.a, x.b);
      List<ObjectId> forward = f.repo().lowestCommonAncestors(x.m1, x.m2);
      List<ObjectId> backward = f.repo().lowestCommonAncestors(x.m2, x.m1);
      Check.equal(2, forward.size(), "two lowest common ancestors of m1 and m2");
      Check.equal(expected, set(forward), "lca(m1, m2)");
      Check.equal(2, backward.size(), "two lowest common ancestors of m2 and m1");
      Check.equal(expected, set(backward), "lca(m2, m1)");
      Check.equal(List.of(x.base), f.repo().lowestCommonAncestors(x.a, x.b), "lca(a, b)");
      Check.equal(List.of(x.a), f.repo().lowestCommonAncestors(x.a, x.m2), "lca(a, m2)");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_with_merge_commit_is_merged_side", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      f.repo().fork("main", "dev");
      f.main().set("m", "1", Fixture.info("main 1"));
      ObjectId d1 = f.repo().branch("dev").set("d", "1", Fixture.info("dev 1"));
      ObjectId merge = f.main().mergeBranch("dev", Fixture.info("merge")).head();
      ObjectId d2 = f.repo().branch("dev").set("d", "2", Fixture.info("dev 2"));
      Check.equal(List.of(d1), f.repo().lowestCommonAncestors(merge, d2), "lca(merge, dev 2)");
      Check.equal(List.of(d1), f.repo().lowestCommonAncestors(merge, d1), "lca(merge, dev 1)");
    }));

    cases.add(new ConformanceCase(CATEGORY, "lca_of_unknown_commit_is_missing_object", f -> {
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      ObjectId unknown = ObjectId.fromHex("1111111111111111111111111111111111111111");
      Check.raises("missing_object", () -> f.repo().lowestCommonAncestors(c, unknown));
      Check.raises("missing_object", () -> f.repo().lowestCommonAncestors(unknown, c));
      Check.raises("missing_object", () -> f.repo().isAncestor(unknown, c));
    }));

    cases.add(new ConformanceCase(CATEGORY, "is_ancestor", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      f.repo().fork("main", "dev");
      ObjectId m3 = f.main().set("a", "3", Fixture.info("main 3"));
      ObjectId d3 = f.repo().branch("dev").set("b", "3", Fixture.info("dev 3"));
      ObjectId other = f.repo().branch("other").set("z", "1", Fixture.info("unrelated"));
      Check.isTrue(f.repo().isAncestor(c1, m3), "c1 ancestor of main 3");
      Check.isTrue(f.repo().isAncestor(c2, d3), "c2 ancestor of dev 3");
      Check.isTrue(f.repo().isAncestor(c2, c2), "a commit is its own ancestor");
      Check.isFalse(f.repo().isAncestor(m3, c1), "descendant is not an ancestor");
      Check.isFalse(f.repo().isAncestor(m3, d3), "siblings are not ancestors");
      Check.isFalse(f.repo().isAncestor(d3, m3), "siblings are not ancestors, reversed");
      Check.isFalse(f.repo().isAncestor(other, m3), "unrelated root");
      Check.isFalse(f.repo().isAncestor(c1, other), "unrelated tip");
    }));

    cases.add(new ConformanceCase(CATEGORY, "is_ancestor_through_second_parent", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      f.repo().fork("main", "dev");
      f.main().set("m", "1", Fixture.info("main 1"));
      ObjectId d1 = f.repo().branch("dev").set("d", "1", Fixture.info("dev 1"));
      ObjectId d2 = f.repo().branch("dev").set("d", "2", Fixture.info("dev 2"));
      MergeResult merged = f.main().mergeBranch("dev", Fixture.info("merge"));
      ObjectId after = f.main().set("m", "2", Fixture.info("after merge"));
      Check.isTrue(f.repo().isAncestor(d1, after), "dev 1 reachable through the merge");
      Check.isTrue(f.repo().isAncestor(d2, merged.head()), "dev 2 is the second parent");
      Check.isFalse(f.repo().isAncestor(after, d2), "not the other way round");
    }));

    cases.add(new ConformanceCase("history", "log_lists_children_before_parents_at_equal_times", f -> {
      // Every commit at the same second: the order must still put each commit before its parents.
      Clock frozen = new Clock() {
        @Override
        public long epochSeconds() {
          return Fixture.START_SECONDS;
        }

        @Override
        public int offsetMinutes() {
          return 0;
        }
      };
      Repository repo = f.open(f.options().withClock(frozen));
      ObjectId root = repo.branch("main").set("root", "0", Fixture.info("root"));
      for (int i = 0; i < 6; i++) {
        repo.createBranch("side" + i, root);
        repo.branch("side" + i).set("k" + i, "v", Fixture.info("side " + i));
      }
      for (int i = 0; i < 6; i++) {
        repo.branch("main").mergeBranch("side" + i, Fixture.info("merge " + i));
      }
      List<CommitView> log = repo.branch("main").log(100);
      Check.equal(12, log.size(), "root, six sides, five merges (the first is a fast-forward)");
      List<ObjectId> order = ids(log);
      for (CommitView commit : log) {
        for (ObjectId parent : commit.parents()) {
          Check.isTrue(order.indexOf(commit.id()) < order.indexOf(parent),
              "commit " + commit.message() + " before its parent");
        }
      }
    }));

    return cases;
  }

  /**
   * A criss-cross history: base, then {@code a} on b1 and {@code b} on b2; then {@code a}
   * merged into b2 ({@code m2}) and {@code b} merged into b1 ({@code m1}). The lowest common
   * ancestors of m1 and m2 are a and b.
   */
  static final class CrissCross {
    ObjectId base;
    ObjectId a;
    ObjectId b;
    ObjectId m1;
    ObjectId m2;

    static CrissCross build(Fixture f) {
      CrissCross x = new CrissCross();
      x.base = f.repo().branch("b1").set("x", "0", Fixture.info("base"));
      f.repo().createBranch("b2", x.base);
      x.a = f.repo().branch("b1").set("x", "1", Fixture.info("A"));
      x.b = f.repo().branch("b2").set("y", "1", Fixture.info("B"));
      MergeResult r2 = f.repo().branch("b2").merge(x.a, Fixture.info("merge A into b2"));
      Check.equal(MergeResult.Status.MERGED, r2.status(), "merge A into b2");
      MergeResult r1 = f.repo().branch("b1").merge(x.b, Fixture.info("merge B into b1"));
      Check.equal(MergeResult.Status.MERGED, r1.status(), "merge B into b1");
      x.m1 = r1.head();
      x.m2 = r2.head();
      Check.notEqual(x.m1, x.m2, "two distinct merge commits");
      return x;
    }
  }

  private static List<ObjectId> ids(List<CommitView> log) {
    List<ObjectId> out = new ArrayList<>();
    for (CommitView view : log) {
      out.add(view.id());
    }
    return out;
  }

  private static List<String> messages(List<CommitView> log) {
    List<String> out = new ArrayList<>();
    for (CommitView view : log) {
      out.add(view.message());
    }
    return out;
  }

  private static Set<ObjectId> set(List<ObjectId> ids) {
    return new HashSet<>(ids);
  }
}
