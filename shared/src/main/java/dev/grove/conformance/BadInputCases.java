package dev.grove.conformance;

import dev.grove.store.CommitInfo;
import dev.grove.backend.RefOutcome;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.Strategy;
import dev.grove.tree.Tree;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Bad input gets a clear error with a stable code, and changes nothing: invalid paths, branch
 * names and ids, unknown commits, malformed Git objects.
 */
final class BadInputCases {
  private BadInputCases() {}

  private static final String CATEGORY = "bad_input";

  /** Paths that are never keys. */
  private static final String[] BAD_PATHS = {
      "/a", "a/", "a//b", ".", "..", "a/../b", "a/./b", "./a", "a/..", "/", "//",
      "a\u0000b", "\u0000", "a/\uD800", "\uDC00x"};

  private static final String[] BAD_BRANCHES = {
      "", "HEAD", "@", "a..b", "..", "/a", "a/", "a//b", "a b", "a~1", "a^", "a:b", "a?", "a*",
      "a[b", "a\\b", ".hidden", "dir/.hidden", "x.lock", "dir/x.lock", "a@{1}", "ends.",
      "tab\tname", "new\nline", "nul\u0000", "del\u007f",
      // Longer than BranchNames.MAX_BYTES (83) bytes in UTF-8: 84 ASCII, 42 two-byte, 28
      // three-byte characters, 21 four-byte ones (surrogate pairs).
      repeat("x", 84), repeat("\u00E9", 42), repeat("\u20AC", 28), repeat("\uD83D\uDE00", 21)};

  private static final String SOME_ID = "0123456789abcdef0123456789abcdef01234567";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    // ---- paths ----

    add(cases, "invalid_paths_rejected_by_set", f -> {
      Branch main = f.main();
      ObjectId head = main.set("ok", "v", Fixture.info("ok"));
      for (String bad : BAD_PATHS) {
        Check.raises("invalid_path", () -> main.set(bad, "x", Fixture.info("bad")));
        Check.raises("invalid_path", () -> main.set(bad, new byte[] {1}, Fixture.info("bad")));
      }
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.equal(1, main.log(10).size(), "no new commit");
    });

    add(cases, "empty_path_rejected_by_set", f -> {
      Branch main = f.main();
      ObjectId head = main.set("ok", "v", Fixture.info("ok"));
      Check.raises("invalid_path", () -> main.set("", "x", Fixture.info("root")));
      Check.raises("invalid_path", () -> main.set("", new byte[0], Fixture.info("root")));
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.equal("v", main.getText("ok"), "value kept");
    });

    add(cases, "value_at_root_path_rejected", f -> {
      Branch main = f.main();
      ObjectId head = main.set("ok", "v", Fixture.info("ok"));
      Check.raises("invalid_path", () -> main.set(Path.ROOT, Fixture.utf8("x"), Fixture.info("r")));
      Check.raises("invalid_path", () -> main.transact(Strategy.SET, Fixture.info("r"),
          d -> d.set(Path.ROOT, Fixture.utf8("x"))));
      Check.raises("invalid_path", () -> Tree.empty().with(Path.ROOT, Fixture.utf8("x")));
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.isTrue(f.repo().branch("fresh").head().isEmpty(), "nothing created");
      Check.raises("invalid_path", () -> f.repo().branch("fresh").set(Path.ROOT,
          Fixture.utf8("x"), Fixture.info("r")));
      Check.equal(1, f.repo().branches().size(), "no branch created");
    });

    add(cases, "invalid_paths_rejected_on_absent_branch_create_nothing", f -> {
      Branch fresh = f.repo().branch("fresh");
      for (String bad : BAD_PATHS) {
        Check.raises("invalid_path", () -> fresh.set(bad, "x", Fixture.info("bad")));
      }
      Check.isFalse(fresh.exists(), "branch not created");
      Check.isTrue(f.repo().branches().isEmpty(), "no branches");
    });

    add(cases, "invalid_paths_rejected_by_remove_and_reads", f -> {
      Branch main = f.main();
      ObjectId head = main.set("a/b", "v", Fixture.info("ok"));
      for (String bad : BAD_PATHS) {
        Check.raises("invalid_path", () -> main.remove(bad, Fixture.info("bad")));
        Check.raises("invalid_path", () -> main.find(bad));
        Check.raises("invalid_path", () -> main.get(bad));
        Check.raises("invalid_path", () -> main.exists(bad));
        Check.raises("invalid_path", () -> main.list(bad));
        Check.raises("invalid_path", () -> main.subtree(bad));
      }
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.equal("v", main.getText("a/b"), "value kept");
    });

