package dev.grove.conformance;

import dev.grove.hash.ObjectId;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectCodec;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitView;
import dev.grove.store.EntryKind;
import dev.grove.store.Strategy;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** Directories: listing, nesting, subtrees, immutability, Git tree encoding and ids. */
final class TreeCases {
  private TreeCases() {}

  private static final String CATEGORY = "tree";

  /** {@code git hash-object -t tree /dev/null}. */
  private static final String EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    add(cases, "list_directory_sorted_with_kinds", f -> {
      Branch main = f.main();
      main.set("d/c", "3", Fixture.info("c"));
      main.set("d/a/x", "1", Fixture.info("a/x"));
      main.set("d/b", "2", Fixture.info("b"));
      main.set("top", "t", Fixture.info("top"));
      SortedMap<String, EntryKind> listed = main.list("d");
      Check.equal(List.of("a", "b", "c"), new ArrayList<>(listed.keySet()), "names");
      Check.equal(EntryKind.TREE, listed.get("a"), "a is a subtree");
      Check.equal(EntryKind.VALUE, listed.get("b"), "b is a value");
      Check.equal(EntryKind.VALUE, listed.get("c"), "c is a value");
      SortedMap<String, EntryKind> root = main.list("");
      Check.equal(List.of("d", "top"), new ArrayList<>(root.keySet()), "root names");
      Check.equal(EntryKind.TREE, root.get("d"), "d");
      Check.equal(EntryKind.VALUE, root.get("top"), "top");
      Check.equal(List.of("x"), new ArrayList<>(main.list("d/a").keySet()), "nested list");
    });

    add(cases, "list_of_value_or_absent_is_empty", f -> {
      Branch main = f.main();
      main.set("d/v", "1", Fixture.info("v"));
      Check.isTrue(main.list("d/v").isEmpty(), "list of a value");
      Check.isTrue(main.list("nope").isEmpty(), "list of an absent path");
      Check.isTrue(main.list("d/v/below").isEmpty(), "list below a value");
    });

    add(cases, "list_order_is_byte_order_not_insertion", f -> {
      Branch main = f.main();
      String[] names = {"b", "B", "a10", "a2", "a", "_", "0", "~"};
      main.transact(Strategy.SET, Fixture.info("many"), d -> {
        for (String name : names) {
          d.set("dir/" + name, name);
        }
        return null;
      });
      Check.equal(List.of("0", "B", "_", "a", "a10", "a2", "b", "~"),
          new ArrayList<>(main.list("dir").keySet()), "byte order");
    });

    add(cases, "nested_paths_create_intermediate_trees", f -> {
      Branch main = f.main();
      main.set("a/b/c/d", "deep", Fixture.info("deep"));
      Check.equal(Map.of("a", EntryKind.TREE), main.list(""), "root");
      Check.equal(Map.of("b", EntryKind.TREE), main.list("a"), "a");
      Check.equal(Map.of("c", EntryKind.TREE), main.list("a/b"), "a/b");
      Check.equal(Map.of("d", EntryKind.VALUE), main.list("a/b/c"), "a/b/c");
      Check.isTrue(main.subtree("a/b").isPresent(), "subtree a/b");
      Check.equal("deep", main.getText("a/b/c/d"), "value");
      // Every intermediate tree is a stored Git tree.
      ObjectId rootId = main.headCommit().get().commit().tree();
      TreeObject root = ObjectCodec.decodeTree(f.backend().objects().read(rootId).get());
      Check.equal(1, root.entries().size(), "one root entry");
      Check.equal(EntryMode.TREE, root.entries().get(0).mode(), "root entry is a subtree");
      Check.isTrue(f.backend().objects().contains(root.entries().get(0).id()), "a stored");
    });

