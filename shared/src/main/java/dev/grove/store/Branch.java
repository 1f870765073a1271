package dev.grove.store;

import dev.grove.GroveException;
import dev.grove.Utf8;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Subscription;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import dev.grove.merge.TreeMerge;
import dev.grove.merge.TreeMerger;
import dev.grove.path.Path;
import dev.grove.tree.Tree;
import java.util.List;
import java.util.Optional;

/**
 * A handle on one branch: reads of its current head, and writes that commit to it. The branch
 * need not exist: reads of an absent branch see an empty tree, and the first commit creates it.
 * Cheap to create; holds no state but the name. Safe for several threads.
 *
 * <p>Each write is one commit, or none when it changes nothing. Simple writes ({@link #set},
 * {@link #remove}, {@link #setTree}) use {@link Strategy#SET}; they return the head after the
 * write. A simple write reads nothing, so it starts from the head its repository last read or
 * wrote, without reading it again: when that guess is stale (another repository or tab moved
 * the branch), the compare-and-set fails and the write is re-applied on the head read then;
 * when the write changes nothing on the guess, the head is read to make sure. That first
 * compare-and-set is not counted as an attempt. Reads always read the current head.
 */
public final class Branch implements ReadView {
  private final Repository repo;
  private final String name;

  Branch(Repository repo, String name) {
    this.repo = repo;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public Repository repository() {
    return repo;
  }

  /** The head commit id, or empty when the branch does not exist. */
  public Optional<ObjectId> head() {
    ObjectId head = repo.head(name);
    return head.isNone() ? Optional.empty() : Optional.of(head);
  }

  /** The head commit, or empty when the branch does not exist. */
  public Optional<CommitView> headCommit() {
    return head().map(repo::commit);
  }

  /** Whether the branch exists. */
  public boolean exists() {
    return head().isPresent();
  }

  /** The tree at the current head (empty when the branch does not exist). */
  @Override
  public Tree tree() {
    return repo.treeOf(repo.head(name));
  }

  public ObjectId set(Path path, byte[] value, CommitInfo info) {
    return blindWrite(info, d -> d.set(path, value));
  }

  public ObjectId set(String path, byte[] value, CommitInfo info) {
    return set(Path.parse(path), value, info);
  }

  /** Sets UTF-8 {@code text} at {@code path}. */
  public ObjectId set(String path, String text, CommitInfo info) {
    return set(Path.parse(path), Utf8.encode(text), info);
  }

  /** Removes the value or subtree at {@code path}; no commit when nothing is there. */
  public ObjectId remove(Path path, CommitInfo info) {
    return blindWrite(info, d -> d.remove(path));
  }

  public ObjectId remove(String path, CommitInfo info) {
    return remove(Path.parse(path), info);
  }

  /** Puts {@code subtree} at {@code path} (the root replaces everything). */
  public ObjectId setTree(Path path, Tree subtree, CommitInfo info) {
    return blindWrite(info, d -> d.setTree(path, subtree));
  }

  public ObjectId setTree(String path, Tree subtree, CommitInfo info) {
    return setTree(Path.parse(path), subtree, info);
  }

  /**
   * Runs {@code body} on a draft of the current head and commits its edits as one commit.
   * The body runs once. When the head moved before the commit, {@code strategy} decides:
   * re-apply the edits on the new head ({@link Strategy#SET}), fail with a conflict if anything
   * the body read or wrote changed ({@link Strategy#TEST_AND_SET}), or three-way merge
   * ({@link Strategy#MERGE}). A transaction that changes nothing commits nothing.
   *
   * @throws TooManyRetriesException when the compare-and-set kept failing; nothing was written
   */
  public <T> TransactionResult<T> transact(Strategy strategy, CommitInfo info,
      TransactionBody<T> body) {
    Draft draft = draft();
    T value = body.apply(draft);
    return commit(draft, strategy, info, value);
  }

  /**
   * A write that reads nothing ({@code edits} only edit the draft): starts from the remembered
   * head (see the class comment), commits with {@link Strategy#SET}, and returns the head after.
   */
  private ObjectId blindWrite(CommitInfo info, TransactionBody<?> edits) {
    ObjectId guess = repo.rememberedHead(name);
    Draft draft = guess == null ? draft() : new Draft(name, guess, repo.treeOf(guess), true);
    edits.apply(draft);
    return commit(draft, Strategy.SET, info, null).head();
  }

  /**
   * A draft of the current head, for a transaction whose body cannot run inside
   * {@link #transact} (an asynchronous body, as in JavaScript): edit it, then {@link #commit} it.
   */
  public Draft draft() {
    ObjectId base = repo.head(name);
    return new Draft(name, base, repo.treeOf(base));
  }

  /**
   * Commits a {@link #draft()} of this branch as one commit, as {@link #transact} does.
   *
   * @throws GroveException {@code invalid_argument} when the draft is of another branch
   * @throws TooManyRetriesException when the compare-and-set kept failing; nothing was written
   */
  public TransactionResult<Void> commit(Draft draft, Strategy strategy, CommitInfo info) {
    return commit(draft, strategy, info, null);
  }

  private <T> TransactionResult<T> commit(Draft draft, Strategy strategy, CommitInfo info, T value) {
    if (!draft.branch().equals(name)) {
      throw new GroveException("invalid_argument", "a draft of branch '" + draft.branch()
          + "' cannot be committed to '" + name + "'");
    }
    ObjectId base = draft.base();
    Tree baseTree = draft.baseTree();
    ObjectId head = base;
    Tree headTree = baseTree;
    boolean guessed = draft.guessed(); // head may be stale: a lost compare-and-set is not counted
    int maxAttempts = repo.options().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      Tree next;
      if (head.equals(base)) {
        next = draft.result();
      } else if (strategy == Strategy.SET) {
        next = draft.replayOn(headTree);
      } else if (strategy == Strategy.TEST_AND_SET) {
        Optional<Path> changed = draft.firstTouchedChange(baseTree, headTree);
        if (changed.isPresent()) {
          return new TransactionResult<>(TransactionResult.Status.CONFLICT, value, head,
              List.of(new Conflict(changed.get(), "changed by another writer since the transaction read it")),
              attempt - 1);
        }
        next = draft.replayOn(headTree);
      } else {
        TreeMerge merged = TreeMerger.merge(baseTree, draft.result(), headTree,
            repo.options().mergePolicy(), repo.options().clock().epochSeconds(),
            head.isNone() ? 0 : repo.loadCommit(head).committer().epochSeconds());
        if (!merged.isClean()) {
          return new TransactionResult<>(TransactionResult.Status.CONFLICT, value, head,
              merged.conflicts(), attempt - 1);
        }
        next = merged.tree();
      }
      boolean unchanged = head.isNone() ? next.isEmpty() : next.id().equals(headTree.id());
      if (unchanged && guessed) {
        // No change on a guessed head may be a change on the real one: read it to make sure.
        guessed = false;
        ObjectId current = repo.head(name);
        if (!current.equals(head)) {
          head = current;
          headTree = repo.treeOf(current);
          attempt--;
          continue;
        }
      }
      if (unchanged) {
        return new TransactionResult<>(TransactionResult.Status.UNCHANGED, value, head, List.of(),
            attempt - 1);
      }
      if (head.isNone()) {
        repo.checkNewBranch(name);
      }
      Repository.Prepared prepared = repo.prepareCommit(name, head, next,
          head.isNone() ? List.of() : List.of(head), info);
      RefOutcome outcome = repo.backend().write(prepared.batch()).single();
      if (outcome.succeeded()) {
        repo.remember(prepared);
        repo.saw(name, prepared.commit());
        return new TransactionResult<>(TransactionResult.Status.COMMITTED, value,
            prepared.commit(), List.of(), attempt);
      }
      if (outcome != RefOutcome.CAS_FAILED) {
        throw Repository.unexpected(name, outcome);
      }
      if (guessed) {
        guessed = false; // the guess was stale (or raced): not an attempt of the write's own
        attempt--;
      } else {
        if (attempt >= maxAttempts) {
          throw new TooManyRetriesException(name, attempt);
        }
        Backoff.pause(attempt);
      }
      head = repo.head(name);
      headTree = repo.treeOf(head);
    }
  }