    add(cases, "invalid_path_in_transaction_commits_nothing", f -> {
      Branch main = f.main();
      ObjectId head = main.set("ok", "v", Fixture.info("ok"));
      Check.raises("invalid_path", () -> main.transact(Strategy.SET, Fixture.info("tx"), d -> {
        d.set("good", "g");
        d.remove("ok");
        d.set("a//b", "bad");
        return null;
      }));
      Check.equal(Optional.of(head), main.head(), "head unchanged");
      Check.equal(Optional.empty(), main.find("good"), "earlier edit not applied");
      Check.equal("v", main.getText("ok"), "earlier removal not applied");
    });

    add(cases, "invalid_segments_rejected_by_path_builders", f -> {
      Check.raises("invalid_path", () -> Path.of("a", ""));
      Check.raises("invalid_path", () -> Path.of(".."));
      Check.raises("invalid_path", () -> Path.of("a/b"));
      Check.raises("invalid_path", () -> Path.of("a\u0000"));
      Check.raises("invalid_path", () -> Path.parse("a").child("."));
      Check.raises("invalid_path", () -> Path.parse("a").child("x/y"));
      Check.raises("invalid_path", () -> Path.parse(null));
      Check.equal(List.of("a", "b"), Path.parse("a/b").segments(), "a valid path parses");
      Check.equal("...", Path.parse("...").toString(), "'...' is a valid segment");
    });

    add(cases, "invalid_names_rejected_in_built_trees", f -> {
      Check.raises("invalid_path", () -> Tree.empty().with(Path.parse("a//b"), new byte[0]));
      Check.raises("invalid_path", () -> Tree.of(java.util.Map.of("..", Tree.empty()
          .with(Path.parse("x"), new byte[0]))));
      Check.raises("invalid_path", () -> Tree.of(java.util.Map.of("a/b", Tree.empty()
          .with(Path.parse("x"), new byte[0]))));
    });

    // ---- branch names ----

    add(cases, "invalid_branch_names_rejected", f -> {
      for (String bad : BAD_BRANCHES) {
        Check.raises("invalid_branch", () -> f.repo().branch(bad));
        Check.raises("invalid_branch", () -> f.repo().head(bad));
      }
      Check.isTrue(f.repo().branches().isEmpty(), "no branches");
    });

    add(cases, "invalid_branch_names_change_nothing", f -> {
      ObjectId head = f.main().set("k", "v", Fixture.info("k"));
      for (String bad : BAD_BRANCHES) {
        Check.raises("invalid_branch", () -> f.repo().createBranch(bad, head));
        Check.raises("invalid_branch", () -> f.repo().fork("main", bad));
        Check.raises("invalid_branch", () -> f.repo().deleteBranch(bad));
        Check.raises("invalid_branch", () -> f.repo().watch(bad,
            (branch, oldHead, newHead) -> { }));
      }
      SortedMap<String, ObjectId> branches = f.repo().branches();
      Check.equal(List.of("main"), new ArrayList<>(branches.keySet()), "only main");
      Check.equal(head, branches.get("main"), "main unchanged");
    });

    add(cases, "valid_branch_names_accepted", f -> {
      ObjectId head = f.main().set("k", "v", Fixture.info("k"));
      String[] good = {"feature/x", "a.b", "a-b_c", "release/1.0", "x.lock.y", "caf\u00E9",
          "UPPER", "n123", "a@b", "deep/er/branch",
          // At the limit, BranchNames.MAX_BYTES (83) bytes in UTF-8, each byte of the last two
          // needing three in a backend's file name.
          repeat("y", 83), repeat("\u20AC", 27) + "zz", repeat("\uD83D\uDE00", 20) + "%%%"};
      for (String name : good) {
        Check.equal(dev.grove.backend.RefOutcome.CREATED, f.repo().createBranch(name, head), name);
      }
      Check.equal(good.length + 1, f.repo().branches().size(), "all created");
    });

    // ---- ids and unknown commits ----

