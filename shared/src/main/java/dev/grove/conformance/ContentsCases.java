package dev.grove.conformance;

import dev.grove.store.Strategy;
import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitView;
import dev.grove.store.EntryKind;
import dev.grove.store.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and writing values through a branch: set, get, find, remove, exists. */
final class ContentsCases {
  private ContentsCases() {}

  private static final String CATEGORY = "contents";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    add(cases, "set_then_get_bytes", f -> {
      Branch main = f.main();
      ObjectId head = main.set("k", new byte[] {1, 2, 3}, Fixture.info("set k"));
      Check.bytesEqual(new byte[] {1, 2, 3}, main.get("k"), "get");
      Check.bytesEqual(new byte[] {1, 2, 3}, main.find("k").orElse(null), "find");
      Check.equal(Optional.of(head), main.head(), "set returns the new head");
      Check.isTrue(main.exists(), "branch created by its first commit");
    });

    add(cases, "set_then_get_text", f -> {
      Branch main = f.main();
      main.set("greeting", "hello, world", Fixture.info("greet"));
      Check.equal("hello, world", main.getText("greeting"), "getText");
      Check.equal(Optional.of("hello, world"), main.findText("greeting"), "findText");
      Check.bytesEqual(Fixture.utf8("hello, world"), main.get("greeting"), "bytes are UTF-8");
    });

    add(cases, "set_with_path_object", f -> {
      Branch main = f.main();
      main.set(Path.of("a", "b"), Fixture.utf8("v"), Fixture.info("set"));
      Check.equal("v", main.getText("a/b"), "read by text path");
      Check.equal("v", Fixture.text(main.get(Path.parse("a/b"))), "read by parsed path");
    });

    add(cases, "overwrite_replaces_value", f -> {
      Branch main = f.main();
      ObjectId first = main.set("k", "one", Fixture.info("one"));
      ObjectId second = main.set("k", "two", Fixture.info("two"));
      Check.notEqual(first, second, "a new commit");
      Check.equal("two", main.getText("k"), "new value");
      Check.equal(2, main.log(10).size(), "two commits");
      Check.equal(List.of(first), f.repo().commit(second).parents(), "parent of the overwrite");
      Check.equal("one", f.repo().commit(first).getText("k"), "old commit keeps old value");
    });

    add(cases, "overwrite_with_shorter_value", f -> {
      Branch main = f.main();
      main.set("k", "a long value with many bytes", Fixture.info("long"));
      main.set("k", "s", Fixture.info("short"));
      Check.equal("s", main.getText("k"), "no leftover bytes");
    });

    add(cases, "remove_deletes_value", f -> {
      Branch main = f.main();
      main.set("k", "v", Fixture.info("set"));
      main.set("other", "w", Fixture.info("other"));
      ObjectId before = main.head().get();
      ObjectId after = main.remove("k", Fixture.info("remove"));
      Check.notEqual(before, after, "remove makes a commit");
      Check.equal(Optional.empty(), main.find("k"), "find after remove");
      Check.isFalse(main.exists("k"), "exists after remove");
      Check.equal("w", main.getText("other"), "other keys stay");
      Check.equal("v", f.repo().commit(before).getText("k"), "history keeps it");
    });

    add(cases, "remove_then_set_again", f -> {
      Branch main = f.main();
      main.set("k", "v1", Fixture.info("set"));
      main.remove("k", Fixture.info("remove"));
      main.set("k", "v2", Fixture.info("set again"));
      Check.equal("v2", main.getText("k"), "value");
      Check.equal(3, main.log(10).size(), "three commits");
    });

    add(cases, "find_absent_is_empty", f -> {
      Branch main = f.main();
      main.set("present", "v", Fixture.info("set"));
      Check.equal(Optional.empty(), main.find("absent"), "find");
      Check.equal(Optional.empty(), main.findText("absent"), "findText");
      Check.equal(Optional.empty(), main.find("present/below"), "below a value");
      Check.equal(Optional.empty(), main.find("a/b/c"), "deep absent");
    });

    add(cases, "get_absent_raises_not_found", f -> {
      Branch main = f.main();
      main.set("present", "v", Fixture.info("set"));
      Check.raises("not_found", () -> main.get("absent"));
      Check.raises("not_found", () -> main.getText("absent"));
      Check.raises("not_found", () -> main.get(Path.of("x", "y")));
      Check.raises("not_found", () -> main.get("present/below"));
    });

