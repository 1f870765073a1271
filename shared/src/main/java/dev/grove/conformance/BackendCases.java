package dev.grove.conformance;

import dev.grove.backend.Backend;
import dev.grove.backend.BatchResult;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import dev.grove.store.Branch;
import dev.grove.store.Strategy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/** Cases on the raw backend contract: objects, refs, compare-and-set, batches. */
final class BackendCases {
  private BackendCases() {}

  private static final String CATEGORY = "backend";

  static List<ConformanceCase> cases() {
    List<ConformanceCase> cases = new ArrayList<>();

    // ---- an empty store ----

    add(cases, "empty_store_has_no_branches", f -> {
      Check.isTrue(f.backend().refs().listRefs().isEmpty(), "no branches");
      Check.equal(Optional.empty(), f.backend().refs().readRef("main"), "readRef(main)");
    });

    add(cases, "empty_store_reads_absent_objects_as_empty", f -> {
      ObjectId absent = RawObject.idOf(ObjectType.BLOB, Fixture.utf8("never stored"));
      Check.isTrue(f.backend().objects().read(absent).isEmpty(), "absent object reads empty");
      Check.isFalse(f.backend().objects().contains(absent), "contains(absent)");
      ObjectId emptyTree = RawObject.idOf(ObjectType.TREE, new byte[0]);
      Check.isTrue(f.backend().objects().read(emptyTree).isEmpty(), "empty tree not stored yet");
      Check.isFalse(f.backend().objects().contains(emptyTree), "contains(empty tree)");
    });

    // ---- objects ----

    add(cases, "contains_all_answers_like_contains_for_each", f -> {
      List<RawObject> stored = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        stored.add(RawObject.of(ObjectType.BLOB, Fixture.utf8("value " + i)));
      }
      f.backend().objects().add(stored);
      List<ObjectId> ids = new ArrayList<>();
      for (RawObject object : stored) {
        ids.add(object.id());
      }
      Check.isTrue(f.backend().objects().containsAll(List.of()), "containsAll(none)");
      Check.isTrue(f.backend().objects().containsAll(ids), "containsAll(300 stored)");
      Check.isTrue(f.backend().objects().containsAll(List.of(ids.get(7), ids.get(7))),
          "containsAll(one stored, twice)");
      ObjectId absent = RawObject.idOf(ObjectType.BLOB, Fixture.utf8("never stored"));
      List<ObjectId> withAbsent = new ArrayList<>(ids);
      withAbsent.add(150, absent);
      Check.isFalse(f.backend().objects().containsAll(withAbsent), "containsAll(with one absent)");
      Check.isFalse(f.backend().objects().containsAll(List.of(absent)), "containsAll(absent)");
    });

    add(cases, "add_then_read_blob_round_trips", f -> {
      byte[] payload = Fixture.utf8("hello, grove\n");
      RawObject blob = RawObject.of(ObjectType.BLOB, payload);
      f.backend().objects().add(List.of(blob));
      Check.isTrue(f.backend().objects().contains(blob.id()), "contains after add");
      RawObject read = f.backend().objects().read(blob.id()).orElse(null);
      Check.isTrue(read != null, "read after add is present");
      Check.equal(blob.id(), read.id(), "id of the object read");
      Check.equal(ObjectType.BLOB, read.type(), "type of the object read");
      Check.bytesEqual(Fixture.utf8("hello, grove\n"), read.payload(), "payload read");
      // git hash-object of "hello, grove\n"
      Check.equal(RawObject.idOf(ObjectType.BLOB, payload), read.id(), "id is the content hash");
    });

    add(cases, "add_then_read_each_object_type", f -> {
      RawObject blob = RawObject.of(ObjectType.BLOB, Fixture.utf8("v"));
      RawObject tree = ObjectCodec.encodeTree(TreeObject.of(
          List.of(new TreeEntry(EntryMode.FILE, "k", blob.id()))));
      RawObject commit = ObjectCodec.encodeCommit(new CommitObject(tree.id(), List.of(),
          person(), person(), "typed\n"));
      f.backend().objects().add(List.of(blob, tree, commit));
      for (RawObject object : List.of(blob, tree, commit)) {
        RawObject read = f.backend().objects().read(object.id()).orElse(null);
        Check.isTrue(read != null, object + " readable");
        Check.equal(object.type(), read.type(), "type of " + object);
        Check.equal(object.id(), read.id(), "id of " + object);
        Check.bytesEqual(object.payload(), read.payload(), "payload of " + object);
      }
      Check.equal(tree.id(), ObjectCodec.decodeCommit(
          f.backend().objects().read(commit.id()).get()).tree(), "decoded commit's tree");
    });