    add(cases, "bad_hex_ids_rejected", f -> {
      String[] bad = {"", "abc", SOME_ID.substring(1), SOME_ID + "0",
          "g123456789abcdef0123456789abcdef01234567", " 123456789abcdef0123456789abcdef01234567",
          "0123456789abcdef0123456789abcdef0123456-", "0123456789abcdef0123456789abcdef0123456\u00E9",
          "0x23456789abcdef0123456789abcdef01234567"};
      for (String text : bad) {
        Check.raises("invalid_id", () -> ObjectId.fromHex(text));
        Check.isFalse(ObjectId.isHex(text), "isHex('" + text + "')");
      }
      Check.raises("invalid_id", () -> ObjectId.fromHex(null));
      Check.raises("invalid_id", () -> ObjectId.fromBytes(new byte[19]));
      Check.equal(ObjectId.fromHex(SOME_ID), ObjectId.fromHex(SOME_ID.toUpperCase()),
          "either case is accepted");
      Check.equal(SOME_ID, ObjectId.fromHex(SOME_ID.toUpperCase()).hex(), "written lower-case");
    });

    add(cases, "unknown_commit_raises_missing_object", f -> {
      f.main().set("k", "v", Fixture.info("k"));
      ObjectId unknown = ObjectId.fromHex(SOME_ID);
      Check.raises("missing_object", () -> f.repo().commit(unknown));
      Check.raises("missing_object", () -> f.repo().commit(ObjectId.NONE));
      Check.raises("missing_object", () -> f.repo().log(unknown, 10));
      Check.raises("missing_object", () -> f.repo().treeOf(unknown));
      Check.equal(Optional.empty(), f.repo().findCommit(unknown), "findCommit is empty");
    });

    add(cases, "unknown_commit_changes_no_branch", f -> {
      ObjectId head = f.main().set("k", "v", Fixture.info("k"));
      ObjectId unknown = ObjectId.fromHex(SOME_ID);
      Check.raises("missing_object", () -> f.repo().createBranch("other", unknown));
      Check.raises("missing_object", () -> f.main().merge(unknown, Fixture.info("merge")));
      Check.raises("missing_object", () -> f.main().fastForward(unknown));
      Check.raises("missing_object", () -> f.repo().isAncestor(unknown, head));
      Check.raises("missing_object", () -> f.repo().lowestCommonAncestors(head, unknown));
      SortedMap<String, ObjectId> branches = f.repo().branches();
      Check.equal(List.of("main"), new ArrayList<>(branches.keySet()), "only main");
      Check.equal(head, branches.get("main"), "main unchanged");
    });

    add(cases, "raw_object_with_wrong_id_rejected", f -> {
      byte[] payload = Fixture.utf8("content");
      ObjectId right = RawObject.idOf(ObjectType.BLOB, payload);
      ObjectId wrong = ObjectId.fromHex(SOME_ID);
      Check.raises("malformed_object", () -> RawObject.verified(wrong, ObjectType.BLOB, payload));
      // The same bytes as another type hash to another id.
      Check.raises("malformed_object", () -> RawObject.verified(right, ObjectType.TREE, new byte[0]));
      Check.raises("malformed_object", () -> RawObject.verified(right, ObjectType.COMMIT, payload));
      Check.equal(right, RawObject.verified(right, ObjectType.BLOB, payload).id(), "right id");
      Check.raises("malformed_object", () -> ObjectType.fromGitName("tag"));
    });

    // ---- malformed trees ----

    add(cases, "decode_tree_rejects_unknown_modes", f -> {
      for (String mode : new String[] {"100645", "040000", "100664", "0", "", "40000x", "1006440"}) {
        RawObject tree = tree(entry(mode, "a", 1));
        Check.raises("malformed_object", () -> ObjectCodec.decodeTree(tree));
      }
      Check.equal(1, ObjectCodec.decodeTree(tree(entry("100644", "a", 1))).entries().size(),
          "a good entry decodes");
      Check.equal(1, ObjectCodec.decodeTree(tree(entry("40000", "a", 1))).entries().size(),
          "a good subtree entry decodes");
    });

