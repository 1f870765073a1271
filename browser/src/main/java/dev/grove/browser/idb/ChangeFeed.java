package dev.grove.browser.idb;

import dev.grove.backend.RefChange;
import dev.grove.backend.RefWatcher;
import dev.grove.backend.Subscription;
import dev.grove.backend.Watchers;
import dev.grove.hash.ObjectId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The branch heads one backend instance (one page, one tab) knows, the watchers it tells, and
 * what it tells and hears from other tabs.
 *
 * <p>Every change is computed against the head last known, so a watcher sees each move of a
 * branch once, in order, from whichever tab it came: its own writes (told right after their
 * transaction completed), other tabs' writes (a {@code BroadcastChannel} message is a hint to
 * re-read the branch) and changes whose message was lost (every branch is re-read when the page
 * becomes visible or gains focus, and after a reconnection).
 *
 * <p>{@link #observe} must be called with no wait since the IndexedDB event that showed the head
 * (the continuation of that event): events arrive in the order IndexedDB serialised the
 * transactions, so the changes queue in that order too. All of this runs in the page's single
 * JavaScript thread, and nothing here waits while holding state, so no lock is needed.
 */
final class ChangeFeed {
  /** Reads heads from IndexedDB; returns in the event that completed the read. */
  interface HeadReader {
    SortedMap<String, ObjectId> readAll();

    /** The head of each branch, {@link ObjectId#NONE} when absent, in the given order. */
    ObjectId[] read(List<String> branches);
  }

  private final String name;
  private final HeadReader reader;
  private final Watchers watchers = new Watchers();
  private final Map<String, ObjectId> known = new HashMap<>();
  private BroadcastChannel channel;
  private Idb.Callback stopListening;
  private boolean ready;
  private boolean closed;
  // Re-reads asked for by hints and focus; one Java thread at a time does them.
  private boolean rereading;
  private boolean rereadAll;
  private final Set<String> rereadBranches = new TreeSet<>();

  /** A feed whose channel is named {@code name} (the database's name); call {@link #start}. */
  ChangeFeed(String name, HeadReader reader) {
    this.name = name;
    this.reader = reader;
  }

  /**
   * Listens to other tabs and to the page, then reads every head: hints that arrive meanwhile
   * are acted on once the heads are known.
   */
  void start() {
    if (BroadcastChannel.supported()) {
      channel = new BroadcastChannel(name);
      channel.setOnMessage(event -> {
        String branch = hintBranch(event.getData());
        if (branch == null) {
          rereadAll = true;
        } else {
          rereadBranches.add(branch);
        }
        scheduleReread();
      });
    }
    stopListening = PageEvents.onReturn(this::rereadAll);
    known.putAll(reader.readAll());
    ready = true;
    scheduleReread();
  }

  Subscription watch(RefWatcher watcher) {
    return watchers.add(watcher);
  }

  /**
   * Records that {@code branch} is at {@code head} ({@link ObjectId#NONE}: absent) in storage
   * now, and queues the change from the head last known, if any.
   */
  void observe(String branch, ObjectId head) {
    ObjectId before = known.getOrDefault(branch, ObjectId.NONE);
    if (before.equals(head)) {
      return;
    }
    if (head.isNone()) {
      known.remove(branch);
    } else {
      known.put(branch, head);
    }
    watchers.enqueue(new RefChange(branch, before, head));
  }

  /** Delivers the queued changes to the watchers (who may read and write the store). */
  void deliver() {
    watchers.drain();
  }

  /** Tells other tabs that {@code branch} moved to {@code head}: a hint, they re-read it. */
  void tellOthers(String branch, ObjectId head) {
    if (channel == null) {
      return;
    }
    try {
      channel.postMessage(hintMessage(branch, head.isNone() ? "" : head.hex()));
    } catch (Throwable t) {
      System.err.println("grove: cannot post to BroadcastChannel '" + name + "': "
          + t.getMessage());
    }
  }

  /** Re-reads every branch soon (in a thread of its own). */
  void rereadAll() {
    rereadAll = true;
    scheduleReread();
  }

  void close() {
    closed = true;
    if (channel != null) {
      channel.close();
      channel = null;
    }
    if (stopListening != null) {
      stopListening.run();
      stopListening = null;
    }
  }

  @JSBody(params = {"branch", "head"},
      script = "return {type: 'grove-ref', branch: branch, head: head};")
  private static native JSObject hintMessage(String branch, String head);

  /** The branch a hint names, or null when the message is not a hint of this kind. */
  @JSBody(params = "m", script = "return m != null && m.type === 'grove-ref'"
      + " && typeof m.branch === 'string' ? m.branch : null;")
  private static native String hintBranch(JSObject m);

  /** Starts the re-read thread unless it runs already (it then picks up the new requests). */
  private void scheduleReread() {
    if (closed || !ready || rereading || (!rereadAll && rereadBranches.isEmpty())) {
      return;
    }
    rereading = true;
    new Thread(this::rereadLoop, "grove-idb-reread").start();
  }

  private void rereadLoop() {
    try {
      while (!closed && (rereadAll || !rereadBranches.isEmpty())) {
        boolean all = rereadAll;
        List<String> branches = new ArrayList<>(rereadBranches);
        rereadAll = false;
        rereadBranches.clear();
        if (all) {
          SortedMap<String, ObjectId> now = reader.readAll();
          // Still in the event that completed the read: compare before anything else happens.
          Set<String> names = new TreeSet<>(known.keySet());
          names.addAll(now.keySet());
          for (String branch : names) {
            observe(branch, now.getOrDefault(branch, ObjectId.NONE));
          }
        } else {
          ObjectId[] heads = reader.read(branches);
          for (int i = 0; i < heads.length; i++) {
            observe(branches.get(i), heads[i]);
          }
        }
        deliver();
      }
    } catch (Throwable t) {
      if (!closed) {
        System.err.println("grove: cannot re-read the branches of '" + name + "': "
            + t.getMessage());
      }
    } finally {
      rereading = false;
    }
  }
}
