package dev.grove.conformance;

import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Draft;
import dev.grove.store.Strategy;
import dev.grove.tree.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Conformance cases: diff between commits. Added, removed and changed values in path order,
 * with their bytes before and after; prefixes; values replaced by subtrees and back.
 */
final class DiffCases {
  private DiffCases() {}

  private static final String CATEGORY = "diff";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    cases.add(new ConformanceCase(CATEGORY, "added_removed_changed_in_path_order", f -> {
      ObjectId c1 = commit(f, d -> {
        d.set("a", "1");
        d.set("b/x", "1");
        d.set("b/z", "1");
        d.set("c", "1");
        d.set("e/deep/v", "1");
      });
      ObjectId c2 = commit(f, d -> {
        d.set("a", "2");
        d.set("b/y", "new");
        d.remove("b/z");
        d.remove("c");
        d.set("d", "new");
        d.set("e/deep/v", "2");
      });
      List<Change> changes = f.repo().diff(c1, c2);
      Check.equal(List.of("changed a", "added b/y", "removed b/z", "removed c", "added d",
          "changed e/deep/v"), describe(changes), "changes");
      Check.equal(Path.parse("e/deep/v"), changes.get(5).path(), "full path of a deep change");
    }));

    cases.add(new ConformanceCase(CATEGORY, "before_and_after_bytes", f -> {
      ObjectId c1 = commit(f, d -> {
        d.set("changed", "old");
        d.set("removed", "gone");
      });
      ObjectId c2 = commit(f, d -> {
        d.set("added", "fresh");
        d.set("changed", "new");
        d.remove("removed");
      });
      List<Change> changes = f.repo().diff(c1, c2);
      Check.equal(List.of("added added", "changed changed", "removed removed"),
          describe(changes), "changes");
      Change added = changes.get(0);
      Check.isTrue(added.before() == null, "added has no before");
      Check.bytesEqual(Fixture.utf8("fresh"), added.after().bytes(), "added after");
      Change changed = changes.get(1);
      Check.bytesEqual(Fixture.utf8("old"), changed.before().bytes(), "changed before");
      Check.bytesEqual(Fixture.utf8("new"), changed.after().bytes(), "changed after");
      Change removed = changes.get(2);
      Check.bytesEqual(Fixture.utf8("gone"), removed.before().bytes(), "removed before");
      Check.isTrue(removed.after() == null, "removed has no after");
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_of_identical_trees_is_empty", f -> {
      ObjectId c1 = commit(f, d -> d.set("a", "1").set("b/c", "2"));
      Check.isTrue(f.repo().diff(c1, c1).isEmpty(), "diff of a commit with itself");
      commit(f, d -> d.set("a", "changed"));
      ObjectId c3 = commit(f, d -> d.set("a", "1"));
      Check.notEqual(c1, c3, "two commits");
      Check.isTrue(f.repo().diff(c1, c3).isEmpty(), "diff of commits with the same tree");
      Check.isTrue(f.repo().diff(ObjectId.NONE, ObjectId.NONE).isEmpty(), "diff of NONE, NONE");
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_from_none_adds_everything", f -> {
      ObjectId c = commit(f, d -> {
        d.set("z", "last");
        d.set("a/b", "1");
        d.set("a/c/d", "2");
        d.set("empty", new byte[0]);
      });
      List<Change> added = f.repo().diff(ObjectId.NONE, c);
      Check.equal(List.of("added a/b", "added a/c/d", "added empty", "added z"),
          describe(added), "everything added");
      Check.equal(0, added.get(2).after().bytes().length, "an empty value is a value");
      List<Change> removed = f.repo().diff(c, ObjectId.NONE);
      Check.equal(List.of("removed a/b", "removed a/c/d", "removed empty", "removed z"),
          describe(removed), "everything removed");
      Check.bytesEqual(Fixture.utf8("last"), removed.get(3).before().bytes(), "removed bytes");
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_is_reversible", f -> {
      ObjectId c1 = commit(f, d -> d.set("a", "1").set("b", "1"));
      ObjectId c2 = commit(f, d -> d.set("a", "2").remove("b").set("c", "3"));
      Check.equal(List.of("changed a", "removed b", "added c"),
          describe(f.repo().diff(c1, c2)), "forward");
      List<Change> back = f.repo().diff(c2, c1);
      Check.equal(List.of("changed a", "added b", "removed c"), describe(back), "backward");
      Check.bytesEqual(Fixture.utf8("2"), back.get(0).before().bytes(), "backward before");
      Check.bytesEqual(Fixture.utf8("1"), back.get(0).after().bytes(), "backward after");
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_with_prefix", f -> {
      ObjectId c1 = commit(f, d -> {
        d.set("a", "1");
        d.set("dir/x", "1");
        d.set("dir/sub/y", "1");
        d.set("dir2/x", "1");
        d.set("quiet/q", "1");
      });
      ObjectId c2 = commit(f, d -> {
        d.set("a", "2");
        d.set("dir/x", "2");
        d.set("dir/sub/z", "new");
        d.set("dir2/x", "2");
        d.remove("quiet");
      });
      Check.equal(List.of("added dir/sub/z", "changed dir/x"),
          describe(f.repo().diff(c1, c2, Path.parse("dir"))), "under dir only");
      Check.equal(List.of("added dir/sub/z"),
          describe(f.repo().diff(c1, c2, Path.parse("dir/sub"))), "under dir/sub");
      Check.equal(List.of("changed a"), describe(f.repo().diff(c1, c2, Path.parse("a"))),
          "a single value as prefix");
      Check.equal(List.of("removed quiet/q"),
          describe(f.repo().diff(c1, c2, Path.parse("quiet"))), "a removed subtree");
      Check.isTrue(f.repo().diff(c1, c2, Path.parse("nothing/here")).isEmpty(),
          "a prefix with nothing under it");
      Check.equal(describe(f.repo().diff(c1, c2)),
          describe(f.repo().diff(c1, c2, Path.ROOT)), "root prefix is the whole diff");
    }));