    add(cases, "decode_tree_rejects_entries_out_of_order", f -> {
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("100644", "b", 1), entry("100644", "a", 2))));
      // A subtree "a" sorts as "a/": after "a-b", so "a" (tree) then "a-b" is out of order.
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("40000", "a", 1), entry("100644", "a-b", 2))));
      // A value "a" sorts before "a-b": "a-b" then "a" (value) is out of order.
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("100644", "a-b", 1), entry("100644", "a", 2))));
      TreeObject ok = ObjectCodec.decodeTree(
          tree(entry("100644", "a-b", 1), entry("40000", "a", 2), entry("100644", "a0", 3)));
      Check.equal(3, ok.entries().size(), "Git order decodes");
    });

    add(cases, "decode_tree_rejects_duplicate_names", f -> {
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("100644", "a", 1), entry("100644", "a", 2))));
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("40000", "d", 1), entry("40000", "d", 1))));
    });

    add(cases, "decode_tree_rejects_value_and_subtree_with_same_name", f -> {
      // In Git order a value "a" sorts before a subtree "a" (as "a/"), so these are in order,
      // but two entries named "a" are still a duplicate (git fsck: duplicateEntries).
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("100644", "a", 1), entry("40000", "a", 2))));
    });

    add(cases, "decode_tree_rejects_separated_duplicate_names", f -> {
      // "a" (value) < "a-b" < "a/" (subtree): in Git order, yet "a" appears twice.
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(entry("100644", "a", 1), entry("100644", "a-b", 2), entry("40000", "a", 3))));
    });

    add(cases, "decode_tree_rejects_bad_names", f -> {
      String[] names = {"", ".", "..", "a/b", "/", "a/"};
      for (String name : names) {
        Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
            tree(entry("100644", name, 1))));
      }
    });

    add(cases, "decode_tree_rejects_non_utf8_names", f -> {
      byte[][] names = {{(byte) 0xff}, {'a', (byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0xc0, (byte) 0xaf}, {'x', (byte) 0x80, 'y'},
          // Overlong three- and four-byte forms, above U+10FFFF, F5 and C1 leads, the last
          // surrogate, sequences cut short at the end and before an ASCII byte.
          {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, {(byte) 0xe0, (byte) 0x9f, (byte) 0xbf},
          {(byte) 0xf0, (byte) 0x8f, (byte) 0xbf, (byte) 0xbf},
          {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
          {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xc1, (byte) 0xbf},
          {(byte) 0xed, (byte) 0xbf, (byte) 0xbf}, {'a', (byte) 0xe2, (byte) 0x82},
          {(byte) 0xf0, (byte) 0x9f, (byte) 0x98}, {(byte) 0xe2, 'a', (byte) 0xac},
          {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, 'a'}};
      for (byte[] name : names) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Fixture.utf8("100644 "), 0, 7);
        out.write(name, 0, name.length);
        out.write(0);
        out.write(new byte[20], 0, 20);
        RawObject tree = RawObject.of(ObjectType.TREE, out.toByteArray());
        Check.raises("malformed_object", () -> ObjectCodec.decodeTree(tree));
      }
    });

    add(cases, "tree_names_at_utf8_boundaries_encode_and_decode_back", f -> {
      // The first and last code point of each UTF-8 length, around the surrogates, U+FFFD.
      String[] names = {"\u007f", "\u0080", "\u07ff", "\u0800", "\ud7ff", "\ue000",
          "\ufffd", "\uffff", "\ud800\udc00", "\udbff\udfff", "a\u00e9\u20ac\ud83d\ude00z"};
      List<TreeEntry> entries = new ArrayList<>();
      for (String name : names) {
        entries.add(new TreeEntry(EntryMode.FILE, name, RawObject.idOf(ObjectType.BLOB,
            Fixture.utf8(name))));
      }
      RawObject encoded = ObjectCodec.encodeTree(TreeObject.of(entries));
      Check.bytesEqual(Fixture.utf8("100644 \u00e9"), java.util.Arrays.copyOf(
          ObjectCodec.encodeTree(TreeObject.of(List.of(new TreeEntry(EntryMode.FILE, "\u00e9",
              RawObject.idOf(ObjectType.BLOB, new byte[0]))))).payload(), 9), "encoded name");
      List<TreeEntry> decoded = ObjectCodec.decodeTree(encoded).entries();
      Check.equal(TreeObject.of(entries).entries(), decoded, "entries decoded back");
    });

    add(cases, "decode_tree_rejects_truncated_entries", f -> {
      byte[] good = entry("100644", "a", 1);
      for (int cut : new int[] {1, 5, 7, 8, 9, 15, good.length - 1}) {
        byte[] truncated = java.util.Arrays.copyOf(good, cut);
        Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
            RawObject.of(ObjectType.TREE, truncated)));
      }
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          RawObject.of(ObjectType.TREE, Fixture.utf8("garbage"))));
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          tree(good, java.util.Arrays.copyOf(entry("100644", "b", 2), 15))));
      Check.isTrue(ObjectCodec.decodeTree(RawObject.of(ObjectType.TREE, new byte[0])).isEmpty(),
          "the empty tree decodes");
    });

    add(cases, "decode_tree_rejects_other_object_types", f -> {
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          RawObject.of(ObjectType.BLOB, entry("100644", "a", 1))));
      Check.raises("malformed_object", () -> ObjectCodec.decodeTree(
          RawObject.of(ObjectType.COMMIT, new byte[0])));
    });

    // ---- malformed commits ----

    add(cases, "decode_commit_accepts_well_formed", f -> {
      CommitObject commit = ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\nparent " + SOME_ID + "\n" + AUTHOR + COMMITTER + "\nmessage\n"));
      Check.equal(TREE, commit.tree().hex(), "tree");
      Check.equal(List.of(ObjectId.fromHex(SOME_ID)), commit.parents(), "parents");
      Check.equal("A U Thor", commit.author().name(), "author");
      Check.equal(-330, commit.committer().offsetMinutes(), "committer zone");
      Check.equal("message\n", commit.message(), "message");
    });

    add(cases, "decode_commit_rejects_missing_or_bad_tree", f -> {
      String[] texts = {
          AUTHOR + COMMITTER + "\nno tree\n",
          "parent " + SOME_ID + "\n" + AUTHOR + COMMITTER + "\nparent first\n",
          "tree " + TREE.substring(1) + "\n" + AUTHOR + COMMITTER + "\nshort id\n",
          "tree " + TREE.toUpperCase() + "\n" + AUTHOR + COMMITTER + "\nupper-case id\n",
          "tree  " + TREE + "\n" + AUTHOR + COMMITTER + "\ntwo spaces\n",
          "tree " + TREE + " \n" + AUTHOR + COMMITTER + "\ntrailing space\n",
          "tree\n" + AUTHOR + COMMITTER + "\nno id\n",
      };
      for (String text : texts) {
        Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(text)));
      }
    });

    add(cases, "decode_commit_rejects_bad_parent", f -> {
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\nparent nothex\n" + AUTHOR + COMMITTER + "\nm\n")));
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\n" + AUTHOR + COMMITTER + "parent " + SOME_ID + "\n\nlate parent\n")));
    });

    add(cases, "decode_commit_rejects_bad_author_lines", f -> {
      String[] authors = {
          "author A U Thor 1700000000 +0000\n",
          "author A U Thor <a@example.com>\n",
          "author A U Thor <a@example.com> 1700000000\n",
          "author A U Thor <a@example.com> x +0000\n",
          "author A U Thor <a@example.com> 1700000000 0000\n",
          "author A U Thor <a@example.com> 1700000000 +00\n",
          "author A U Thor <a@example.com> 1700000000 +0000 extra\n",
          "author A U Thor <a@example.com> -5 +0000\n",
          "author A U Thor <a@example.com> 1700000000 +2400\n",
          "author <a@b> x <c@d> 1 +0000\n",
          "",
      };
      for (String author : authors) {
        Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
            "tree " + TREE + "\n" + author + COMMITTER + "\nm\n")));
      }
    });

    add(cases, "decode_commit_rejects_missing_committer_or_blank_line", f -> {
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\n" + AUTHOR + "\nno committer\n")));
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\n" + AUTHOR + COMMITTER + "no blank line")));
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\n" + COMMITTER + AUTHOR + "\nswapped\n")));
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit(
          "tree " + TREE + "\n" + AUTHOR + COMMITTER + "tree " + TREE + "\n\ntwo trees\n")));
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(commit("")));
    });

    add(cases, "decode_commit_rejects_non_utf8_bytes", f -> {
      byte[] head = Fixture.utf8("tree " + TREE + "\n" + AUTHOR + COMMITTER + "\nmessage ");
      byte[] payload = java.util.Arrays.copyOf(head, head.length + 2);
      payload[head.length] = (byte) 0xff;
      payload[head.length + 1] = '\n';
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(
          RawObject.of(ObjectType.COMMIT, payload)));
    });

    add(cases, "decode_commit_rejects_other_object_types", f -> {
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(RawObject.of(
          ObjectType.BLOB, Fixture.utf8("tree " + TREE + "\n" + AUTHOR + COMMITTER + "\nm\n"))));
      Check.raises("malformed_object", () -> ObjectCodec.decodeCommit(
          RawObject.of(ObjectType.TREE, new byte[0])));
    });

    add(cases, "encode_then_decode_commit_round_trips", f -> {
      Person person = new Person("N\u00E9", "n@example.com", 1_700_000_000L, 90);
      CommitObject commit = new CommitObject(ObjectId.fromHex(TREE),
          List.of(ObjectId.fromHex(SOME_ID)), person, person, "line 1\n\nline 3 \uD83D\uDE00\n");
      RawObject raw = ObjectCodec.encodeCommit(commit);
      CommitObject back = ObjectCodec.decodeCommit(RawObject.verified(raw.id(), ObjectType.COMMIT,
          raw.payload()));
      Check.equal(commit, back, "decoded commit");
      Check.equal(raw.id(), ObjectCodec.encodeCommit(back).id(), "same id re-encoded");
      TreeObject tree = TreeObject.of(List.of());
      Check.equal(TREE, ObjectCodec.encodeTree(tree).id().hex(), "empty tree id");
    });

    cases.add(new ConformanceCase("bad_input", "branch_names_with_lone_surrogates_rejected", f -> {
      Check.raises("invalid_branch", () -> f.repo().branch("x\uD800"));
      Check.raises("invalid_branch", () -> f.repo().branch("x\uDC00y"));
      Check.equal("ok\uD83D\uDE00", f.repo().branch("ok\uD83D\uDE00").name(), "a pair is fine");
    }));

    cases.add(new ConformanceCase("bad_input", "branch_and_directory_of_branches_cannot_coexist", f -> {
      ObjectId head = f.repo().branch("team/a").set("k", "v", Fixture.info("k"));
      Check.raises("branch_name_conflict", () -> f.repo().createBranch("team", head));
      Check.raises("branch_name_conflict",
          () -> f.repo().branch("team").set("k", "v", Fixture.info("k")));
      Check.raises("branch_name_conflict", () -> f.repo().createBranch("team/a/b", head));
      Check.equal(List.of("team/a"), new ArrayList<>(f.repo().branches().keySet()), "unchanged");
      Check.equal(RefOutcome.CREATED, f.repo().createBranch("team/b", head), "a sibling is fine");
    }));

    cases.add(new ConformanceCase("bad_input", "commit_info_git_cannot_write_rejected", f -> {
      Check.raises("invalid_commit_info", () -> CommitInfo.by("Ada <x>", "ada@example.com", "m"));
      Check.raises("invalid_commit_info", () -> CommitInfo.by("Ada", "ada@\nexample.com", "m"));
      Check.raises("invalid_commit_info", () -> CommitInfo.by("Ada", null, "m"));
      Check.raises("invalid_commit_info", () -> CommitInfo.message(null));
      Check.raises("invalid_value", () -> f.main().set("k", (byte[]) null, Fixture.info("null")));
      Check.isFalse(f.main().exists(), "nothing written");
    }));

    return cases;
  }

  // ---- helpers ----

  /** The empty tree's id. */
  private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  private static final String AUTHOR = "author A U Thor <author@example.com> 1700000000 +0100\n";

  private static final String COMMITTER = "committer C O Mitter <c@example.com> 1700000001 -0530\n";

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }

  private static String repeat(String text, int times) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < times; i++) {
      out.append(text);
    }
    return out.toString();
  }

  /** The bytes of one tree entry: {@code mode name\0} and a 20-byte id filled with {@code fill}. */
  private static byte[] entry(String mode, String name, int fill) {
    byte[] head = Fixture.utf8(mode + " " + name);
    byte[] out = new byte[head.length + 1 + 20];
    System.arraycopy(head, 0, out, 0, head.length);
    for (int i = head.length + 1; i < out.length; i++) {
      out[i] = (byte) fill;
    }
    return out;
  }

  private static RawObject tree(byte[]... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] entry : entries) {
      out.write(entry, 0, entry.length);
    }
    return RawObject.of(ObjectType.TREE, out.toByteArray());
  }

  private static RawObject commit(String text) {
    return RawObject.of(ObjectType.COMMIT, Fixture.utf8(text));
  }
}
