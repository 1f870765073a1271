package dev.grove.browser.api;

import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import dev.grove.object.Person;
import dev.grove.store.CommitView;
import dev.grove.store.EntryKind;
import dev.grove.store.MergeResult;
import dev.grove.store.TransactionResult;
import dev.grove.tree.Change;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/** The core's results as plain JavaScript objects, shaped as {@code grove.d.ts} declares them. */
final class Results {
  private Results() {}

  /** A commit id as 40 hex digits, or null for "none" (an absent branch). */
  static JSObject id(ObjectId id) {
    return id == null || id.isNone() ? null : Js.string(id.hex());
  }

  static JSArray<JSObject> ids(List<ObjectId> ids) {
    JSArray<JSObject> out = JSArray.create();
    for (ObjectId id : ids) {
      out.push(id(id));
    }
    return out;
  }

  static JSArray<JSObject> entries(Map<String, EntryKind> entries) {
    JSArray<JSObject> out = JSArray.create();
    for (Map.Entry<String, EntryKind> entry : entries.entrySet()) {
      out.push(entry(entry.getKey(), entry.getValue() == EntryKind.VALUE ? "value" : "tree"));
    }
    return out;
  }

  @JSBody(params = {"name", "kind"}, script = "return {name: name, kind: kind};")
  private static native JSObject entry(String name, String kind);

  static JSArray<JSObject> changes(List<Change> changes) {
    JSArray<JSObject> out = JSArray.create();
    for (Change change : changes) {
      out.push(change(change.path().toString(), kindName(change.kind())));
    }
    return out;
  }

  private static String kindName(Change.Kind kind) {
    switch (kind) {
      case ADDED:
        return "added";
      case REMOVED:
        return "removed";
      default:
        return "changed";
    }
  }

  @JSBody(params = {"path", "kind"}, script = "return {path: path, kind: kind};")
  private static native JSObject change(String path, String kind);

  static JSArray<JSObject> conflicts(List<Conflict> conflicts) {
    JSArray<JSObject> out = JSArray.create();
    for (Conflict conflict : conflicts) {
      out.push(conflict(conflict.path().toString(), conflict.reason()));
    }
    return out;
  }

  @JSBody(params = {"path", "reason"}, script = "return {path: path, reason: reason};")
  private static native JSObject conflict(String path, String reason);

  static JSArray<JSObject> commits(List<CommitView> commits) {
    JSArray<JSObject> out = JSArray.create();
    for (CommitView commit : commits) {
      out.push(commit(id(commit.id()), id(commit.commit().tree()), ids(commit.parents()),
          commit.message(), person(commit.author()), person(commit.committer())));
    }
    return out;
  }

  @JSBody(params = {"id", "tree", "parents", "message", "author", "committer"},
      script = "return {id: id, tree: tree, parents: parents, message: message, author: author,"
          + " committer: committer};")
  private static native JSObject commit(JSObject id, JSObject tree, JSObject parents,
      String message, JSObject author, JSObject committer);

  private static JSObject person(Person person) {
    return person(person.name(), person.email(), (double) person.epochSeconds(),
        person.offsetMinutes());
  }

  @JSBody(params = {"name", "email", "time", "offset"},
      script = "return {name: name, email: email, time: time, offset: offset};")
  private static native JSObject person(String name, String email, double time, int offset);

  static JSArray<JSObject> branches(Map<String, ObjectId> heads) {
    JSArray<JSObject> out = JSArray.create();
    for (Map.Entry<String, ObjectId> entry : heads.entrySet()) {
      out.push(branchInfo(entry.getKey(), id(entry.getValue())));
    }
    return out;
  }

  @JSBody(params = {"name", "head"}, script = "return {name: name, head: head};")
  private static native JSObject branchInfo(String name, JSObject head);

  static JSObject merge(MergeResult result) {
    return statusHeadConflicts(mergeStatus(result.status()), id(result.head()),
        conflicts(result.conflicts()));
  }

  private static String mergeStatus(MergeResult.Status status) {
    switch (status) {
      case UP_TO_DATE:
        return "up-to-date";
      case FAST_FORWARD:
        return "fast-forward";
      case MERGED:
        return "merged";
      default:
        return "conflict";
    }
  }

  @JSBody(params = {"status", "head", "conflicts"},
      script = "return {status: status, head: head, conflicts: conflicts};")
  private static native JSObject statusHeadConflicts(String status, JSObject head,
      JSObject conflicts);

  static JSObject transaction(TransactionResult<?> result, JSObject value) {
    return transaction(transactionStatus(result.status()), id(result.head()),
        conflicts(result.conflicts()), value);
  }

  private static String transactionStatus(TransactionResult.Status status) {
    switch (status) {
      case COMMITTED:
        return "committed";
      case UNCHANGED:
        return "unchanged";
      default:
        return "conflict";
    }
  }

  @JSBody(params = {"status", "head", "conflicts", "value"},
      script = "return {status: status, head: head, conflicts: conflicts, value: value};")
  private static native JSObject transaction(String status, JSObject head, JSObject conflicts,
      JSObject value);

  /** {@code {name}}, the JSON form of a store or a branch handle. */
  @JSBody(params = "name", script = "return {name: name};")
  static native JSObject named(String name);

  /** What a branch watcher is told. */
  @JSBody(params = {"branch", "previous", "head"},
      script = "return {branch: branch, previous: previous, head: head};")
  static native JSObject branchEvent(String branch, JSObject previous, JSObject head);
}