    add(cases, "find_on_a_subtree_is_empty", f -> {
      Branch main = f.main();
      main.set("dir/k", "v", Fixture.info("set"));
      Check.equal(Optional.empty(), main.find("dir"), "a subtree is not a value");
      Check.raises("not_found", () -> main.get("dir"));
      Check.isTrue(main.exists("dir"), "but it exists");
    });

    add(cases, "empty_value_round_trips", f -> {
      Branch main = f.main();
      main.set("empty", new byte[0], Fixture.info("empty"));
      Optional<byte[]> found = main.find("empty");
      Check.isTrue(found.isPresent(), "an empty value is a value");
      Check.equal(0, found.get().length, "zero bytes");
      Check.equal("", main.getText("empty"), "as text");
      Check.isTrue(main.exists("empty"), "exists");
      Check.equal(EntryKind.VALUE, main.list("").get("empty"), "listed as a value");
    });

    add(cases, "empty_value_differs_from_absent", f -> {
      Branch main = f.main();
      main.set("k", "x", Fixture.info("x"));
      ObjectId head = main.set("k", new byte[0], Fixture.info("emptied"));
      Check.equal(Optional.of(head), main.head(), "emptying is a commit");
      Check.equal(0, main.get("k").length, "zero bytes");
      Check.equal(2, main.log(10).size(), "two commits");
    });

    add(cases, "binary_value_with_every_byte", f -> {
      byte[] all = new byte[512];
      for (int i = 0; i < 256; i++) {
        all[i] = (byte) i;
        all[511 - i] = (byte) i;
      }
      Branch main = f.main();
      main.set("bin", all.clone(), Fixture.info("binary"));
      Check.bytesEqual(all, main.get("bin"), "all 256 byte values, both ways");
      Repository other = f.open(f.options());
      Check.bytesEqual(all, other.branch("main").get("bin"), "read by another repository");
    });