  /**
   * Merges commit {@code theirs} into this branch: nothing when it is already contained, a
   * fast-forward when the branch is behind (or absent), else a merge commit with parents
   * (head, theirs). A conflict writes nothing and lists the conflicting paths.
   *
   * @throws dev.grove.tree.MissingObjectException when {@code theirs} is not a stored commit
   * @throws TooManyRetriesException when the branch kept moving
   */
  public MergeResult merge(ObjectId theirs, CommitInfo info) {
    repo.loadCommit(theirs);
    int maxAttempts = repo.options().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      ObjectId ours = repo.head(name);
      RefUpdate update;
      MergeResult.Status status;
      WriteBatch batch;
      List<ObjectId> bases = ours.isNone() ? List.of()
          : repo.history().lowestCommonAncestors(ours, theirs);
      if (bases.contains(theirs)) {
        return new MergeResult(MergeResult.Status.UP_TO_DATE, ours, List.of());
      }
      if (ours.isNone()) {
        repo.checkNewBranch(name);
      }
      if (ours.isNone() || bases.contains(ours)) {
        status = MergeResult.Status.FAST_FORWARD;
        update = new RefUpdate(name, ours, theirs);
        batch = new WriteBatch(List.of(), List.of(update));
      } else {
        TreeMerge merged = repo.mergeCommits(ours, theirs, bases);
        if (!merged.isClean()) {
          return new MergeResult(MergeResult.Status.CONFLICT, ours, merged.conflicts());
        }
        status = MergeResult.Status.MERGED;
        Repository.Prepared prepared = repo.prepareCommit(name, ours, merged.tree(),
            List.of(ours, theirs), info);
        update = prepared.batch().refUpdates().get(0);
        batch = prepared.batch();
      }
      RefOutcome outcome = repo.backend().write(batch).single();
      if (outcome.succeeded()) {
        repo.saw(name, update.next());
        return new MergeResult(status, update.next(), List.of());
      }
      if (outcome != RefOutcome.CAS_FAILED) {
        throw Repository.unexpected(name, outcome);
      }
      if (attempt >= maxAttempts) {
        throw new TooManyRetriesException(name, attempt);
      }
      Backoff.pause(attempt);
    }
  }

  /**
   * Merges the head of branch {@code other} into this one.
   *
   * @throws NotFoundException when {@code other} does not exist
   */
  public MergeResult mergeBranch(String other, CommitInfo info) {
    ObjectId theirs = repo.head(other);
    if (theirs.isNone()) {
      throw new NotFoundException("no branch '" + other + "'");
    }
    return merge(theirs, info);
  }

  /** Moves this branch to {@code target} if it descends from the head (creates an absent branch). */
  public FastForward fastForward(ObjectId target) {
    repo.loadCommit(target);
    int maxAttempts = repo.options().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      ObjectId head = repo.head(name);
      if (!head.isNone() && repo.history().isAncestor(target, head)) {
        return FastForward.UP_TO_DATE;
      }
      if (!head.isNone() && !repo.history().isAncestor(head, target)) {
        return FastForward.NOT_FAST_FORWARD;
      }
      if (head.isNone()) {
        repo.checkNewBranch(name);
      }
      RefOutcome outcome = casRef(head, target);
      if (outcome.succeeded()) {
        return FastForward.MOVED;
      }
      if (attempt >= maxAttempts) {
        throw new TooManyRetriesException(name, attempt);
      }
      Backoff.pause(attempt);
    }
  }

  /** Deletes the branch (not its commits): {@link RefOutcome#DELETED}, or {@link RefOutcome#NO_CHANGE} when absent. */
  public RefOutcome delete() {
    int maxAttempts = repo.options().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      ObjectId head = repo.head(name);
      if (head.isNone()) {
        return RefOutcome.NO_CHANGE;
      }
      RefOutcome outcome = casRef(head, ObjectId.NONE);
      if (outcome.succeeded()) {
        return outcome;
      }
      if (attempt >= maxAttempts) {
        throw new TooManyRetriesException(name, attempt);
      }
      Backoff.pause(attempt);
    }
  }

  /** Up to {@code limit} commits of this branch's history, newest first. */
  public List<CommitView> log(int limit) {
    return repo.log(repo.head(name), limit);
  }

  /** Tells {@code watcher} of every move of this branch. */
  public Subscription watch(BranchWatcher watcher) {
    return repo.watch(name, watcher);
  }

  /** Tells {@code watcher} of changes at or below {@code prefix} on this branch. */
  public Subscription watch(Path prefix, KeyWatcher watcher) {
    return repo.watch(name, prefix, watcher);
  }

  private RefOutcome casRef(ObjectId expected, ObjectId next) {
    RefOutcome outcome = repo.backend()
        .write(new WriteBatch(List.of(), List.of(new RefUpdate(name, expected, next)))).single();
    if (outcome.succeeded()) {
      repo.saw(name, next);
    }
    if (!outcome.succeeded() && outcome != RefOutcome.CAS_FAILED) {
      throw Repository.unexpected(name, outcome);
    }
    return outcome;
  }

  @Override
  public String toString() {
    return "branch " + name;
  }
}