    add(cases, "removing_last_entry_removes_subtree", f -> {
      Branch main = f.main();
      main.set("keep", "k", Fixture.info("keep"));
      main.set("dir/sub/only", "x", Fixture.info("only"));
      main.remove("dir/sub/only", Fixture.info("remove only"));
      Check.equal(List.of("keep"), new ArrayList<>(main.list("").keySet()), "root lists keep");
      Check.isFalse(main.exists("dir"), "dir gone");
      Check.isFalse(main.exists("dir/sub"), "dir/sub gone");
      Check.equal(Optional.empty(), main.subtree("dir"), "no subtree");
      Tree expected = Tree.empty().with(Path.parse("keep"), Fixture.utf8("k"));
      Check.equal(expected.id(), main.tree().id(), "tree id as if never added");
      Check.equal(expected.id(), main.headCommit().get().commit().tree(), "commit's tree");
    });

    add(cases, "removing_one_of_two_keeps_subtree", f -> {
      Branch main = f.main();
      main.set("dir/a", "1", Fixture.info("a"));
      main.set("dir/b", "2", Fixture.info("b"));
      main.remove("dir/a", Fixture.info("rm a"));
      Check.equal(Map.of("b", EntryKind.VALUE), main.list("dir"), "dir keeps b");
      Check.equal(Tree.empty().with(Path.parse("dir/b"), Fixture.utf8("2")).id(),
          main.tree().id(), "tree id");
    });

    add(cases, "remove_subtree_removes_everything_below", f -> {
      Branch main = f.main();
      main.set("d/a/x", "1", Fixture.info("1"));
      main.set("d/b", "2", Fixture.info("2"));
      main.set("e", "3", Fixture.info("3"));
      main.remove("d", Fixture.info("rm d"));
      Check.isFalse(main.exists("d"), "d gone");
      Check.equal(Optional.empty(), main.find("d/a/x"), "d/a/x gone");
      Check.equal(Optional.empty(), main.find("d/b"), "d/b gone");
      Check.equal(Map.of("e", EntryKind.VALUE), main.list(""), "root");
    });

    add(cases, "value_replaces_subtree", f -> {
      Branch main = f.main();
      main.set("a/x", "1", Fixture.info("x"));
      main.set("a/y/z", "2", Fixture.info("y/z"));
      main.set("a", "value", Fixture.info("a is a value now"));
      Check.equal("value", main.getText("a"), "a");
      Check.isFalse(main.exists("a/x"), "a/x gone");
      Check.isFalse(main.exists("a/y/z"), "a/y/z gone");
      Check.equal(EntryKind.VALUE, main.list("").get("a"), "listed as value");
      Check.equal(Tree.empty().with(Path.parse("a"), Fixture.utf8("value")).id(),
          main.tree().id(), "tree id");
    });

    add(cases, "subtree_replaces_value", f -> {
      Branch main = f.main();
      main.set("a", "value", Fixture.info("a"));
      main.set("a/b/c", "nested", Fixture.info("a/b/c"));
      Check.equal(Optional.empty(), main.find("a"), "a is no value");
      Check.equal("nested", main.getText("a/b/c"), "a/b/c");
      Check.equal(EntryKind.TREE, main.list("").get("a"), "listed as tree");
      Check.equal(Tree.empty().with(Path.parse("a/b/c"), Fixture.utf8("nested")).id(),
          main.tree().id(), "tree id");
    });

    add(cases, "subtree_of_path", f -> {
      Branch main = f.main();
      main.set("d/x", "1", Fixture.info("x"));
      main.set("d/s/y", "2", Fixture.info("y"));
      main.set("v", "3", Fixture.info("v"));
      Optional<Tree> sub = main.subtree("d");
      Check.isTrue(sub.isPresent(), "subtree d");
      Check.bytesEqual(Fixture.utf8("1"), sub.get().find(Path.parse("x")).orElse(null), "d/x");
      Check.bytesEqual(Fixture.utf8("2"), sub.get().find(Path.parse("s/y")).orElse(null),
          "d/s/y");
      Check.equal(Tree.empty().with(Path.parse("x"), Fixture.utf8("1"))
          .with(Path.parse("s/y"), Fixture.utf8("2")).id(), sub.get().id(), "subtree id");
      Check.equal(Optional.empty(), main.subtree("v"), "subtree of a value");
      Check.equal(Optional.empty(), main.subtree("nope"), "subtree of absent");
      Check.equal(main.tree().id(), main.subtree("").get().id(), "root subtree is the tree");
    });

