package dev.grove.conformance;

import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitInfo;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conformance cases: commits. Parents, author and committer, messages, times from the clock,
 * ids that are the hash of the Git encoding, and commit views as immutable snapshots.
 */
final class CommitCases {
  private CommitCases() {}

  private static final String CATEGORY = "commit";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    cases.add(new ConformanceCase(CATEGORY, "first_commit_has_no_parents", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("first"));
      Check.isFalse(c1.isNone(), "the first write returns a commit id");
      CommitView view = f.repo().commit(c1);
      Check.equal(List.of(), view.parents(), "parents of the first commit");
      Check.equal(c1, view.id(), "view id");
      Check.equal("1", view.getText("a"), "value in the first commit");
      Check.equal(Optional.of(c1), f.main().head(), "branch head after the first commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "next_commit_has_previous_as_only_parent", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("first"));
      ObjectId c2 = f.main().set("b", "2", Fixture.info("second"));
      ObjectId c3 = f.main().remove("a", Fixture.info("third"));
      Check.notEqual(c1, c2, "second commit id");
      Check.notEqual(c2, c3, "third commit id");
      Check.equal(List.of(c1), f.repo().commit(c2).parents(), "parents of the second commit");
      Check.equal(List.of(c2), f.repo().commit(c3).parents(), "parents of the third commit");
      Check.equal(Optional.of(c3), f.main().head(), "head is the last commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "author_and_committer_from_commit_info", f -> {
      ObjectId c = f.main().set("a", "1",
          CommitInfo.by("Ada Lovelace", "ada@example.org", "by Ada"));
      CommitView view = f.repo().commit(c);
      Check.equal("Ada Lovelace", view.author().name(), "author name");
      Check.equal("ada@example.org", view.author().email(), "author email");
      Check.equal("Ada Lovelace", view.committer().name(), "committer name");
      Check.equal("ada@example.org", view.committer().email(), "committer email");
      Check.equal("by Ada", view.message(), "message");
    }));

