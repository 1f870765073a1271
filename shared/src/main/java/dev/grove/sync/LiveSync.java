package dev.grove.sync;

import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;
import java.util.SortedMap;

/**
 * Keeps one local branch in sync with the remote branch of the same name: it follows the
 * remote's watch stream and the local branch, and runs {@link Remote#sync} whenever either
 * moves (and on every (re)connection, so no change made while offline is missed). Syncs
 * run one at a time on one worker thread; changes that arrive during a sync are coalesced into
 * one more sync. When the stream or a sync fails, it waits and tries again, the pause growing
 * from 1 s, doubling, to 30 s; a successful connection or sync resets it.
 *
 * <p>A sync runs only when it has something to do: before each one, the local head is compared
 * with the remote head the stream reported last, and when they are equal the sync is skipped.
 * So the events a sync causes itself (its push comes back from the server as an event, its
 * merge moves the local branch) cost no second sync, and a change on one side costs one sync
 * on each replica. This is sound because the stream reports every remote move in order: a
 * remote head that moved on since it was read comes with an event of its own, which wakes the
 * worker again.
 *
 * <p>Uses only threads and {@code synchronized}/{@code wait}/{@code notifyAll}, so it runs in
 * the browser too (TeaVM green threads). Listener calls come from the worker thread or the
 * stream's thread, never at the same time as a sync's own calls; they must not block.
 */
public final class LiveSync implements Subscription {
  static final long FIRST_BACKOFF_MS = 1000;
  static final long MAX_BACKOFF_MS = 30000;
  /** How many rounds one sync tries when it keeps losing races. */
  static final int SYNC_ATTEMPTS = 16;

  /** Told what a live sync is doing. Calls must return quickly and not throw. */
  public interface Listener {
    /** {@code connecting}, {@code live}, {@code syncing}, {@code offline} or {@code stopped}. */
    void state(String state);

    /** After each sync that ran, including those that ended in a conflict. */
    void synced(SyncResult result);

    /** A sync or the connection failed; it will be tried again after a pause. */
    void failed(RuntimeException error);
  }

  private final Remote remote;
  private final String branch;
  private final CommitInfo mergeInfo;
  private final Listener listener;
  private final long firstBackoff;
  private final Object lock = new Object();

  // Guarded by lock.
  private boolean cancelled;
  private boolean dirty;
  /** The worker is connecting or syncing (or checking whether to). */
  private boolean busy;
  private boolean connected;
  private boolean needConnect = true;
  /** The branch's remote head as this connection's stream last reported it (NONE: absent); null when not connected. */
  private ObjectId remoteHead;
  private long reconnectAt = Long.MIN_VALUE;
  private long syncAt = Long.MIN_VALUE;
  private long connectBackoff;
  private long syncBackoff;
  private int generation;
  private Subscription stream;
  private Subscription localWatch;

  private LiveSync(Remote remote, String branch, CommitInfo mergeInfo, Listener listener,
      long firstBackoff) {
    this.remote = remote;
    this.branch = branch;
    this.mergeInfo = mergeInfo;
    this.listener = listener;
    this.firstBackoff = firstBackoff;
    this.connectBackoff = firstBackoff;
    this.syncBackoff = firstBackoff;
  }

  /**
   * Starts keeping {@code branch} in sync (the local branch need not exist yet); returns at
   * once. Merge commits are made with {@code mergeInfo}.
   */
  public static LiveSync start(Remote remote, String branch, CommitInfo mergeInfo,
      Listener listener) {
    return start(remote, branch, mergeInfo, listener, FIRST_BACKOFF_MS);
  }

  /** As {@link #start(Remote, String, CommitInfo, Listener)}, with another first pause (tests). */
  static LiveSync start(Remote remote, String branch, CommitInfo mergeInfo, Listener listener,
      long firstBackoffMs) {
    LiveSync live = new LiveSync(remote, branch, mergeInfo, listener, firstBackoffMs);
    Subscription watch = remote.local().branch(branch).watch((name, oldHead, newHead) ->
        live.localMoved(newHead));
    synchronized (live.lock) {
      live.localWatch = watch;
    }
    Thread worker = new Thread(live::run, "grove-live-sync-" + branch);
    worker.setDaemon(true);
    worker.start();
    return live;
  }

