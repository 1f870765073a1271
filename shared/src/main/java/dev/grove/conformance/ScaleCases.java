package dev.grove.conformance;

import dev.grove.backend.RefOutcome;
import dev.grove.hash.ObjectId;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitView;
import dev.grove.store.EntryKind;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import dev.grove.store.TransactionResult;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** Sizes beyond the toy: wide and deep trees, large and non-ASCII values, long histories. */
final class ScaleCases {
  private ScaleCases() {}

  private static final String CATEGORY = "scale";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    add(cases, "wide_directory_1500_entries_in_one_commit", f -> {
      Branch main = f.main();
      int n = 1500;
      TransactionResult<Void> result = main.transact(Strategy.SET, Fixture.info("wide"), d -> {
        for (int i = 0; i < n; i++) {
          d.set("wide/" + key(i), "value " + i);
        }
        return null;
      });
      Check.isTrue(result.committed(), "committed");
      Check.equal(1, main.log(10).size(), "one commit");
      SortedMap<String, EntryKind> listed = main.list("wide");
      Check.equal(n, listed.size(), "all entries listed");
      int i = 0;
      for (String name : listed.keySet()) {
        Check.equal(key(i), name, "entry " + i + " in order");
        i++;
      }
      for (int j = 0; j < n; j += 37) {
        Check.equal("value " + j, main.getText("wide/" + key(j)), "value " + j);
      }
      Check.equal("value 1499", main.getText("wide/" + key(1499)), "last value");
      Repository fresh = f.open(f.options());
      Check.equal(n, fresh.branch("main").list("wide").size(), "listed by another repository");
    });

    add(cases, "wide_directory_update_one_entry", f -> {
      Branch main = f.main();
      Tree wide = Tree.empty();
      for (int i = 0; i < 1200; i++) {
        wide = wide.with(Path.of(key(i)), Fixture.utf8("v" + i));
      }
      ObjectId first = main.setTree(Path.parse("w"), wide, Fixture.info("wide"));
      Check.equal(1200, main.list("w").size(), "entries before");
      main.set("w/" + key(600), "changed", Fixture.info("one"));
      main.remove("w/" + key(0), Fixture.info("remove first"));
      Check.equal(1199, main.list("w").size(), "entries");
      Check.equal("changed", main.getText("w/" + key(600)), "changed entry");
      Check.equal("v599", main.getText("w/" + key(599)), "neighbour kept");
      Check.equal("v600", f.repo().commit(first).getText("w/" + key(600)), "old commit");
      Check.equal(2, f.repo().diff(first, main.head().get()).size(), "diff of two changes");
    });

    add(cases, "wide_root_tree_stored_in_git_order", f -> {
      Branch main = f.main();
      main.transact(Strategy.SET, Fixture.info("wide"), d -> {
        for (int i = 0; i < 1100; i++) {
          // Values and subtrees mixed, with names that are prefixes of others.
          if (i % 3 == 0) {
            d.set("e" + i + "/v", "t" + i);
          } else {
            d.set("e" + i, "v" + i);
          }
        }
        return null;
      });
      ObjectId treeId = main.headCommit().get().commit().tree();
      TreeObject root = ObjectCodec.decodeTree(f.backend().objects().read(treeId).get());
      Check.equal(1100, root.entries().size(), "entries stored");
      for (int i = 1; i < root.entries().size(); i++) {
        Check.isTrue(TreeEntry.gitOrder(root.entries().get(i - 1), root.entries().get(i)) < 0,
            "git order at " + i);
      }
      Check.equal(1100, main.list("").size(), "entries listed");
    });