    cases.add(new ConformanceCase(CATEGORY, "default_author_from_repository_options", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("default author"));
      CommitView v1 = f.repo().commit(c1);
      Check.equal("Conformance", v1.author().name(), "default author name");
      Check.equal("conformance@grove.dev", v1.author().email(), "default author email");
      Check.equal("Conformance", v1.committer().name(), "default committer name");
      Check.equal("conformance@grove.dev", v1.committer().email(), "default committer email");
      Repository other = f.open(f.options().withDefaultAuthor("Other Person", "other@example.org"));
      ObjectId c2 = other.branch("main").set("b", "2", Fixture.info("other default"));
      Check.equal("Other Person", f.repo().commit(c2).author().name(), "other default author");
      Check.equal("other@example.org", f.repo().commit(c2).committer().email(),
          "other default committer email");
    }));

    cases.add(new ConformanceCase(CATEGORY, "message_kept_exactly_multiline_non_ascii", f -> {
      String message = "Résumé: naïve café ☕ 日本語 🌳\n\nBody line one\n  indented line\n"
          + "trailing spaces   \n\n\nlast line without newline";
      ObjectId c = f.main().set("a", "1", Fixture.info(message));
      Check.equal(message, f.repo().commit(c).message(), "message from the commit view");
      RawObject raw = f.backend().objects().read(c).orElseThrow();
      Check.equal(message, ObjectCodec.decodeCommit(raw).message(), "message from the stored object");
      Check.equal(message, f.main().log(1).get(0).message(), "message from the log");
    }));

    cases.add(new ConformanceCase(CATEGORY, "message_with_trailing_newline_and_empty_message", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("ends with a newline\n"));
      Check.equal("ends with a newline\n", f.repo().commit(c1).message(), "trailing newline kept");
      ObjectId c2 = f.main().set("a", "2", Fixture.info(""));
      Check.equal("", f.repo().commit(c2).message(), "empty message kept");
      Check.equal(List.of(c1), f.repo().commit(c2).parents(), "parent of the empty-message commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "commit_times_come_from_the_ticking_clock", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      ObjectId c3 = f.main().set("a", "3", Fixture.info("three"));
      CommitView v1 = f.repo().commit(c1);
      CommitView v3 = f.repo().commit(c3);
      Check.equal(Fixture.START_SECONDS, v1.committer().epochSeconds(), "first commit time");
      Check.equal(Fixture.START_SECONDS, v1.author().epochSeconds(), "first author time");
      Check.equal(60, v1.committer().offsetMinutes(), "time zone offset");
      Check.equal("+0100", v1.committer().zone(), "time zone as written");
      Check.equal(Fixture.START_SECONDS + 1, f.repo().commit(c2).committer().epochSeconds(),
          "second commit time");
      Check.equal(Fixture.START_SECONDS + 2, v3.committer().epochSeconds(), "third commit time");
      Check.equal(v3.committer().epochSeconds(), v3.author().epochSeconds(),
          "author and committer times agree");
    }));

    cases.add(new ConformanceCase(CATEGORY, "commit_id_is_hash_of_its_git_encoding", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      ObjectId c = f.main().set("d/e", "2", CommitInfo.by("Ann", "ann@example.org", "two\n"));
      CommitView view = f.repo().commit(c);
      RawObject encoded = ObjectCodec.encodeCommit(view.commit());
      Check.equal(c, encoded.id(), "id of the re-encoded commit");
      Optional<RawObject> stored = f.backend().objects().read(c);
      Check.isTrue(stored.isPresent(), "the commit object is stored");
      Check.equal(ObjectType.COMMIT, stored.get().type(), "stored object type");
      Check.bytesEqual(encoded.payload(), stored.get().payload(), "stored commit bytes");
      CommitObject decoded = ObjectCodec.decodeCommit(stored.get());
      Check.equal(view.commit(), decoded, "decoded stored commit");
      Check.equal(view.commit().tree(), decoded.tree(), "tree field");
      Check.equal(view.parents(), decoded.parents(), "parents field");
      Check.equal(view.author(), decoded.author(), "author field");
      Check.equal(view.committer(), decoded.committer(), "committer field");
      Check.equal(List.of(), decoded.extraHeaders(), "no extra headers");
      Check.equal("two\n", decoded.message(), "message field");
      Check.isTrue(f.backend().objects().contains(decoded.tree()), "the commit's tree is stored");
    }));

    cases.add(new ConformanceCase(CATEGORY, "commit_ids_match_git_byte_for_byte", f -> {
      // Computed with `git commit-tree` (tree of a=1, then a=1,b=2), same author, time, zone.
      ObjectId c1 = f.main().set("a", "1", Fixture.info("first"));
      Check.equal(ObjectId.fromHex("dec00055d1aeef644597adecb6680d94b5ed075f"),
          f.repo().commit(c1).commit().tree(), "first tree id");
      Check.equal(ObjectId.fromHex("5f6266987fae0b09d9a4e26be4612e43aac27360"), c1,
          "first commit id");
      ObjectId c2 = f.main().set("b", "2", Fixture.info("second\n"));
      Check.equal(ObjectId.fromHex("922c97754b0be04f70867652da11e384c16c6832"),
          f.repo().commit(c2).commit().tree(), "second tree id");
      Check.equal(ObjectId.fromHex("9fb3bc234d3375db01ce22bf4c0cf613ccf3c53c"), c2,
          "second commit id");
    }));

    cases.add(new ConformanceCase(CATEGORY, "same_writes_with_same_clock_give_same_ids", f -> {
      // Two repositories, each with a fresh clock, write the same sequence on two branches:
      // the branch name is not part of a commit, so the ids are equal.
      Repository second = f.open(f.options());
      List<ObjectId> left = writeSequence(f.main());
      List<ObjectId> right = writeSequence(second.branch("copy"));
      Check.equal(left, right, "commit ids of the same writes at the same times");
      Repository third = f.open(f.options().withDefaultAuthor("Someone", "else@example.org"));
      List<ObjectId> other = writeSequence(third.branch("other"));
      Check.notEqual(left.get(0), other.get(0), "another author gives another commit id");
      Check.equal(f.repo().commit(left.get(0)).commit().tree(),
          f.repo().commit(other.get(0)).commit().tree(), "same tree whoever the author");
    }));

    cases.add(new ConformanceCase(CATEGORY, "commit_tree_is_the_tree_of_its_contents", f -> {
      f.main().set("a", "1", Fixture.info("one"));
      f.main().set("dir/x", "2", Fixture.info("two"));
      ObjectId c = f.main().set("dir/sub/y", "3", Fixture.info("three"));
      Tree expected = Tree.empty()
          .with(Path.parse("a"), Fixture.utf8("1"))
          .with(Path.parse("dir/x"), Fixture.utf8("2"))
          .with(Path.parse("dir/sub/y"), Fixture.utf8("3"));
      CommitView view = f.repo().commit(c);
      Check.equal(expected.id(), view.commit().tree(), "tree id of the commit");
      Check.equal(expected.id(), view.tree().id(), "id of the view's tree");
      Check.equal(expected.id(), f.repo().treeOf(c).id(), "treeOf the commit");
    }));

    cases.add(new ConformanceCase(CATEGORY, "commit_view_reads_its_commit_not_the_later_branch", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      CommitView early = f.repo().commit(c1);
      f.main().set("a", "2", Fixture.info("two"));
      f.main().set("b", "3", Fixture.info("three"));
      f.main().remove("a", Fixture.info("four"));
      Check.equal("1", early.getText("a"), "view taken before the later writes");
      Check.isFalse(early.exists("b"), "later key not in the early view");
      CommitView reopened = f.repo().commit(c1);
      Check.equal("1", reopened.getText("a"), "view opened after the later writes");
      Check.isFalse(reopened.exists("b"), "later key not in the reopened view");
      Check.isFalse(f.main().exists("a"), "the branch has the later state");
      Check.equal("3", f.main().getText("b"), "the branch has the later key");
      Check.raises("not_found", () -> reopened.get("b"));
    }));

    cases.add(new ConformanceCase(CATEGORY, "head_commit_is_the_view_of_the_head", f -> {
      Check.isFalse(f.main().headCommit().isPresent(), "no head commit on an absent branch");
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      CommitView head = f.main().headCommit().orElseThrow();
      Check.equal(c, head.id(), "head commit id");
      Check.equal(f.repo().commit(c), head, "head commit view equals the commit view");
      Check.equal("one", head.message(), "head commit message");
    }));

    cases.add(new ConformanceCase(CATEGORY, "write_that_changes_nothing_makes_no_commit", f -> {
      ObjectId c1 = f.main().set("a", "1", Fixture.info("one"));
      ObjectId same = f.main().set("a", "1", Fixture.info("same value"));
      Check.equal(c1, same, "setting the same value keeps the head");
      ObjectId removed = f.main().remove("missing", Fixture.info("remove nothing"));
      Check.equal(c1, removed, "removing an absent key keeps the head");
      Check.equal(1, f.main().log(10).size(), "still a single commit");
      ObjectId c2 = f.main().set("a", "2", Fixture.info("two"));
      Check.equal(Fixture.START_SECONDS + 1, f.repo().commit(c2).committer().epochSeconds(),
          "no-op writes consumed no commit time");
    }));

    cases.add(new ConformanceCase(CATEGORY, "unknown_commit_is_missing_object", f -> {
      ObjectId c = f.main().set("a", "1", Fixture.info("one"));
      ObjectId unknown = ObjectId.fromHex("0123456789abcdef0123456789abcdef01234567");
      Check.raises("missing_object", () -> f.repo().commit(unknown));
      Check.raises("missing_object", () -> f.repo().commit(ObjectId.NONE));
      Check.isFalse(f.repo().findCommit(unknown).isPresent(), "findCommit of an unknown id");
      Check.equal(c, f.repo().findCommit(c).map(CommitView::id).orElse(null),
          "findCommit of a stored commit");
      ObjectId tree = f.repo().commit(c).commit().tree();
      Check.isFalse(f.repo().findCommit(tree).isPresent(), "findCommit of a tree id");
    }));

    cases.add(new ConformanceCase(CATEGORY, "first_write_creates_the_branch", f -> {
      Check.isFalse(f.main().exists(), "main absent before the first write");
      Check.equal(ObjectId.NONE, f.repo().head("main"), "head of an absent branch");
      ObjectId c = f.main().set("k", "v", Fixture.info("create"));
      Check.isTrue(f.main().exists(), "main exists after the first write");
      Check.equal(c, f.repo().head("main"), "repository head of main");
      Check.equal(c, f.repo().branches().get("main"), "main listed with its head");
    }));

    cases.add(new ConformanceCase(CATEGORY, "set_tree_commit_holds_the_subtree", f -> {
      f.main().set("keep", "k", Fixture.info("one"));
      Tree sub = Tree.empty().with(Path.parse("x"), Fixture.utf8("1"))
          .with(Path.parse("y/z"), Fixture.utf8("2"));
      ObjectId c = f.main().setTree(Path.parse("dir"), sub, Fixture.info("subtree"));
      CommitView view = f.repo().commit(c);
      Check.equal(sub.id(), view.subtree("dir").orElseThrow().id(), "stored subtree id");
      Check.equal("2", view.getText("dir/y/z"), "value inside the subtree");
      Check.equal("k", view.getText("keep"), "untouched key kept");
      Check.equal(1, view.parents().size(), "one parent");
    }));

    cases.add(new ConformanceCase("commit", "negative_zero_time_zone_keeps_the_commit_id", f -> {
      // Stock Git can write "-0000"; decoding and encoding again must give the same id.
      String text = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
          + "author A <a@example.com> 1700000000 -0000\n"
          + "committer C <c@example.com> 1700000000 +0000\n\nzone\n";
      RawObject raw = RawObject.of(ObjectType.COMMIT, Fixture.utf8(text));
      CommitObject decoded = ObjectCodec.decodeCommit(raw);
      Check.equal("-0000", decoded.author().zone(), "author zone kept");
      Check.equal("+0000", decoded.committer().zone(), "committer zone kept");
      Check.equal(raw.id(), ObjectCodec.encodeCommit(decoded).id(), "same id after a round trip");
    }));

    return cases;
  }

  private static List<ObjectId> writeSequence(Branch branch) {
    List<ObjectId> ids = new ArrayList<>();
    ids.add(branch.set("a", "1", Fixture.info("one")));
    ids.add(branch.set("b/c", "2", Fixture.info("two")));
    ids.add(branch.remove("a", Fixture.info("three")));
    return ids;
  }
}