    add(cases, "set_tree_of_built_tree", f -> {
      Branch main = f.main();
      main.set("other", "o", Fixture.info("other"));
      Tree built = Tree.empty()
          .with(Path.parse("x"), Fixture.utf8("1"))
          .with(Path.parse("y/z"), Fixture.utf8("2"));
      main.setTree(Path.parse("sub"), built, Fixture.info("set tree"));
      Check.equal("1", main.getText("sub/x"), "sub/x");
      Check.equal("2", main.getText("sub/y/z"), "sub/y/z");
      Check.equal("o", main.getText("other"), "other kept");
      Check.equal(built.id(), main.subtree("sub").get().id(), "subtree id is the built id");
      Check.isTrue(f.backend().objects().contains(built.id()), "built tree stored");
    });

    add(cases, "set_tree_at_root_replaces_everything", f -> {
      Branch main = f.main();
      main.set("old/a", "1", Fixture.info("old"));
      Tree built = Tree.empty().with(Path.parse("new"), Fixture.utf8("n"));
      main.setTree(Path.ROOT, built, Fixture.info("replace root"));
      Check.equal(List.of("new"), new ArrayList<>(main.list("").keySet()), "root");
      Check.equal(built.id(), main.tree().id(), "tree id");
      Check.equal(Optional.empty(), main.find("old/a"), "old gone");
    });

    add(cases, "set_tree_copies_subtree_between_paths", f -> {
      Branch main = f.main();
      main.set("src/a", "1", Fixture.info("a"));
      main.set("src/d/b", "2", Fixture.info("b"));
      Tree src = main.subtree("src").get();
      main.setTree(Path.parse("copy/here"), src, Fixture.info("copy"));
      Check.equal("1", main.getText("copy/here/a"), "copied a");
      Check.equal("2", main.getText("copy/here/d/b"), "copied d/b");
      Check.equal(main.subtree("src").get().id(), main.subtree("copy/here").get().id(),
          "same subtree id");
    });

    add(cases, "set_empty_tree_removes_path", f -> {
      Branch main = f.main();
      main.set("keep", "k", Fixture.info("keep"));
      main.set("dir/a", "1", Fixture.info("a"));
      main.setTree(Path.parse("dir"), Tree.empty(), Fixture.info("empty it"));
      Check.isFalse(main.exists("dir"), "dir gone");
      Check.equal(List.of("keep"), new ArrayList<>(main.list("").keySet()), "root");
    });

    add(cases, "old_commit_view_reads_old_values", f -> {
      Branch main = f.main();
      main.set("k", "1", Fixture.info("1"));
      main.set("dir/x", "x", Fixture.info("x"));
      CommitView old = main.headCommit().get();
      ObjectId oldTree = old.tree().id();
      main.set("k", "2", Fixture.info("2"));
      main.remove("dir", Fixture.info("rm dir"));
      main.set("new", "n", Fixture.info("new"));
      Check.equal("1", old.getText("k"), "old k");
      Check.equal("x", old.getText("dir/x"), "old dir/x");
      Check.isFalse(old.exists("new"), "old has no new");
      Check.equal(oldTree, old.tree().id(), "old tree id");
      Check.equal("2", main.getText("k"), "new k");
      Check.equal("1", f.repo().commit(old.id()).getText("k"), "reloaded old commit");
    });