    cases.add(new ConformanceCase(CATEGORY, "value_replaced_by_subtree", f -> {
      ObjectId c1 = commit(f, d -> d.set("a", "value").set("b", "1"));
      ObjectId c2 = commit(f, d -> d.remove("a").set("a/x", "1").set("a/y", "2"));
      List<Change> changes = f.repo().diff(c1, c2);
      Check.equal(List.of("removed a", "added a/x", "added a/y"), describe(changes), "changes");
      Check.bytesEqual(Fixture.utf8("value"), changes.get(0).before().bytes(), "removed value");
      Check.bytesEqual(Fixture.utf8("2"), changes.get(2).after().bytes(), "added value");
      Check.equal(List.of("removed a", "added a/x", "added a/y"),
          describe(f.repo().diff(c1, c2, Path.parse("a"))), "with prefix a");
    }));

    cases.add(new ConformanceCase(CATEGORY, "subtree_replaced_by_value_in_path_order", f -> {
      ObjectId c1 = commit(f, d -> d.set("a/x", "1").set("a/y", "2").set("b", "1"));
      ObjectId c2 = commit(f, d -> d.remove("a").set("a", "value"));
      List<Change> changes = f.repo().diff(c1, c2);
      Check.equal(3, changes.size(), "three changes");
      // Paths in order: a before a/x before a/y.
      Check.equal(List.of("added a", "removed a/x", "removed a/y"), describe(changes),
          "changes in path order");
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_between_unrelated_commits", f -> {
      ObjectId m = f.main().set("shared", "main", Fixture.info("main root"));
      f.main().set("only-main", "1", Fixture.info("main 2"));
      ObjectId o = f.repo().branch("other").set("shared", "other", Fixture.info("other root"));
      List<Change> changes = f.repo().diff(f.repo().head("main"), o);
      Check.equal(List.of("removed only-main", "changed shared"), describe(changes), "changes");
      Check.equal(List.of("changed shared"), describe(f.repo().diff(m, o)), "roots");
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_of_unknown_commit_is_missing_object", f -> {
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      ObjectId unknown = ObjectId.fromHex("2222222222222222222222222222222222222222");
      Check.raises("missing_object", () -> f.repo().diff(c, unknown));
      Check.raises("missing_object", () -> f.repo().diff(unknown, c));
    }));

    cases.add(new ConformanceCase(CATEGORY, "diff_sees_only_the_values_that_differ", f -> {
      ObjectId c1 = commit(f, d -> {
        for (int i = 0; i < 50; i++) {
          d.set("bulk/" + (i < 10 ? "0" : "") + i, "v" + i);
        }
      });
      ObjectId c2 = commit(f, d -> d.set("bulk/17", "changed").set("bulk/42", "changed"));
      Check.equal(List.of("changed bulk/17", "changed bulk/42"),
          describe(f.repo().diff(c1, c2)), "two changed among fifty");
    }));

    return cases;
  }

  /** One commit on main holding the edits. */
  private static ObjectId commit(Fixture f, Consumer<Draft> edits) {
    return f.main().transact(Strategy.SET, Fixture.info("edit"), d -> {
      edits.accept(d);
      return null;
    }).head();
  }

  private static List<String> describe(List<Change> changes) {
    List<String> out = new ArrayList<>();
    for (Change change : changes) {
      out.add(change.kind().name().toLowerCase() + " " + change.path());
    }
    return out;
  }
}
