package dev.grove.sync;

import dev.grove.backend.BranchNames;
import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;
import dev.grove.store.MergeResult;
import dev.grove.store.NotFoundException;
import dev.grove.store.Repository;
import dev.grove.store.TooManyRetriesException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The client side of the sync protocol: one local repository and one remote repository reached
 * through a {@link Transport}. The same algorithm runs on the JVM and in the browser.
 *
 * <p>Fetched objects are verified as the server verifies pushes ({@link Receiver}) and written
 * in one backend write that moves no branch; only {@link #pull}, {@link #sync} and
 * {@link #cloneAll} then move local branches. Error answers become a {@link SyncException}
 * with the server's code; no answer at all is a {@link TransportException}. Thread-safe for
 * distinct branches.
 */
public final class Remote {
  private final Repository local;
  private final Transport transport;
  private final ClientFetch fetcher;
  private final ClientPush pusher;

  public Remote(Repository local, Transport transport) {
    this.local = local;
    this.transport = transport;
    this.fetcher = new ClientFetch(local, transport);
    this.pusher = new ClientPush(local, transport);
  }

  public Repository local() {
    return local;
  }

  /** GET refs: the remote's branches and heads. Error answers become a SyncException with the server's code. */
  public SortedMap<String, ObjectId> refs() {
    return refs("refs");
  }

  private SortedMap<String, ObjectId> refs(String path) {
    try (Reply reply = transport.send(Request.get(path))) {
      if (reply.status() != 200) {
        throw Protocol.errorFrom(reply);
      }
      return WireJson.parseRefs(Protocol.readReply(reply, Protocol.MAX_JSON_BYTES));
    }
  }

  /**
   * Fetches the named remote branches' heads (every branch when {@code branches} is empty) and
   * stores their objects; moves no branch.
   *
   * @return the heads fetched, by branch
   * @throws SyncException {@code branch_not_found} (404) when a named branch is not on the remote
   */
  public SortedMap<String, ObjectId> fetch(Collection<String> branches, Progress progress) {
    SortedMap<String, ObjectId> remote = refs();
    SortedMap<String, ObjectId> selected = new TreeMap<>();
    if (branches.isEmpty()) {
      selected.putAll(remote);
    }
    for (String branch : branches) {
      selected.put(branch, remoteHead(remote, branch));
    }
    fetcher.fetch(selected.values(), progress);
    return selected;
  }

  /**
   * Fetches every remote branch and creates each local branch at the remote head.
   *
   * @throws SyncException {@code not_empty} (409) when the local repository has branches
   */
  public SortedMap<String, ObjectId> cloneAll(Progress progress) {
    if (!local.branches().isEmpty()) {
      throw new SyncException(409, "not_empty", "cannot clone into a repository that has branches");
    }
    SortedMap<String, ObjectId> remote = refs();
    fetcher.fetch(remote.values(), progress);
    for (Map.Entry<String, ObjectId> branch : remote.entrySet()) {
      local.createBranch(branch.getKey(), branch.getValue());
    }
    return remote;
  }

  /**
   * Fetches the remote {@code branch} and merges it into the local one: a fast-forward when
   * possible (an absent local branch is created), else a merge commit made with
   * {@code mergeInfo}; a conflict writes nothing.
   *
   * @throws SyncException {@code branch_not_found} (404) when the remote branch does not exist
   */
  public PullResult pull(String branch, CommitInfo mergeInfo, Progress progress) {
    BranchNames.check(branch);
    ObjectId remoteHead = remoteHead(refs(), branch);
    int received = fetcher.fetch(List.of(remoteHead), progress);
    MergeResult merge = local.branch(branch).merge(remoteHead, mergeInfo);
    return new PullResult(branch, remoteHead, merge, received);
  }

  /**
   * The remote's branches before a push: none when the repository does not exist yet, since a
   * write-scoped push creates it (docs/PROTOCOL.md, "Refs"). Asked as
   * {@link Protocol#REFS_FOR_PUSH_PATH}, which a server answers with no branches (200) in that
   * case; a server that does not know it answers 404 {@code repository_not_found}, taken the
   * same way.
   */
  private SortedMap<String, ObjectId> refsBeforePush() {
    try {
      return refs(Protocol.REFS_FOR_PUSH_PATH);
    } catch (SyncException e) {
      if (e.status() == 404 && e.code().equals("repository_not_found")) {
        return new TreeMap<>();
      }
      throw e;
    }
  }

  /**
   * Pushes the local {@code branch} to the remote branch of the same name: the objects the
   * remote lacks, and a compare-and-set from the remote head just read. Unless {@code force},
   * a local head that does not descend from the remote head is refused here, before sending
   * anything. A refusal (non-fast-forward, a lost race) is a result, not an exception.
   *
   * @throws NotFoundException when the local branch does not exist
   */
  public PushResult push(String branch, boolean force, Progress progress) {
    BranchNames.check(branch);
    ObjectId head = local.head(branch);
    if (head.isNone()) {
      throw new NotFoundException("no local branch '" + branch + "' to push");
    }
    return pusher.push(branch, head, refsBeforePush(), force, progress);
  }

  /**
   * Pulls, merges and pushes {@code branch}; when the push loses a race (the remote moved), does
   * it again, at most {@code maxAttempts} times. A merge conflict stops it: nothing is merged or
   * pushed, and the result lists the conflicts.
   *
   * @throws TooManyRetriesException when every attempt lost its race
   */
  public SyncResult sync(String branch, CommitInfo mergeInfo, int maxAttempts, Progress progress) {
    BranchNames.check(branch);
    int received = 0;
    int sent = 0;
    boolean moved = false;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      SortedMap<String, ObjectId> remote = refsBeforePush();
      ObjectId remoteHead = remote.getOrDefault(branch, ObjectId.NONE);
      if (!remoteHead.isNone()) {
        received += fetcher.fetch(List.of(remoteHead), progress);
        MergeResult merge = local.branch(branch).merge(remoteHead, mergeInfo);
        if (merge.isConflict()) {
          return new SyncResult(SyncResult.Status.CONFLICT, branch, merge.head(),
              merge.conflicts(), attempt, received, sent);
        }
        moved |= merge.status() != MergeResult.Status.UP_TO_DATE;
      }
      ObjectId head = local.head(branch);
      if (head.equals(remoteHead)) {
        return new SyncResult(moved ? SyncResult.Status.SYNCED : SyncResult.Status.UP_TO_DATE,
            branch, head, List.of(), attempt, received, sent);
      }
      PushResult pushed = pusher.push(branch, head, remote, false, progress);
      sent += pushed.objectsSent();
      if (pushed.succeeded()) {
        return new SyncResult(SyncResult.Status.SYNCED, branch, head, List.of(), attempt,
            received, sent);
      }
      pause(attempt);
    }
    throw new TooManyRetriesException(branch, maxAttempts);
  }

  /**
   * Follows the remote's watch stream (one connection; no reconnect): its events, parsed, go to
   * {@code listener}. An event the protocol does not allow closes the stream with a
   * {@link SyncException} ({@code bad_response}).
   *
   * @return a handle; cancelling it closes the stream without a {@code closed} call
   */
  public Subscription watch(WatchListener listener) {
    WatchStream stream = new WatchStream(listener);
    stream.attach(transport.events("watch", stream));
    return stream;
  }

  // ---- helpers ----

  private static ObjectId remoteHead(SortedMap<String, ObjectId> remote, String branch) {
    ObjectId head = remote.get(BranchNames.check(branch));
    if (head == null) {
      throw new SyncException(404, "branch_not_found", "the remote has no branch '" + branch + "'");
    }
    return head;
  }

  /** A short random pause before another attempt, so racing clients spread out. */
  private static void pause(int attempt) {
    long bound = Math.min(100, 5L << Math.min(attempt, 5));
    try {
      Thread.sleep((long) (Math.random() * bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while retrying a sync", e);
    }
  }
}