    add(cases, "read_returns_exact_binary_bytes", f -> {
      byte[] payload = new byte[512];
      for (int i = 0; i < payload.length; i++) {
        payload[i] = (byte) (255 - (i % 256));
      }
      RawObject blob = RawObject.of(ObjectType.BLOB, payload.clone());
      f.backend().objects().add(List.of(blob));
      RawObject read = f.backend().objects().read(blob.id()).get();
      Check.bytesEqual(payload, read.payload(), "binary payload");
      Check.equal(512, read.size(), "size");
    });

    add(cases, "empty_blob_round_trips", f -> {
      RawObject blob = RawObject.of(ObjectType.BLOB, new byte[0]);
      Check.equal("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", blob.id().hex(), "empty blob id");
      f.backend().objects().add(List.of(blob));
      RawObject read = f.backend().objects().read(blob.id()).orElse(null);
      Check.isTrue(read != null, "empty blob readable");
      Check.equal(0, read.payload().length, "empty payload");
    });

    add(cases, "adding_an_object_twice_is_a_no_op", f -> {
      RawObject blob = RawObject.of(ObjectType.BLOB, Fixture.utf8("twice"));
      f.backend().objects().add(List.of(blob));
      f.backend().objects().add(List.of(blob));
      f.backend().objects().add(List.of(blob, RawObject.of(ObjectType.BLOB, Fixture.utf8("twice"))));
      RawObject read = f.backend().objects().read(blob.id()).get();
      Check.bytesEqual(Fixture.utf8("twice"), read.payload(), "payload after adding again");
      Check.equal(blob.id(), read.id(), "id after adding again");
      Check.isTrue(f.backend().refs().listRefs().isEmpty(), "adding objects makes no branch");
    });