    add(cases, "deep_path_depth_120", f -> {
      Branch main = f.main();
      int depth = 120;
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        if (i > 0) {
          path.append('/');
        }
        path.append("d").append(i);
      }
      String deep = path.toString();
      main.set(deep, "bottom", Fixture.info("deep"));
      main.set("d0/side", "side", Fixture.info("side"));
      Check.equal("bottom", main.getText(deep), "deep value");
      Path parsed = Path.parse(deep);
      Check.equal(depth, parsed.size(), "depth");
      Path middle = Path.of(parsed.segments().subList(0, 60));
      Check.isTrue(main.exists(middle), "middle exists");
      Check.equal(List.of("d60"), new ArrayList<>(main.list(middle).keySet()), "middle list");
      Repository fresh = f.open(f.options());
      Check.equal("bottom", fresh.branch("main").getText(deep), "read by another repository");
      main.remove(deep, Fixture.info("remove deep"));
      Check.equal(List.of("side"), new ArrayList<>(main.list("d0").keySet()),
          "the whole empty chain is gone");
      Check.isFalse(main.exists("d0/d1"), "d0/d1 gone");
    });

    add(cases, "large_value_4_mib_round_trips", f -> {
      int size = 4 * 1024 * 1024 + 7;
      byte[] big = new byte[size];
      for (int i = 0; i < size; i++) {
        big[i] = (byte) (i * 31 + (i >>> 8) + (i >>> 16));
      }
      Branch main = f.main();
      main.set("big", big.clone(), Fixture.info("big"));
      main.set("small", "s", Fixture.info("small"));
      Repository fresh = f.open(f.options());
      byte[] read = fresh.branch("main").get("big");
      Check.equal(size, read.length, "length");
      Check.bytesEqual(big, read, "content");
      ObjectId expectedId = RawObject.idOf(ObjectType.BLOB, big);
      Check.equal(expectedId, fresh.branch("main").tree().entries().get("big").id(), "blob id");
      RawObject raw = f.backend().objects().read(expectedId).get();
      Check.equal(size, raw.size(), "stored size");
    });

    add(cases, "large_value_overwritten_by_small", f -> {
      byte[] big = new byte[2 * 1024 * 1024];
      for (int i = 0; i < big.length; i++) {
        big[i] = (byte) (i % 251);
      }
      Branch main = f.main();
      ObjectId first = main.set("v", big, Fixture.info("big"));
      main.set("v", "tiny", Fixture.info("tiny"));
      Check.equal("tiny", main.getText("v"), "new value");
      Check.equal(big.length, f.repo().commit(first).get("v").length, "old value kept");
    });

    add(cases, "non_ascii_keys_list_in_utf8_byte_order", f -> {
      Branch main = f.main();
      // UTF-8 byte order; Java's UTF-16 order would put the emoji before U+FF61.
      String[] names = {"\uD83D\uDE00", "\uFF61", "\u4E2D", "\u00E9", "z"};
      for (String name : names) {
        main.set("u/" + name, "value of " + name, Fixture.info("set " + name));
      }
      List<String> expected = List.of("z", "\u00E9", "\u4E2D", "\uFF61", "\uD83D\uDE00");
      Check.equal(expected, new ArrayList<>(main.list("u").keySet()), "list order");
      for (String name : names) {
        Check.equal("value of " + name, main.getText("u/" + name), "value at " + name);
      }
      TreeObject stored = ObjectCodec.decodeTree(f.backend().objects()
          .read(main.subtree("u").get().id()).get());
      List<String> storedNames = new ArrayList<>();
      for (TreeEntry entry : stored.entries()) {
        storedNames.add(entry.name());
      }
      Check.equal(expected, storedNames, "stored order");
    });

    add(cases, "non_ascii_keys_and_values_round_trip", f -> {
      Branch main = f.main();
      String key = "\uD83D\uDE00/\u4E2D\u6587/caf\u00E9";
      String value = "h\u00E9llo \u4E16\u754C \uD83C\uDF33\uD83D\uDE00 \u0000 end";
      main.set(key, value, Fixture.info("unicode \u00E9 \uD83D\uDE00"));
      Check.equal(value, main.getText(key), "text value");
      Check.bytesEqual(Fixture.utf8(value), main.get(key), "UTF-8 bytes");
      Check.equal(value, Fixture.text(main.get(Path.of("\uD83D\uDE00", "\u4E2D\u6587",
          "caf\u00E9"))), "by segments");
      Check.equal(List.of("\u4E2D\u6587"), new ArrayList<>(main.list("\uD83D\uDE00").keySet()),
          "list");
      Check.equal("unicode \u00E9 \uD83D\uDE00", main.headCommit().get().message(),
          "commit message");
      Repository fresh = f.open(f.options());
      Check.equal(value, fresh.branch("main").getText(key), "read by another repository");
      TreeObject root = ObjectCodec.decodeTree(f.backend().objects()
          .read(main.headCommit().get().commit().tree()).get());
      Check.equal("\uD83D\uDE00", root.entries().get(0).name(), "stored name");
      Check.equal(EntryMode.TREE, root.entries().get(0).mode(), "stored mode");
    });

    add(cases, "unicode_keys_are_not_normalized", f -> {
      Branch main = f.main();
      String composed = "caf\u00E9";
      String decomposed = "cafe\u0301";
      main.set(composed, "nfc", Fixture.info("nfc"));
      main.set(decomposed, "nfd", Fixture.info("nfd"));
      Check.equal("nfc", main.getText(composed), "composed");
      Check.equal("nfd", main.getText(decomposed), "decomposed");
      Check.equal(2, main.list("").size(), "two distinct keys");
    });

    add(cases, "long_key_segment", f -> {
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < 240; i++) {
        name.append((char) ('a' + i % 26));
      }
      Branch main = f.main();
      main.set("dir/" + name, "long", Fixture.info("long name"));
      Check.equal("long", main.getText("dir/" + name), "value");
      Check.equal(List.of(name.toString()), new ArrayList<>(main.list("dir").keySet()), "list");
    });

    add(cases, "many_commits_then_log", f -> {
      Branch main = f.main();
      int n = 200;
      List<ObjectId> heads = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        heads.add(main.set("counter", Integer.toString(i), Fixture.info("commit " + i)));
      }
      List<CommitView> log = main.log(1000);
      Check.equal(n, log.size(), "log length");
      Check.equal(heads.get(n - 1), log.get(0).id(), "newest first");
      Check.equal("commit " + (n - 1), log.get(0).message(), "newest message");
      Check.equal(heads.get(0), log.get(n - 1).id(), "root last");
      Check.isTrue(log.get(n - 1).parents().isEmpty(), "root has no parent");
      for (int i = 0; i + 1 < n; i++) {
        Check.equal(List.of(log.get(i + 1).id()), log.get(i).parents(), "parent of " + i);
      }
      Check.equal(50, main.log(50).size(), "limited log");
      Check.equal(Integer.toString(n - 1), main.getText("counter"), "final value");
      Check.equal("100", f.repo().commit(heads.get(100)).getText("counter"), "old value");
    });

    add(cases, "many_branches_listed", f -> {
      ObjectId head = f.main().set("k", "v", Fixture.info("k"));
      List<String> expected = new ArrayList<>();
      expected.add("main");
      for (int i = 0; i < 120; i++) {
        String name = "topic/" + key(i);
        Check.equal(RefOutcome.CREATED, f.repo().createBranch(name, head), name);
        expected.add(name);
      }
      java.util.Collections.sort(expected);
      Check.equal(expected, new ArrayList<>(f.repo().branches().keySet()), "all branches");
      Check.equal("v", f.repo().branch("topic/" + key(77)).getText("k"), "read one");
    });

    return cases;
  }

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }

  /** {@code k0000}, {@code k0001}, ...: names whose byte order is their numeric order. */
  private static String key(int i) {
    String digits = Integer.toString(i);
    StringBuilder out = new StringBuilder("k");
    for (int pad = digits.length(); pad < 4; pad++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }
}
