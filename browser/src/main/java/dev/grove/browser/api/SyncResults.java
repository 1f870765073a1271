package dev.grove.browser.api;

import dev.grove.sync.PullResult;
import dev.grove.sync.PushResult;
import dev.grove.sync.SyncResult;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The results of {@code pull}, {@code push} and {@code sync} as plain JavaScript objects, shaped
 * as {@code grove.d.ts} declares them. Statuses are spelled as the other results' are
 * ({@code 'up-to-date'}, {@code 'fast-forward'}): lower case with hyphens.
 */
final class SyncResults {
  private SyncResults() {}

  static JSObject pull(PullResult result) {
    JSObject merge = Results.merge(result.merge());
    return pull(result.branch(), Results.id(result.remoteHead()), merge,
        result.objectsReceived());
  }

  @JSBody(params = {"branch", "remoteHead", "merge", "received"},
      script = "return {status: merge.status, branch: branch, head: merge.head,"
          + " remoteHead: remoteHead, conflicts: merge.conflicts, objectsReceived: received};")
  private static native JSObject pull(String branch, JSObject remoteHead, JSObject merge,
      int received);

  static JSObject push(PushResult result) {
    return push(pushStatus(result.status()), result.branch(), Results.id(result.remoteHead()),
        result.objectsSent());
  }

  private static String pushStatus(PushResult.Status status) {
    switch (status) {
      case UP_TO_DATE:
        return "up-to-date";
      case CREATED:
        return "created";
      case UPDATED:
        return "updated";
      case NON_FAST_FORWARD:
        return "non-fast-forward";
      default:
        return "conflict";
    }
  }

  @JSBody(params = {"status", "branch", "remoteHead", "sent"},
      script = "return {status: status, branch: branch, remoteHead: remoteHead,"
          + " objectsSent: sent};")
  private static native JSObject push(String status, String branch, JSObject remoteHead,
      int sent);

  static JSObject sync(SyncResult result) {
    return sync(syncStatus(result.status()), result.branch(), Results.id(result.head()),
        Results.conflicts(result.conflicts()), result.attempts(), result.objectsReceived(),
        result.objectsSent());
  }

  private static String syncStatus(SyncResult.Status status) {
    switch (status) {
      case UP_TO_DATE:
        return "up-to-date";
      case SYNCED:
        return "synced";
      default:
        return "conflict";
    }
  }

  @JSBody(params = {"status", "branch", "head", "conflicts", "attempts", "received", "sent"},
      script = "return {status: status, branch: branch, head: head, conflicts: conflicts,"
          + " attempts: attempts, objectsReceived: received, objectsSent: sent};")
  private static native JSObject sync(String status, String branch, JSObject head,
      JSObject conflicts, int attempts, int received, int sent);

  /** What {@code onProgress} is given. */
  @JSBody(params = {"phase", "done", "total"},
      script = "return {phase: phase, done: done, total: total};")
  static native JSObject progress(String phase, double done, double total);

  /** {@code {url}}, the JSON form of a remote. */
  @JSBody(params = "url", script = "return {url: url};")
  static native JSObject url(String url);
}