  /** Stops: closes the stream, runs no more syncs (one under way finishes), state {@code stopped}. */
  @Override
  public void cancel() {
    Subscription closeStream;
    Subscription closeWatch;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      closeStream = stream;
      closeWatch = localWatch;
      stream = null;
      localWatch = null;
      lock.notifyAll();
    }
    if (closeStream != null) {
      closeStream.cancel();
    }
    if (closeWatch != null) {
      closeWatch.cancel();
    }
    tell(() -> listener.state("stopped"));
  }

  /**
   * Whether it is connected and has nothing to do: no sync due or under way (tests: with every
   * event delivered, no sync can follow).
   */
  boolean idle() {
    synchronized (lock) {
      return connected && !dirty && !busy;
    }
  }

  /** The local branch moved: a sync is due unless the remote is known to be there already. */
  private void localMoved(ObjectId newHead) {
    synchronized (lock) {
      if (!newHead.equals(remoteHead)) {
        dirty = true;
        lock.notifyAll();
      }
    }
  }

  /**
   * Whether a sync due now would find both sides at one head (the stream's last report equals
   * the local head), so it can be skipped. Called by the worker with the lock not held.
   */
  private boolean alreadyInSync() {
    ObjectId reported;
    synchronized (lock) {
      reported = remoteHead;
    }
    if (reported == null) {
      return false;
    }
    try {
      return reported.equals(remote.local().head(branch));
    } catch (RuntimeException e) {
      return false; // the sync will meet the failure too, and report it
    }
  }

  private void run() {
    while (true) {
      boolean connect = false;
      synchronized (lock) {
        while (true) {
          if (cancelled) {
            return;
          }
          long now = now();
          if (needConnect && now >= reconnectAt) {
            needConnect = false;
            connect = true;
            busy = true;
            break;
          }
          if (dirty && connected && now >= syncAt) {
            dirty = false;
            busy = true;
            break;
          }
          long wakeAt = Long.MAX_VALUE;
          if (needConnect) {
            wakeAt = reconnectAt;
          } else if (dirty && connected) {
            wakeAt = syncAt;
          }
          try {
            if (wakeAt == Long.MAX_VALUE) {
              lock.wait();
            } else {
              lock.wait(Math.max(1, wakeAt - now));
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      if (connect) {
        connect();
      } else if (!alreadyInSync()) {
        syncOnce();
      }
      synchronized (lock) {
        busy = false;
      }
    }
  }

  private void connect() {
    int current;
    synchronized (lock) {
      current = ++generation;
    }
    tell(() -> listener.state("connecting"));
    Subscription opened;
    try {
      opened = remote.watch(new StreamListener(current));
    } catch (RuntimeException e) {
      lost(current, e);
      return;
    }
    boolean keep;
    synchronized (lock) {
      keep = !cancelled && generation == current && !needConnect;
      if (keep) {
        stream = opened;
      }
    }
    if (!keep) {
      opened.cancel();
    }
  }

  private void syncOnce() {
    tell(() -> listener.state("syncing"));
    try {
      SyncResult result = remote.sync(branch, mergeInfo, SYNC_ATTEMPTS, Progress.NONE);
      synchronized (lock) {
        syncBackoff = firstBackoff;
        syncAt = Long.MIN_VALUE;
      }
      tell(() -> listener.synced(result));
    } catch (RuntimeException e) {
      synchronized (lock) {
        dirty = true;
        syncAt = now() + syncBackoff;
        syncBackoff = Math.min(MAX_BACKOFF_MS, syncBackoff * 2);
      }
      tell(() -> listener.failed(e));
    }
    boolean live;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      live = connected;
    }
    tell(() -> listener.state(live ? "live" : "offline"));
  }

  /** The stream of generation {@code current} ended or could not open. */
  private void lost(int current, RuntimeException error) {
    synchronized (lock) {
      if (cancelled || generation != current) {
        return;
      }
      connected = false;
      remoteHead = null;
      stream = null;
      needConnect = true;
      reconnectAt = now() + connectBackoff;
      connectBackoff = Math.min(MAX_BACKOFF_MS, connectBackoff * 2);
      lock.notifyAll();
    }
    tell(() -> listener.state("offline"));
    if (error != null) {
      tell(() -> listener.failed(error));
    }
  }

  /** Milliseconds of a monotonic clock (wall-clock jumps do not shorten or stretch pauses). */
  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  private void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      System.err.println("grove: a live sync listener failed: " + e);
    }
  }

  /** The watch stream of one connection. */
  private final class StreamListener implements WatchListener {
    private final int current;

    StreamListener(int current) {
      this.current = current;
    }

    @Override
    public void refs(SortedMap<String, ObjectId> branches) {
      synchronized (lock) {
        if (cancelled || generation != current) {
          return;
        }
        connected = true;
        remoteHead = branches.getOrDefault(branch, ObjectId.NONE);
        connectBackoff = firstBackoff;
        syncAt = Long.MIN_VALUE;
        dirty = true;
        lock.notifyAll();
      }
      tell(() -> listener.state("live"));
    }

    @Override
    public void changed(String changedBranch, ObjectId headOrNone) {
      if (changedBranch.equals(branch)) {
        synchronized (lock) {
          if (cancelled || generation != current) {
            return;
          }
          remoteHead = headOrNone;
          dirty = true;
          lock.notifyAll();
        }
      }
    }

    @Override
    public void closed(RuntimeException errorOrNull) {
      lost(current, errorOrNull);
    }
  }
}