    add(cases, "tree_values_are_immutable", f -> {
      Tree one = Tree.empty().with(Path.parse("a"), Fixture.utf8("1"));
      Tree two = one.with(Path.parse("b"), Fixture.utf8("2"));
      Tree three = two.without(Path.parse("a"));
      Check.equal(1, one.entries().size(), "one keeps one entry");
      Check.equal(2, two.entries().size(), "two has two");
      Check.equal(Optional.empty(), one.find(Path.parse("b")), "one has no b");
      Check.isTrue(two.find(Path.parse("a")).isPresent(), "two keeps a");
      Check.equal(List.of("b"), new ArrayList<>(three.entries().keySet()), "three");
      Check.isTrue(Tree.empty().isEmpty(), "empty stays empty");
      // A stored tree, too: edits of a branch's tree do not change the branch.
      Branch main = f.main();
      main.set("a", "1", Fixture.info("a"));
      Tree stored = main.tree();
      Tree edited = stored.with(Path.parse("a"), Fixture.utf8("2"));
      Check.equal("1", Fixture.text(stored.find(Path.parse("a")).get()), "stored unchanged");
      Check.equal("2", Fixture.text(edited.find(Path.parse("a")).get()), "edited");
      Check.equal("1", main.getText("a"), "branch unchanged");
    });

    add(cases, "same_content_same_tree_id_regardless_of_order", f -> {
      Branch one = f.repo().branch("one");
      one.set("a", "1", Fixture.info("a"));
      one.set("b/c", "2", Fixture.info("b/c"));
      one.set("b/d/e", "3", Fixture.info("b/d/e"));
      one.set("z", "4", Fixture.info("z"));
      Branch two = f.repo().branch("two");
      two.set("z", "4", Fixture.info("z"));
      two.set("tmp/x", "gone", Fixture.info("tmp"));
      two.set("b/d/e", "3", Fixture.info("b/d/e"));
      two.set("a", "old", Fixture.info("a old"));
      two.set("b/c", "2", Fixture.info("b/c"));
      two.set("a", "1", Fixture.info("a"));
      two.remove("tmp", Fixture.info("rm tmp"));
      Check.notEqual(one.head().get(), two.head().get(), "different commits");
      Check.equal(one.tree().id(), two.tree().id(), "same root tree id");
      Check.equal(one.subtree("b").get().id(), two.subtree("b").get().id(), "same subtree id");
      Tree built = Tree.empty()
          .with(Path.parse("b/d/e"), Fixture.utf8("3"))
          .with(Path.parse("z"), Fixture.utf8("4"))
          .with(Path.parse("a"), Fixture.utf8("1"))
          .with(Path.parse("b/c"), Fixture.utf8("2"));
      Check.equal(built.id(), one.tree().id(), "same as a tree built in memory");
    });

    add(cases, "git_order_of_subtree_and_similar_names", f -> {
      Branch main = f.main();
      main.set("a0", "3", Fixture.info("a0"));
      main.set("a/x", "2", Fixture.info("a/x"));
      main.set("a-b", "1", Fixture.info("a-b"));
      main.set("a.c", "4", Fixture.info("a.c"));
      // Path order (list): by name bytes.
      Check.equal(List.of("a", "a-b", "a.c", "a0"), new ArrayList<>(main.list("").keySet()),
          "list order");
      // Git order (stored tree): a subtree sorts as "a/", after "a-b" and "a.c", before "a0".
      TreeObject root = storedRoot(f, main);
      List<String> names = new ArrayList<>();
      for (TreeEntry entry : root.entries()) {
        names.add(entry.name());
      }
      Check.equal(List.of("a-b", "a.c", "a", "a0"), names, "stored entry order");
      Check.equal(EntryMode.TREE, root.entries().get(2).mode(), "a is a subtree");
      Check.equal(EntryMode.FILE, root.entries().get(0).mode(), "a-b is a value");
    });

