package dev.grove.conformance;

import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import dev.grove.merge.MergeFunctions;
import dev.grove.merge.MergePolicy;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitInfo;
import dev.grove.store.CommitView;
import dev.grove.store.MergeResult;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Conformance cases: merging branches. Up to date, fast-forward, clean three-way merges,
 * conflicts that write nothing, unrelated and criss-cross histories, and each provided merge
 * function through a real branch merge.
 */
final class MergeCases {
  private MergeCases() {}

  private static final String CATEGORY = "merge";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    cases.add(new ConformanceCase(CATEGORY, "merge_of_ancestor_is_up_to_date", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      MergeResult r = f.main().merge(c1, Fixture.info("merge ancestor"));
      Check.equal(MergeResult.Status.UP_TO_DATE, r.status(), "merge an ancestor");
      Check.equal(c2, r.head(), "result head");
      Check.isTrue(r.conflicts().isEmpty(), "no conflicts");
      Check.equal(MergeResult.Status.UP_TO_DATE, f.main().merge(c2, Fixture.info("self")).status(),
          "merge the head itself");
      Check.equal(c2, f.repo().head("main"), "head unchanged");
      Check.equal(2, f.main().log(10).size(), "no merge commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_of_descendant_fast_forwards", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      f.repo().fork("main", "dev");
      f.repo().branch("dev").set("b", "2", Fixture.info("dev two"));
      ObjectId d3 = f.repo().branch("dev").set("c", "3", Fixture.info("dev three"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge dev"));
      Check.equal(MergeResult.Status.FAST_FORWARD, r.status(), "status");
      Check.equal(d3, r.head(), "result head is dev's head");
      Check.equal(d3, f.repo().head("main"), "main moved to dev's head");
      Check.equal(3, f.main().log(10).size(), "no merge commit");
      Check.equal("3", f.main().getText("c"), "main reads dev's data");
      Check.isTrue(f.repo().isAncestor(c1, d3), "history kept");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_into_absent_branch_creates_it", f -> {
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      Branch fresh = f.repo().branch("fresh");
      MergeResult r = fresh.merge(c, Fixture.info("merge into nothing"));
      Check.equal(MergeResult.Status.FAST_FORWARD, r.status(), "status");
      Check.equal(c, f.repo().head("fresh"), "fresh created at the commit");
      Check.equal("1", fresh.getText("a"), "fresh reads the data");
      MergeResult viaName = f.repo().branch("fresh2").mergeBranch("main", Fixture.info("m"));
      Check.equal(MergeResult.Status.FAST_FORWARD, viaName.status(), "mergeBranch into absent");
      Check.equal(c, f.repo().head("fresh2"), "fresh2 created at main's head");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_of_absent_or_unknown_is_an_error", f -> {
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      Check.raises("not_found", () -> f.main().mergeBranch("nope", Fixture.info("m")));
      ObjectId unknown = ObjectId.fromHex("3333333333333333333333333333333333333333");
      Check.raises("missing_object", () -> f.main().merge(unknown, Fixture.info("m")));
      Check.equal(c, f.repo().head("main"), "main unchanged");
      Check.raises("missing_object", () -> f.repo().branch("x").merge(unknown, Fixture.info("m")));
      Check.isFalse(f.repo().branch("x").exists(), "x not created");
    }));

    cases.add(new ConformanceCase(CATEGORY, "clean_three_way_merge_of_disjoint_edits", f -> {
      f.main().set("shared", "0", Fixture.info("base"));
      f.main().set("dir/keep", "k", Fixture.info("base 2"));
      f.repo().fork("main", "dev");
      ObjectId ours = f.main().set("dir/ours", "o", Fixture.info("ours"));
      f.repo().branch("dev").remove("dir/keep", Fixture.info("dev remove"));
      ObjectId theirs = f.repo().branch("dev").set("theirs", "t", Fixture.info("theirs"));
      MergeResult r = f.main().mergeBranch("dev",
          CommitInfo.by("Merger", "merger@example.org", "Merge dev into main"));
      Check.equal(MergeResult.Status.MERGED, r.status(), "status");
      Check.isTrue(r.conflicts().isEmpty(), "no conflicts");
      Check.equal(r.head(), f.repo().head("main"), "main at the merge commit");
      CommitView merge = f.repo().commit(r.head());
      Check.equal(List.of(ours, theirs), merge.parents(), "parents [ours, theirs]");
      Check.equal("Merge dev into main", merge.message(), "merge message");
      Check.equal("Merger", merge.author().name(), "merge author");
      Check.equal("o", merge.getText("dir/ours"), "our edit");
      Check.equal("t", merge.getText("theirs"), "their edit");
      Check.equal("0", merge.getText("shared"), "untouched value");
      Check.isFalse(merge.exists("dir/keep"), "their removal applied");
      Check.equal(theirs, f.repo().head("dev"), "dev unchanged");
      Check.isFalse(f.repo().branch("dev").exists("dir/ours"), "dev does not get our edit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "same_edit_on_both_sides_is_clean", f -> {
      f.main().set("a", "1", Fixture.info("base"));
      f.repo().fork("main", "dev");
      f.main().set("a", "2", Fixture.info("ours"));
      f.main().set("b", "same", Fixture.info("ours b"));
      f.repo().branch("dev").set("b", "same", Fixture.info("theirs b"));
      f.repo().branch("dev").set("a", "2", Fixture.info("theirs"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, r.status(), "status");
      Check.equal("2", f.main().getText("a"), "a");
      Check.equal("same", f.main().getText("b"), "b");
      Check.equal(2, f.repo().commit(r.head()).parents().size(), "a merge commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "conflicting_edits_write_nothing", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      f.repo().fork("main", "dev");
      f.main().set("a", "ours", Fixture.info("ours"));
      ObjectId ours = f.main().set("mine", "m", Fixture.info("ours 2"));
      f.repo().branch("dev").set("theirs-only", "t", Fixture.info("theirs"));
      ObjectId theirs = f.repo().branch("dev").set("a", "theirs", Fixture.info("theirs 2"));
      SortedMap<String, ObjectId> before = f.repo().branches();
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, r.status(), "status");
      Check.isTrue(r.isConflict(), "isConflict");
      Check.equal(1, r.conflicts().size(), "one conflict");
      Conflict c = r.conflicts().get(0);
      Check.equal(Path.parse("a"), c.path(), "conflict path");
      Check.equal("changed on both sides", c.reason(), "conflict reason");
      Check.equal(ours, r.head(), "result head is our head");
      Check.equal(ours, f.repo().head("main"), "main unchanged");
      Check.equal(before, f.repo().branches(), "no branch changed");
      Check.equal("ours", f.main().getText("a"), "our value kept");
      Check.isFalse(f.main().exists("theirs-only"), "nothing half-merged");
      Check.equal(theirs, f.repo().head("dev"), "dev unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "conflicts_listed_in_path_order", f -> {
      f.main().set("z", "0", Fixture.info("base z"));
      f.main().set("b/c", "0", Fixture.info("base b/c"));
      f.main().set("a", "0", Fixture.info("base a"));
      f.repo().fork("main", "dev");
      f.main().set("z", "ours", Fixture.info("o z"));
      f.main().set("b/c", "ours", Fixture.info("o b/c"));
      f.main().set("a", "ours", Fixture.info("o a"));
      f.repo().branch("dev").set("a", "theirs", Fixture.info("t a"));
      f.repo().branch("dev").set("z", "theirs", Fixture.info("t z"));
      f.repo().branch("dev").set("b/c", "theirs", Fixture.info("t b/c"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, r.status(), "status");
      List<Path> paths = new ArrayList<>();
      for (Conflict c : r.conflicts()) {
        paths.add(c.path());
        Check.isFalse(c.reason().isEmpty(), "a reason for " + c.path());
      }
      Check.equal(List.of(Path.parse("a"), Path.parse("b/c"), Path.parse("z")), paths,
          "conflicting paths");
    }));

    cases.add(new ConformanceCase(CATEGORY, "delete_versus_modify_conflicts", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      f.main().set("keep", "k", Fixture.info("base 2"));
      f.repo().fork("main", "dev");
      ObjectId ours = f.main().remove("a", Fixture.info("ours: delete"));
      f.repo().branch("dev").set("a", "changed", Fixture.info("theirs: modify"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, r.status(), "status");
      Check.equal(1, r.conflicts().size(), "one conflict");
      Check.equal(Path.parse("a"), r.conflicts().get(0).path(), "conflict path");
      Check.equal("deleted on one side, changed on the other", r.conflicts().get(0).reason(),
          "conflict reason");
      Check.equal(ours, f.repo().head("main"), "main unchanged");
      Check.isFalse(f.main().exists("a"), "still deleted on main");
      // The other direction conflicts too.
      MergeResult back = f.repo().branch("dev").merge(ours, Fixture.info("merge back"));
      Check.equal(MergeResult.Status.CONFLICT, back.status(), "status, other direction");
      Check.equal(Path.parse("a"), back.conflicts().get(0).path(), "path, other direction");
    }));

    cases.add(new ConformanceCase(CATEGORY, "delete_versus_unchanged_is_clean", f -> {
      f.main().set("a", "0", Fixture.info("base"));
      f.main().set("dir/x", "1", Fixture.info("base 2"));
      f.main().set("dir/y", "1", Fixture.info("base 3"));
      f.repo().fork("main", "dev");
      f.main().remove("a", Fixture.info("ours: delete a"));
      f.main().remove("dir", Fixture.info("ours: delete dir"));
      f.repo().branch("dev").set("b", "new", Fixture.info("theirs: add b"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, r.status(), "status");
      Check.isFalse(f.main().exists("a"), "a stays deleted");
      Check.isFalse(f.main().exists("dir"), "dir stays deleted");
      Check.equal("new", f.main().getText("b"), "their addition");
    }));

    cases.add(new ConformanceCase(CATEGORY, "deleted_subtree_versus_inner_change_conflicts", f -> {
      f.main().set("dir/x", "1", Fixture.info("base"));
      f.main().set("dir/y", "1", Fixture.info("base 2"));
      f.repo().fork("main", "dev");
      ObjectId ours = f.main().remove("dir", Fixture.info("ours: delete dir"));
      f.repo().branch("dev").set("dir/x", "2", Fixture.info("theirs: change dir/x"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, r.status(), "status");
      Check.equal(1, r.conflicts().size(), "one conflict");
      Check.isTrue(Path.parse("dir/x").startsWith(r.conflicts().get(0).path()),
          "the conflict is at dir/x or above: " + r.conflicts().get(0).path());
      Check.equal(ours, f.repo().head("main"), "main unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "value_versus_subtree_conflicts", f -> {
      f.main().set("base", "0", Fixture.info("base"));
      f.main().set("v", "value", Fixture.info("base v"));
      f.repo().fork("main", "dev");
      f.main().set("x", "a value", Fixture.info("ours: x is a value"));
      ObjectId ours = f.main().set("v", "changed value", Fixture.info("ours: v changed"));
      f.repo().branch("dev").set("x/inner", "in a subtree", Fixture.info("theirs: x/inner"));
      f.repo().branch("dev").setTree(Path.parse("v"),
          Tree.empty().with(Path.parse("w"), Fixture.utf8("1")),
          Fixture.info("theirs: v is a subtree"));
      MergeResult r = f.main().mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, r.status(), "status");
      Check.equal(2, r.conflicts().size(), "two conflicts");
      Check.equal(Path.parse("v"), r.conflicts().get(0).path(), "first conflict");
      Check.equal(Path.parse("x"), r.conflicts().get(1).path(), "second conflict");
      Check.equal("a value on one side, a subtree on the other", r.conflicts().get(1).reason(),
          "reason");
      Check.equal(ours, f.repo().head("main"), "main unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "unrelated_histories_disjoint_keys_merge_cleanly", f -> {
      f.main().set("mine", "m", Fixture.info("main root"));
      f.repo().branch("other").set("yours", "y", Fixture.info("other root"));
      ObjectId theirs = f.repo().branch("other").set("same", "s", Fixture.info("other 2"));
      ObjectId ours = f.main().set("same", "s", Fixture.info("main 2"));
      MergeResult r = f.main().mergeBranch("other", Fixture.info("merge unrelated"));
      Check.equal(MergeResult.Status.MERGED, r.status(), "status");
      Check.equal(List.of(ours, theirs), f.repo().commit(r.head()).parents(), "parents");
      Check.equal("m", f.main().getText("mine"), "ours");
      Check.equal("y", f.main().getText("yours"), "theirs");
      Check.equal("s", f.main().getText("same"), "added on both sides with the same value");
    }));

    cases.add(new ConformanceCase(CATEGORY, "unrelated_histories_same_key_conflicts", f -> {
      ObjectId ours = f.main().set("k", "main", Fixture.info("main root"));
      f.repo().branch("other").set("k", "other", Fixture.info("other root"));
      MergeResult r = f.main().mergeBranch("other", Fixture.info("merge unrelated"));
      Check.equal(MergeResult.Status.CONFLICT, r.status(), "status");
      Check.equal(1, r.conflicts().size(), "one conflict");
      Check.equal(Path.parse("k"), r.conflicts().get(0).path(), "path");
      Check.equal("added on both sides with different values", r.conflicts().get(0).reason(),
          "reason");
      Check.equal(ours, f.repo().head("main"), "main unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "criss_cross_merge_uses_both_common_ancestors", f -> {
      // base x=0; A (b1): x=1; B (b2): y=1; criss-cross merges; then b1: x=2 and b2: y=2.
      // Taking A alone as the base conflicts on y, B alone conflicts on x; merging A and B
      // into a virtual base (x=1, y=1) merges cleanly to x=2, y=2.
      HistoryCases.CrissCross x = HistoryCases.CrissCross.build(f);
      ObjectId c1 = f.repo().branch("b1").set("x", "2", Fixture.info("b1: x=2"));
      ObjectId c2 = f.repo().branch("b2").set("y", "2", Fixture.info("b2: y=2"));
      Check.equal(2, f.repo().lowestCommonAncestors(c1, c2).size(), "two common ancestors");
      MergeResult r = f.repo().branch("b1").mergeBranch("b2", Fixture.info("merge b2"));
      Check.equal(MergeResult.Status.MERGED, r.status(), "status: " + r.conflicts());
      Branch b1 = f.repo().branch("b1");
      Check.equal("2", b1.getText("x"), "x from b1");
      Check.equal("2", b1.getText("y"), "y from b2");
      Check.equal(List.of(c1, c2), f.repo().commit(r.head()).parents(), "parents");
      Check.isTrue(f.repo().isAncestor(x.a, r.head()) && f.repo().isAncestor(x.b, r.head()),
          "both ancestors reachable");
    }));

    cases.add(new ConformanceCase(CATEGORY, "criss_cross_heads_merge_to_the_same_tree", f -> {
      HistoryCases.CrissCross x = HistoryCases.CrissCross.build(f);
      Check.equal(f.repo().commit(x.m1).commit().tree(), f.repo().commit(x.m2).commit().tree(),
          "both criss-cross merges have the same tree");
      MergeResult r = f.repo().branch("b1").merge(x.m2, Fixture.info("merge m2"));
      Check.equal(MergeResult.Status.MERGED, r.status(), "status: " + r.conflicts());
      Check.equal("1", f.repo().branch("b1").getText("x"), "x");
      Check.equal("1", f.repo().branch("b1").getText("y"), "y");
    }));

    cases.add(new ConformanceCase(CATEGORY, "json_merge_field_by_field", f -> {
      Repository r = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("docs", MergeFunctions.json())));
      Branch main = r.branch("main");
      main.set("docs/d", "{\"a\":1,\"b\":1,\"c\":\"same\"}", Fixture.info("base"));
      r.fork("main", "dev");
      main.set("docs/d", "{\"a\":2,\"b\":1,\"c\":\"same\"}", Fixture.info("ours: a=2"));
      r.branch("dev").set("docs/d", "{\"a\":1,\"b\":2,\"c\":\"same\"}", Fixture.info("theirs: b=2"));
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, m.status(), "status: " + m.conflicts());
      Check.equal("{\"a\":2,\"b\":2,\"c\":\"same\"}", main.getText("docs/d"), "merged JSON");
    }));

    cases.add(new ConformanceCase(CATEGORY, "json_merge_nested_objects_and_added_fields", f -> {
      Repository r = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("docs", MergeFunctions.json())));
      Branch main = r.branch("main");
      main.set("docs/d", "{\"o\":{\"x\":1,\"y\":1},\"n\":\"keep\"}", Fixture.info("base"));
      r.fork("main", "dev");
      main.set("docs/d", "{\"o\":{\"x\":2,\"y\":1},\"n\":\"keep\"}", Fixture.info("ours"));
      r.branch("dev").set("docs/d", "{\"o\":{\"x\":1,\"y\":2},\"n\":\"keep\",\"t\":true}",
          Fixture.info("theirs"));
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, m.status(), "status: " + m.conflicts());
      Check.equal("{\"o\":{\"x\":2,\"y\":2},\"n\":\"keep\",\"t\":true}", main.getText("docs/d"),
          "merged nested JSON");
    }));

    cases.add(new ConformanceCase(CATEGORY, "json_merge_conflicting_field", f -> {
      Repository r = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("docs", MergeFunctions.json())));
      Branch main = r.branch("main");
      main.set("docs/d", "{\"a\":1,\"o\":{\"p\":1}}", Fixture.info("base"));
      r.fork("main", "dev");
      ObjectId ours = main.set("docs/d", "{\"a\":2,\"o\":{\"p\":2}}", Fixture.info("ours"));
      r.branch("dev").set("docs/d", "{\"a\":1,\"o\":{\"p\":3}}", Fixture.info("theirs"));
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, m.status(), "status");
      Check.equal(1, m.conflicts().size(), "one conflict");
      Check.equal(Path.parse("docs/d"), m.conflicts().get(0).path(), "path");
      Check.isTrue(m.conflicts().get(0).reason().contains("\"o.p\""),
          "reason names the field o.p: " + m.conflicts().get(0).reason());
      Check.equal(ours, r.head("main"), "main unchanged");
    }));

    cases.add(new ConformanceCase(CATEGORY, "counter_merge_adds_both_increments", f -> {
      Repository r = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("counters", MergeFunctions.counter())));
      Branch main = r.branch("main");
      main.transact(Strategy.SET, Fixture.info("base"), d -> {
        d.set("counters/hits", "5");
        d.set("counters/new/deep", "1");
        d.set("plain/hits", "5");
        return null;
      });
      r.fork("main", "dev");
      r.fork("main", "dev2");
      main.set("counters/hits", "8", Fixture.info("ours: +3"));
      main.set("counters/new/deep", "11", Fixture.info("ours: +10"));
      r.branch("dev").set("counters/hits", "9", Fixture.info("theirs: +4"));
      r.branch("dev").set("counters/new/deep", "-1", Fixture.info("theirs: -2"));
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge counters"));
      Check.equal(MergeResult.Status.MERGED, m.status(), "status: " + m.conflicts());
      Check.equal("12", main.getText("counters/hits"), "5 + 3 + 4");
      Check.equal("9", main.getText("counters/new/deep"), "1 + 10 - 2, a deeper path");
      // Outside the prefix, the default function conflicts.
      main.set("plain/hits", "8", Fixture.info("ours plain"));
      r.branch("dev2").set("plain/hits", "9", Fixture.info("theirs plain"));
      MergeResult plain = main.mergeBranch("dev2", Fixture.info("merge plain"));
      Check.equal(MergeResult.Status.CONFLICT, plain.status(), "plain/hits is not a counter");
      Check.equal(Path.parse("plain/hits"), plain.conflicts().get(0).path(), "conflict path");
    }));

    cases.add(new ConformanceCase(CATEGORY, "last_writer_wins_later_commit_wins", f -> {
      Repository r = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("lww", MergeFunctions.lastWriterWins())));
      Branch main = r.branch("main");
      main.set("lww/k", "base", Fixture.info("base"));
      r.fork("main", "dev");
      r.fork("main", "dev2");
      ObjectId early = main.set("lww/k", "earlier", Fixture.info("ours, earlier"));
      ObjectId late = r.branch("dev").set("lww/k", "later", Fixture.info("theirs, later"));
      Check.isTrue(r.commit(late).committer().epochSeconds()
          > r.commit(early).committer().epochSeconds(), "theirs is later");
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, m.status(), "status: " + m.conflicts());
      Check.equal("later", main.getText("lww/k"), "later writer wins");
      // The same two commits merged the other way give the same value.
      MergeResult back = r.branch("dev").merge(early, Fixture.info("merge back"));
      Check.equal(MergeResult.Status.MERGED, back.status(), "status back: " + back.conflicts());
      Check.equal("later", r.branch("dev").getText("lww/k"), "later writer wins, other way");
      // Ours later this time.
      r.branch("dev2").set("lww/k", "dev2 earlier", Fixture.info("dev2"));
      main.set("lww/k", "main latest", Fixture.info("main latest"));
      MergeResult third = main.mergeBranch("dev2", Fixture.info("merge dev2"));
      Check.equal(MergeResult.Status.MERGED, third.status(), "status third");
      Check.equal("main latest", main.getText("lww/k"), "ours is later and wins");
    }));

    cases.add(new ConformanceCase(CATEGORY, "last_writer_wins_later_delete_wins", f -> {
      Repository r = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("lww", MergeFunctions.lastWriterWins())));
      Branch main = r.branch("main");
      main.set("lww/k", "base", Fixture.info("base"));
      main.set("keep", "1", Fixture.info("base 2"));
      r.fork("main", "dev");
      main.set("lww/k", "changed earlier", Fixture.info("ours, earlier"));
      r.branch("dev").remove("lww/k", Fixture.info("theirs, later delete"));
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, m.status(), "status: " + m.conflicts());
      Check.isFalse(main.exists("lww/k"), "the later deletion wins");
      Check.equal("1", main.getText("keep"), "other keys kept");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_policy_is_per_prefix", f -> {
      Repository r = f.open(f.options().withMergePolicy(MergePolicy.defaults()
          .with("n", MergeFunctions.counter())
          .with("n/lww", MergeFunctions.lastWriterWins())));
      Branch main = r.branch("main");
      main.transact(Strategy.SET, Fixture.info("base"), d -> {
        d.set("n/c", "1");
        d.set("n/lww/v", "1");
        d.set("n2/c", "1");
        return null;
      });
      r.fork("main", "dev");
      main.transact(Strategy.SET, Fixture.info("ours"), d -> {
        d.set("n/c", "2");
        d.set("n/lww/v", "ours");
        return null;
      });
      r.branch("dev").transact(Strategy.SET, Fixture.info("theirs"), d -> {
        d.set("n/c", "3");
        d.set("n/lww/v", "theirs");
        return null;
      });
      MergeResult m = main.mergeBranch("dev", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, m.status(), "status: " + m.conflicts());
      Check.equal("4", main.getText("n/c"), "counter under n");
      Check.equal("theirs", main.getText("n/lww/v"), "longest prefix: last writer wins");
      Map<String, ObjectId> branches = r.branches();
      Check.equal(m.head(), branches.get("main"), "main at the merge");
    }));

    cases.add(new ConformanceCase(CATEGORY, "merge_retries_when_the_branch_moves", f -> {
      f.main().set("base", "0", Fixture.info("base"));
      f.repo().fork("main", "dev");
      f.main().set("ours", "o", Fixture.info("ours"));
      ObjectId theirs = f.repo().branch("dev").set("theirs", "t", Fixture.info("theirs"));
      TransactionCases.Interfering backend = new TransactionCases.Interfering(f, "main", 1);
      Repository racing = Repository.open(backend, f.options());
      MergeResult r = racing.branch("main").mergeBranch("dev", Fixture.info("merge"));
      Check.equal(1, backend.interferences, "one lost race");
      Check.equal(MergeResult.Status.MERGED, r.status(), "status: " + r.conflicts());
      CommitView merge = f.repo().commit(r.head());
      Check.equal(theirs, merge.parents().get(1), "second parent is theirs");
      Check.equal("0", f.repo().commit(merge.parents().get(0)).getText("other/0"),
          "first parent is the head the other writer made");
      Check.equal("o", merge.getText("ours"), "our key");
      Check.equal("t", merge.getText("theirs"), "their key");
      Check.equal("0", merge.getText("other/0"), "the other writer's key");
      Check.equal(r.head(), f.repo().head("main"), "main at the merge");
    }));

    cases.add(new ConformanceCase(CATEGORY, "fast_forward_that_loses_a_race_becomes_a_merge", f -> {
      ObjectId base = f.main().set("base", "0", Fixture.info("base"));
      f.repo().fork("main", "dev");
      ObjectId theirs = f.repo().branch("dev").set("theirs", "t", Fixture.info("theirs"));
      TransactionCases.Interfering backend = new TransactionCases.Interfering(f, "main", 1);
      Repository racing = Repository.open(backend, f.options());
      MergeResult r = racing.branch("main").merge(theirs, Fixture.info("merge"));
      Check.equal(1, backend.interferences, "one lost race");
      Check.equal(MergeResult.Status.MERGED, r.status(), "status: " + r.conflicts());
      CommitView merge = f.repo().commit(r.head());
      Check.equal(2, merge.parents().size(), "a merge commit");
      Check.equal(List.of(base), f.repo().commit(merge.parents().get(0)).parents(),
          "first parent is the other writer's commit on base");
      Check.equal(theirs, merge.parents().get(1), "second parent is theirs");
      Check.equal("0", merge.getText("other/0"), "the other writer's key kept");
      Check.equal("t", merge.getText("theirs"), "their key");
    }));

    cases.add(new ConformanceCase("merge", "criss_cross_never_undoes_a_deletion_silently", f -> {
      // Two merges that resolve k the same way (last writer wins), crossing: then one side
      // deletes k. The common ancestors disagree on k, so the deletion must conflict with the
      // other side's value, never be undone by it.
      Repository lww = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("k", MergeFunctions.lastWriterWins())));
      ObjectId root = lww.branch("b1").set("k", "0", Fixture.info("root"));
      lww.createBranch("b2", root);
      ObjectId x = lww.branch("b1").set("k", "x", Fixture.info("X"));
      ObjectId y = lww.branch("b2").set("k", "y", Fixture.info("Y"));
      Check.equal(MergeResult.Status.MERGED, lww.branch("b1").merge(y, Fixture.info("M1")).status(), "M1");
      Check.equal(MergeResult.Status.MERGED, lww.branch("b2").merge(x, Fixture.info("M2")).status(), "M2");
      Check.equal(2, f.repo().lowestCommonAncestors(f.repo().head("b1"), f.repo().head("b2")).size(),
          "criss-cross: two lowest common ancestors");
      ObjectId deleted = f.repo().branch("b1").remove("k", Fixture.info("delete k"));
      MergeResult result = f.repo().branch("b1").mergeBranch("b2", Fixture.info("merge"));
      Check.equal(MergeResult.Status.CONFLICT, result.status(), "deletion against a value conflicts");
      Check.equal("k", result.conflicts().get(0).path().toString(), "conflict at k");
      Check.equal(deleted, f.repo().head("b1"), "nothing written");
      Check.isFalse(f.repo().branch("b1").exists("k"), "k stays deleted");
    }));

    cases.add(new ConformanceCase("merge", "counter_adds_equal_increments_of_both_sides", f -> {
      Repository counters = f.open(f.options().withMergePolicy(
          MergePolicy.defaults().with("stats", MergeFunctions.counter())));
      ObjectId base = counters.branch("main").set("stats/visits", "5", Fixture.info("5"));
      counters.createBranch("other", base);
      counters.branch("main").set("stats/visits", "6", Fixture.info("+1 here"));
      counters.branch("other").set("stats/visits", "6", Fixture.info("+1 there"));
      MergeResult result = counters.branch("main").mergeBranch("other", Fixture.info("merge"));
      Check.equal(MergeResult.Status.MERGED, result.status(), "merged");
      Check.equal("7", counters.branch("main").getText("stats/visits"), "both increments kept");
    }));

    return cases;
  }
}