    add(cases, "binary_value_not_valid_utf8", f -> {
      byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0, (byte) 0x80, (byte) 0xed,
          (byte) 0xa0, (byte) 0x80};
      Branch main = f.main();
      main.set("bad", bad.clone(), Fixture.info("bad utf-8"));
      Check.bytesEqual(bad, main.get("bad"), "bytes kept as they are");
    });

    add(cases, "exists_for_values_subtrees_and_absent", f -> {
      Branch main = f.main();
      main.set("a/b/c", "v", Fixture.info("set"));
      Check.isTrue(main.exists("a/b/c"), "value");
      Check.isTrue(main.exists("a/b"), "subtree");
      Check.isTrue(main.exists("a"), "top subtree");
      Check.isFalse(main.exists("a/b/c/d"), "below a value");
      Check.isFalse(main.exists("a/x"), "absent sibling");
      Check.isFalse(main.exists("b"), "absent");
    });

    add(cases, "set_same_value_makes_no_commit", f -> {
      Branch main = f.main();
      ObjectId head = main.set("k", "v", Fixture.info("set"));
      ObjectId again = main.set("k", "v", Fixture.info("set again"));
      Check.equal(head, again, "returned head");
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.equal(1, main.log(10).size(), "one commit");
    });

    add(cases, "remove_absent_key_makes_no_commit", f -> {
      Branch main = f.main();
      ObjectId head = main.set("k", "v", Fixture.info("set"));
      ObjectId after = main.remove("nope", Fixture.info("remove nothing"));
      Check.equal(head, after, "returned head");
      ObjectId nested = main.remove("no/such/dir", Fixture.info("remove nothing, nested"));
      Check.equal(head, nested, "nested absent");
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.equal(1, main.log(10).size(), "one commit");
      Check.equal("v", main.getText("k"), "value kept");
    });

    add(cases, "remove_below_a_value_keeps_the_value", f -> {
      // "k/below" does not exist (k is a value): removing it removes nothing.
      Branch main = f.main();
      ObjectId head = main.set("k", "v", Fixture.info("set"));
      ObjectId after = main.remove("k/below", Fixture.info("remove below a value"));
      Check.equal("v", main.findText("k").orElse("<absent>"), "value at k kept");
      Check.equal(head, after, "no commit");
      Check.equal(Optional.of(head), main.head(), "head unchanged");
    });

    add(cases, "remove_on_absent_branch_creates_nothing", f -> {
      Branch ghost = f.repo().branch("ghost");
      ObjectId head = ghost.remove("k", Fixture.info("remove"));
      Check.equal(ObjectId.NONE, head, "no head");
      Check.isFalse(ghost.exists(), "branch not created");
      Check.isTrue(f.repo().branches().isEmpty(), "no branches");
    });

    add(cases, "absent_branch_reads_empty_tree", f -> {
      f.main().set("k", "v", Fixture.info("other branch has data"));
      Branch ghost = f.repo().branch("ghost");
      Check.isFalse(ghost.exists(), "exists");
      Check.equal(Optional.empty(), ghost.head(), "head");
      Check.equal(Optional.empty(), ghost.headCommit(), "headCommit");
      Check.isTrue(ghost.tree().isEmpty(), "tree is empty");
      Check.equal(Optional.empty(), ghost.find("k"), "find");
      Check.raises("not_found", () -> ghost.get("k"));
      Check.isFalse(ghost.exists("k"), "exists(k)");
      Check.isTrue(ghost.list("").isEmpty(), "list root");
      Check.isTrue(ghost.log(10).isEmpty(), "log");
      Check.equal(ObjectId.NONE, f.repo().head("ghost"), "repo.head");
    });

    add(cases, "keys_are_independent", f -> {
      Branch main = f.main();
      for (int i = 0; i < 10; i++) {
        main.set("k" + i, "v" + i, Fixture.info("set " + i));
      }
      main.set("k3", "changed", Fixture.info("change k3"));
      main.remove("k7", Fixture.info("remove k7"));
      for (int i = 0; i < 10; i++) {
        Optional<String> expected = i == 3 ? Optional.of("changed")
            : i == 7 ? Optional.empty() : Optional.of("v" + i);
        Check.equal(expected, main.findText("k" + i), "k" + i);
      }
    });

    add(cases, "similar_keys_are_distinct", f -> {
      Branch main = f.main();
      main.set("a", "1", Fixture.info("a"));
      main.set("A", "2", Fixture.info("A"));
      main.set("a.txt", "3", Fixture.info("a.txt"));
      main.set("a b", "4", Fixture.info("a b"));
      main.set("a-b", "5", Fixture.info("a-b"));
      Check.equal("1", main.getText("a"), "a");
      Check.equal("2", main.getText("A"), "A");
      Check.equal("3", main.getText("a.txt"), "a.txt");
      Check.equal("4", main.getText("a b"), "a b");
      Check.equal("5", main.getText("a-b"), "a-b");
    });

    add(cases, "head_commit_view_reads_values", f -> {
      Branch main = f.main();
      main.set("k", "v", Fixture.info("set"));
      CommitView view = main.headCommit().orElse(null);
      Check.isTrue(view != null, "head commit");
      Check.equal("v", view.getText("k"), "through the commit view");
      Check.equal(main.head().get(), view.id(), "view id is the head");
    });

    add(cases, "another_repository_sees_writes", f -> {
      f.main().set("shared/k", "v", Fixture.info("set"));
      Repository other = f.open(f.options());
      Check.equal("v", other.branch("main").getText("shared/k"), "read by another repository");
      other.branch("main").set("shared/k", "w", Fixture.info("other writes"));
      Check.equal("w", f.main().getText("shared/k"), "and the other way round");
      Check.equal(2, f.main().log(10).size(), "two commits");
    });

    cases.add(new ConformanceCase("contents", "caller_arrays_are_copied_on_set_and_get", f -> {
      byte[] value = Fixture.utf8("Hello");
      f.main().set("k", value, Fixture.info("set"));
      value[0] = 'J';
      Check.equal("Hello", f.main().getText("k"), "changing the array given to set changes nothing");
      byte[] read = f.main().get("k");
      read[0] = 'M';
      Check.equal("Hello", f.main().getText("k"), "changing the array get returned changes nothing");
      f.main().transact(Strategy.SET, Fixture.info("draft"), d -> {
        byte[] buffer = Fixture.utf8("draft");
        d.set("d", buffer);
        buffer[0] = 'X';
        return null;
      });
      Check.equal("draft", f.main().getText("d"), "a draft keeps the value as it was set");
      Check.isTrue(dev.grove.store.Verifier.verify(f.repo()).ok(), "the store verifies");
    }));

    return cases;
  }

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }
}