    add(cases, "git_order_of_value_and_similar_names", f -> {
      Branch main = f.main();
      main.set("a-b", "1", Fixture.info("a-b"));
      main.set("a", "2", Fixture.info("a"));
      main.set("a0", "3", Fixture.info("a0"));
      TreeObject root = storedRoot(f, main);
      List<String> names = new ArrayList<>();
      for (TreeEntry entry : root.entries()) {
        names.add(entry.name());
      }
      Check.equal(List.of("a", "a-b", "a0"), names, "a value named a sorts first");
      Check.equal(EntryMode.FILE, root.entries().get(0).mode(), "a is a value");
    });

    add(cases, "stored_tree_encoding_is_git_format", f -> {
      Branch main = f.main();
      main.set("hello", "hi\n", Fixture.info("hello"));
      ObjectId treeId = main.headCommit().get().commit().tree();
      RawObject raw = f.backend().objects().read(treeId).get();
      // git: printf 'hi\n' | git hash-object --stdin = 45b983be36b73c0788dc9cbcb76cbb80fc7bb057
      ObjectId blob = ObjectId.fromHex("45b983be36b73c0788dc9cbcb76cbb80fc7bb057");
      byte[] expected = new byte[6 + 1 + 5 + 1 + 20];
      System.arraycopy(Fixture.utf8("100644 hello"), 0, expected, 0, 12);
      expected[12] = 0;
      blob.copyTo(expected, 13);
      Check.bytesEqual(expected, raw.payload(), "tree payload");
      Check.equal(blob, main.tree().entries().get("hello").id(), "blob id");
      // printf "100644 blob $blob\thello\n" | git mktree
      Check.equal("e9f208ab7ea653831c61ad1ad88b4118e20e242e", treeId.hex(), "tree id as Git's");
    });

    add(cases, "empty_root_tree_id_after_removing_only_key", f -> {
      Branch main = f.main();
      ObjectId first = main.set("only", "x", Fixture.info("only"));
      ObjectId second = main.remove("only", Fixture.info("remove only"));
      Check.notEqual(first, second, "removal is a commit");
      Check.isTrue(main.exists(), "branch still exists");
      ObjectId treeId = main.headCommit().get().commit().tree();
      Check.equal(EMPTY_TREE, treeId.hex(), "empty tree id");
      Check.equal(EMPTY_TREE, main.tree().id().hex(), "tree().id()");
      Check.isTrue(f.backend().objects().contains(treeId), "empty tree is stored");
      Check.equal(0, f.backend().objects().read(treeId).get().size(), "empty payload");
      Check.isTrue(main.list("").isEmpty(), "nothing listed");
      Check.equal(EMPTY_TREE, Tree.empty().id().hex(), "Tree.empty().id()");
    });

    add(cases, "empty_root_after_removing_nested_only_key", f -> {
      Branch main = f.main();
      main.set("a/b/c", "x", Fixture.info("deep"));
      main.remove("a/b/c", Fixture.info("remove"));
      Check.equal(EMPTY_TREE, main.headCommit().get().commit().tree().hex(), "empty tree id");
      Check.isFalse(main.exists("a"), "no a");
    });

    cases.add(new ConformanceCase("tree", "set_empty_tree_below_a_value_keeps_the_value", f -> {
      ObjectId head = f.main().set("a", "value", Fixture.info("a"));
      Check.equal(head, f.main().setTree("a/b", Tree.empty(), Fixture.info("empty below a")),
          "no commit");
      Check.equal("value", f.main().getText("a"), "the value on the way is kept");
    }));

    return cases;
  }

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }

  /** The branch head's root tree, decoded from the bytes the backend stores. */
  private static TreeObject storedRoot(Fixture f, Branch branch) {
    ObjectId treeId = branch.headCommit().get().commit().tree();
    Optional<RawObject> raw = f.backend().objects().read(treeId);
    Check.isTrue(raw.isPresent(), "root tree stored");
    return ObjectCodec.decodeTree(raw.get());
  }
}