    add(cases, "add_several_objects_reads_each", f -> {
      List<RawObject> blobs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        blobs.add(RawObject.of(ObjectType.BLOB, Fixture.utf8("object " + i)));
      }
      f.backend().objects().add(blobs);
      for (int i = 0; i < 20; i++) {
        RawObject read = f.backend().objects().read(blobs.get(i).id()).orElse(null);
        Check.isTrue(read != null, "object " + i + " readable");
        Check.equal("object " + i, Fixture.text(read.payload()), "object " + i);
      }
    });

    add(cases, "batch_without_ref_updates_stores_objects", f -> {
      RawObject blob = RawObject.of(ObjectType.BLOB, Fixture.utf8("batched"));
      BatchResult result = f.backend().write(new WriteBatch(List.of(blob), List.of()));
      Check.isTrue(result.outcomes().isEmpty(), "no outcomes for no updates");
      Check.isTrue(f.backend().objects().contains(blob.id()), "object stored");
      Check.isTrue(f.backend().refs().listRefs().isEmpty(), "no branch");
    });

    // ---- compare-and-set outcomes ----

    add(cases, "cas_creates_absent_branch", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      RefOutcome outcome = cas(f.backend(), "main", ObjectId.NONE, c1);
      Check.equal(RefOutcome.CREATED, outcome, "outcome");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("main"), "head");
    });

    add(cases, "cas_updates_from_expected_head", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      Check.equal(RefOutcome.CREATED, cas(f.backend(), "main", ObjectId.NONE, c1), "create");
      Check.equal(RefOutcome.UPDATED, cas(f.backend(), "main", c1, c2), "outcome");
      Check.equal(Optional.of(c2), f.backend().refs().readRef("main"), "head");
      Check.equal(RefOutcome.UPDATED, cas(f.backend(), "main", c2, c1), "back to c1");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("main"), "head back to c1");
    });

    add(cases, "cas_deletes_from_expected_head", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      Check.equal(RefOutcome.DELETED, cas(f.backend(), "main", c1, ObjectId.NONE), "outcome");
      Check.equal(Optional.empty(), f.backend().refs().readRef("main"), "head after delete");
      Check.isFalse(f.backend().refs().listRefs().containsKey("main"), "listed after delete");
      Check.isTrue(f.backend().objects().contains(c1), "the commit stays stored");
      Check.equal(RefOutcome.CREATED, cas(f.backend(), "main", ObjectId.NONE, c1),
          "recreate after delete");
    });

    add(cases, "cas_same_head_is_no_change", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      Check.equal(RefOutcome.NO_CHANGE, cas(f.backend(), "main", c1, c1), "outcome");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("main"), "head");
    });

    add(cases, "cas_delete_absent_expecting_absent_is_no_change", f -> {
      Check.equal(RefOutcome.NO_CHANGE, cas(f.backend(), "main", ObjectId.NONE, ObjectId.NONE),
          "outcome");
      Check.isTrue(f.backend().refs().listRefs().isEmpty(), "still no branch");
    });

    add(cases, "cas_stale_expected_fails_and_changes_nothing", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      ObjectId c3 = storeCommit(f.backend(), "three");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      cas(f.backend(), "main", c1, c2);
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", c1, c3), "stale update");
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", c1, ObjectId.NONE),
          "stale delete");
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", c1, c1), "stale no-op");
      Check.equal(Optional.of(c2), f.backend().refs().readRef("main"), "head unchanged");
    });

    add(cases, "cas_expecting_absent_on_existing_branch_fails", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", ObjectId.NONE, c2), "outcome");
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", ObjectId.NONE, ObjectId.NONE),
          "delete expecting absent");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("main"), "head unchanged");
    });

    add(cases, "cas_expecting_present_on_absent_branch_fails", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", c1, c2), "update");
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", c1, ObjectId.NONE), "delete");
      Check.equal(RefOutcome.CAS_FAILED, cas(f.backend(), "main", c1, c1), "no-op");
      Check.equal(Optional.empty(), f.backend().refs().readRef("main"), "still absent");
      Check.isTrue(f.backend().refs().listRefs().isEmpty(), "no branch");
    });

    add(cases, "cas_to_unstored_head_is_missing_objects", f -> {
      ObjectId unstored = RawObject.idOf(ObjectType.COMMIT, Fixture.utf8("not stored"));
      Check.equal(RefOutcome.MISSING_OBJECTS, cas(f.backend(), "main", ObjectId.NONE, unstored),
          "create to unstored");
      Check.equal(Optional.empty(), f.backend().refs().readRef("main"), "not created");
      ObjectId c1 = storeCommit(f.backend(), "one");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      Check.equal(RefOutcome.MISSING_OBJECTS, cas(f.backend(), "main", c1, unstored),
          "update to unstored");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("main"), "head unchanged");
      Check.isFalse(f.backend().objects().contains(unstored), "still not stored");
    });

    add(cases, "batch_with_objects_and_ref_makes_ref_valid", f -> {
      RawObject blob = RawObject.of(ObjectType.BLOB, Fixture.utf8("value"));
      RawObject sub = ObjectCodec.encodeTree(TreeObject.of(
          List.of(new TreeEntry(EntryMode.FILE, "leaf", blob.id()))));
      RawObject root = ObjectCodec.encodeTree(TreeObject.of(
          List.of(new TreeEntry(EntryMode.TREE, "dir", sub.id()))));
      RawObject commit = ObjectCodec.encodeCommit(new CommitObject(root.id(), List.of(),
          person(), person(), "batched\n"));
      BatchResult result = f.backend().write(WriteBatch.of(List.of(blob, sub, root, commit),
          new RefUpdate("main", ObjectId.NONE, commit.id())));
      Check.equal(RefOutcome.CREATED, result.single(), "outcome");
      Check.isTrue(result.succeeded(), "succeeded");
      Check.equal(Optional.of(commit.id()), f.backend().refs().readRef("main"), "head");
      for (RawObject object : List.of(blob, sub, root, commit)) {
        Check.isTrue(f.backend().objects().contains(object.id()), object + " stored");
      }
      Check.equal("value", Fixture.text(f.main().get("dir/leaf")), "readable through the store");
    });

    add(cases, "batch_update_to_object_in_same_batch_succeeds", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      RawObject tree = ObjectCodec.encodeTree(TreeObject.of(List.of()));
      RawObject commit = ObjectCodec.encodeCommit(new CommitObject(tree.id(), List.of(c1),
          person(), person(), "child\n"));
      Check.isFalse(f.backend().objects().contains(commit.id()), "not stored before");
      BatchResult result = f.backend().write(WriteBatch.of(List.of(tree, commit),
          new RefUpdate("main", c1, commit.id())));
      Check.equal(RefOutcome.UPDATED, result.single(), "outcome");
      Check.equal(Optional.of(commit.id()), f.backend().refs().readRef("main"), "head");
    });

    // ---- several refs in one batch ----

    add(cases, "multi_ref_batch_all_succeed", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      cas(f.backend(), "b", ObjectId.NONE, c1);
      BatchResult result = f.backend().write(new WriteBatch(List.of(), List.of(
          new RefUpdate("c", ObjectId.NONE, c2),
          new RefUpdate("a", ObjectId.NONE, c1),
          new RefUpdate("b", c1, c2))));
      Check.equal(List.of(RefOutcome.CREATED, RefOutcome.CREATED, RefOutcome.UPDATED),
          result.outcomes(), "outcomes in batch order");
      Check.isTrue(result.succeeded(), "succeeded");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("a"), "a");
      Check.equal(Optional.of(c2), f.backend().refs().readRef("b"), "b");
      Check.equal(Optional.of(c2), f.backend().refs().readRef("c"), "c");
    });

    add(cases, "multi_ref_batch_with_cas_failure_per_capability", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      cas(f.backend(), "a", ObjectId.NONE, c1);
      cas(f.backend(), "b", ObjectId.NONE, c1);
      // "b" moves properly; "a" expects a head it does not have; "c" is created.
      BatchResult result = f.backend().write(new WriteBatch(List.of(), List.of(
          new RefUpdate("b", c1, c2),
          new RefUpdate("a", c2, ObjectId.NONE),
          new RefUpdate("c", ObjectId.NONE, c2))));
      Check.equal(3, result.outcomes().size(), "one outcome per update");
      Check.equal(RefOutcome.CAS_FAILED, result.outcomes().get(1), "the failing update");
      Check.isFalse(result.succeeded(), "batch did not succeed");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("a"), "a untouched");
      if (f.backend().capabilities().atomicMultiRefBatch()) {
        Check.equal(RefOutcome.ABORTED, result.outcomes().get(0), "b aborted");
        Check.equal(RefOutcome.ABORTED, result.outcomes().get(2), "c aborted");
        Check.equal(Optional.of(c1), f.backend().refs().readRef("b"), "b unchanged");
        Check.equal(Optional.empty(), f.backend().refs().readRef("c"), "c not created");
        Check.equal(List.of("a", "b"), new ArrayList<>(f.backend().refs().listRefs().keySet()),
            "branches unchanged");
      } else {
        Check.equal(RefOutcome.UPDATED, result.outcomes().get(0), "b applied on its own");
        Check.equal(RefOutcome.CREATED, result.outcomes().get(2), "c applied on its own");
        Check.equal(Optional.of(c2), f.backend().refs().readRef("b"), "b moved");
        Check.equal(Optional.of(c2), f.backend().refs().readRef("c"), "c created");
      }
    });

    add(cases, "multi_ref_batch_with_missing_object_per_capability", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId unstored = RawObject.idOf(ObjectType.COMMIT, Fixture.utf8("not stored"));
      BatchResult result = f.backend().write(new WriteBatch(List.of(), List.of(
          new RefUpdate("x", ObjectId.NONE, unstored),
          new RefUpdate("y", ObjectId.NONE, c1))));
      Check.equal(RefOutcome.MISSING_OBJECTS, result.outcomes().get(0), "x");
      Check.equal(Optional.empty(), f.backend().refs().readRef("x"), "x not created");
      if (f.backend().capabilities().atomicMultiRefBatch()) {
        Check.equal(RefOutcome.ABORTED, result.outcomes().get(1), "y aborted");
        Check.equal(Optional.empty(), f.backend().refs().readRef("y"), "y not created");
        Check.isTrue(f.backend().refs().listRefs().isEmpty(), "no branches");
      } else {
        Check.equal(RefOutcome.CREATED, result.outcomes().get(1), "y applied on its own");
        Check.equal(Optional.of(c1), f.backend().refs().readRef("y"), "y created");
      }
    });

    // ---- listing ----

    add(cases, "list_refs_is_sorted_by_name", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      String[] names = {"zeta", "main", "alpha", "feature/x", "feature-y", "Zed", "m2"};
      for (int i = 0; i < names.length; i++) {
        Check.equal(RefOutcome.CREATED,
            cas(f.backend(), names[i], ObjectId.NONE, i % 2 == 0 ? c1 : c2), names[i]);
      }
      SortedMap<String, ObjectId> refs = f.backend().refs().listRefs();
      Check.equal(List.of("Zed", "alpha", "feature-y", "feature/x", "m2", "main", "zeta"),
          new ArrayList<>(refs.keySet()), "names in order");
      for (int i = 0; i < names.length; i++) {
        Check.equal(i % 2 == 0 ? c1 : c2, refs.get(names[i]), "head of " + names[i]);
      }
    });

    add(cases, "list_refs_reflects_deletes_and_updates", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      cas(f.backend(), "a", ObjectId.NONE, c1);
      cas(f.backend(), "b", ObjectId.NONE, c1);
      cas(f.backend(), "c", ObjectId.NONE, c1);
      cas(f.backend(), "b", c1, ObjectId.NONE);
      cas(f.backend(), "c", c1, c2);
      SortedMap<String, ObjectId> refs = f.backend().refs().listRefs();
      Check.equal(List.of("a", "c"), new ArrayList<>(refs.keySet()), "names");
      Check.equal(c1, refs.get("a"), "a");
      Check.equal(c2, refs.get("c"), "c");
      cas(f.backend(), "a", c1, ObjectId.NONE);
      cas(f.backend(), "c", c2, ObjectId.NONE);
      Check.isTrue(f.backend().refs().listRefs().isEmpty(), "all deleted");
    });

    add(cases, "branch_names_with_slashes", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      ObjectId c2 = storeCommit(f.backend(), "two");
      Check.equal(RefOutcome.CREATED, cas(f.backend(), "feature/x", ObjectId.NONE, c1), "x");
      Check.equal(RefOutcome.CREATED, cas(f.backend(), "feature/y", ObjectId.NONE, c2), "y");
      Check.equal(RefOutcome.CREATED, cas(f.backend(), "team/a/deep", ObjectId.NONE, c2), "deep");
      Check.equal(Optional.of(c1), f.backend().refs().readRef("feature/x"), "read feature/x");
      Check.equal(Optional.empty(), f.backend().refs().readRef("feature"), "no 'feature'");
      Check.equal(List.of("feature/x", "feature/y", "team/a/deep"),
          new ArrayList<>(f.backend().refs().listRefs().keySet()), "listed");
      Check.equal(RefOutcome.UPDATED, cas(f.backend(), "feature/x", c1, c2), "update");
      Check.equal(RefOutcome.DELETED, cas(f.backend(), "feature/y", c2, ObjectId.NONE), "delete");
      Check.equal(List.of("feature/x", "team/a/deep"),
          new ArrayList<>(f.backend().refs().listRefs().keySet()), "listed after delete");
      Check.equal(Optional.of(c2), f.backend().refs().readRef("feature/x"), "feature/x moved");
    });

    add(cases, "branch_names_are_exact_not_prefixes", f -> {
      ObjectId c1 = storeCommit(f.backend(), "one");
      cas(f.backend(), "main", ObjectId.NONE, c1);
      Check.equal(Optional.empty(), f.backend().refs().readRef("mai"), "prefix is another branch");
      Check.equal(Optional.empty(), f.backend().refs().readRef("main2"), "longer is another");
      Check.equal(1, f.backend().refs().listRefs().size(), "one branch");
    });

    // ---- the closure invariant ----

    add(cases, "closure_invariant_every_ref_fully_readable", f -> {
      Branch main = f.main();
      main.set("a", "1", Fixture.info("a"));
      main.set("dir/b", "2", Fixture.info("b"));
      main.set("dir/sub/c", "3", Fixture.info("c"));
      f.repo().fork("main", "feature/x");
      Branch feature = f.repo().branch("feature/x");
      feature.set("dir/sub/d", "4", Fixture.info("d"));
      feature.remove("a", Fixture.info("rm a"));
      main.transact(Strategy.SET, Fixture.info("many"), d -> {
        for (int i = 0; i < 30; i++) {
          d.set("bulk/" + (i % 3) + "/k" + i, "v" + i);
        }
        return null;
      });
      main.set("e", new byte[0], Fixture.info("empty value"));
      main.mergeBranch("feature/x", Fixture.info("merge"));
      main.remove("bulk/1", Fixture.info("rm subtree"));
      f.repo().branch("only").set("x", "y", Fixture.info("x"));
      f.repo().branch("only").remove("x", Fixture.info("rm x"));
      Map<String, ObjectId> refs = f.backend().refs().listRefs();
      Check.equal(List.of("feature/x", "main", "only"), new ArrayList<>(refs.keySet()), "refs");
      int seen = 0;
      for (Map.Entry<String, ObjectId> ref : refs.entrySet()) {
        seen += walkClosure(f.backend(), ref.getValue(), ref.getKey());
      }
      Check.isTrue(seen > 20, "walked a real history (" + seen + " objects)");
    });

    return cases;
  }

  // ---- helpers ----

  private static void add(List<ConformanceCase> cases, String name, CaseBody body) {
    cases.add(new ConformanceCase(CATEGORY, name, body));
  }

  private static Person person() {
    return new Person("Backend Case", "backend@grove.dev", Fixture.START_SECONDS, 0);
  }

  /** Stores the empty tree and a root commit of it with {@code message}; returns the commit. */
  private static ObjectId storeCommit(Backend backend, String message) {
    RawObject tree = ObjectCodec.encodeTree(TreeObject.of(List.of()));
    RawObject commit = ObjectCodec.encodeCommit(new CommitObject(tree.id(), List.of(), person(),
        person(), message + "\n"));
    backend.objects().add(List.of(tree, commit));
    return commit.id();
  }

  private static RefOutcome cas(Backend backend, String branch, ObjectId expected,
      ObjectId next) {
    return backend.write(new WriteBatch(List.of(), List.of(new RefUpdate(branch, expected, next))))
        .single();
  }

  /**
   * Walks everything reachable from {@code head} through the raw object store, checking each
   * object is readable, has the type it is referred to as, and hashes to its id.
   *
   * @return how many distinct objects were read
   */
  private static int walkClosure(Backend backend, ObjectId head, String ref) {
    Set<ObjectId> seen = new HashSet<>();
    ArrayDeque<Object[]> todo = new ArrayDeque<>();
    todo.add(new Object[] {head, ObjectType.COMMIT});
    while (!todo.isEmpty()) {
      Object[] next = todo.poll();
      ObjectId id = (ObjectId) next[0];
      ObjectType type = (ObjectType) next[1];
      if (!seen.add(id)) {
        continue;
      }
      Optional<RawObject> found = backend.objects().read(id);
      Check.isTrue(found.isPresent(), type.gitName() + " " + id + " reachable from " + ref
          + " is readable");
      RawObject object = found.get();
      Check.equal(type, object.type(), "type of " + id);
      Check.equal(id, RawObject.idOf(object.type(), object.payload()), "content hash of " + id);
      Check.isTrue(backend.objects().contains(id), "contains " + id);
      if (type == ObjectType.COMMIT) {
        CommitObject commit = ObjectCodec.decodeCommit(object);
        todo.add(new Object[] {commit.tree(), ObjectType.TREE});
        for (ObjectId parent : commit.parents()) {
          todo.add(new Object[] {parent, ObjectType.COMMIT});
        }
      } else if (type == ObjectType.TREE) {
        for (TreeEntry entry : ObjectCodec.decodeTree(object).entries()) {
          todo.add(new Object[] {entry.id(),
              entry.mode() == EntryMode.TREE ? ObjectType.TREE : ObjectType.BLOB});
        }
      }
    }
    return seen.size();
  }
}
