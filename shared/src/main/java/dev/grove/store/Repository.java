package dev.grove.store;

import dev.grove.GroveException;
import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.backend.BranchNames;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Subscription;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.merge.TreeMerge;
import dev.grove.merge.TreeMerger;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.path.Path;
import dev.grove.tree.Change;
import dev.grove.tree.MissingObjectException;
import dev.grove.tree.ObjectLoader;
import dev.grove.tree.Tree;
import dev.grove.tree.TreeDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A store opened on a backend: branches, commits, history, diff, merge and watches. All policy
 * lives here (and in {@link Branch}): backends only store objects and compare-and-set refs.
 *
 * <p>Every write is optimistic: read the head, build the new tree and commit, write them with a
 * compare-and-set of the head, and on a lost race apply the write's {@link Strategy} and try
 * again, at most {@link RepositoryOptions#maxAttempts()} times. A failed write leaves the store
 * as it was. Safe for several threads.
 */
public final class Repository implements AutoCloseable {
  private static final int MAX_VIRTUAL_BASE_DEPTH = 8;

  private final Backend backend;
  private final RepositoryOptions options;
  private final ObjectLoader loader;
  private final History history;
  /**
   * The head of each branch as this repository last read or wrote it: a guess for a blind write
   * ({@link Branch#set}), which the write's compare-and-set checks. Never an answer to a read.
   */
  private final Map<String, ObjectId> lastHeads = new ConcurrentHashMap<>();

  private Repository(Backend backend, RepositoryOptions options) {
    this.backend = backend;
    this.options = options;
    this.loader = new ObjectLoader(backend.objects());
    this.history = new History(loader);
  }

  public static Repository open(Backend backend) {
    return open(backend, RepositoryOptions.defaults());
  }

  public static Repository open(Backend backend, RepositoryOptions options) {
    return new Repository(backend, options);
  }

  public Backend backend() {
    return backend;
  }

  public RepositoryOptions options() {
    return options;
  }

  /**
   * A handle on branch {@code name}, which need not exist yet (its first commit creates it).
   *
   * @throws BranchNames.InvalidBranchNameException when the name is not valid
   */
  public Branch branch(String name) {
    return new Branch(this, BranchNames.check(name));
  }

  /** Every branch and its head, sorted by name. */
  public SortedMap<String, ObjectId> branches() {
    return backend.refs().listRefs();
  }

  /** The head of {@code branch}, or {@link ObjectId#NONE} when it does not exist. */
  public ObjectId head(String branch) {
    ObjectId head = backend.refs().readRef(BranchNames.check(branch)).orElse(ObjectId.NONE);
    lastHeads.put(branch, head);
    return head;
  }

  /**
   * The commit {@code id}.
   *
   * @throws MissingObjectException when no such commit is stored
   */
  public CommitView commit(ObjectId id) {
    CommitObject commit = loadCommit(id);
    return new CommitView(id, commit, Tree.stored(loader, commit.tree()));
  }

  /** The commit {@code id}, or empty when no such commit is stored. */
  public Optional<CommitView> findCommit(ObjectId id) {
    return loader.findCommit(id).map(c -> new CommitView(id, c, Tree.stored(loader, c.tree())));
  }

  /** The tree of commit {@code id}; the empty tree for {@link ObjectId#NONE}. */
  public Tree treeOf(ObjectId commit) {
    return commit.isNone() ? Tree.empty() : Tree.stored(loader, loadCommit(commit).tree());
  }

  /** Up to {@code limit} commits reachable from {@code from}, newest first. */
  public List<CommitView> log(ObjectId from, int limit) {
    List<CommitView> out = new ArrayList<>();
    if (from.isNone()) {
      return out;
    }
    loadCommit(from);
    for (ObjectId id : history.log(from, limit)) {
      out.add(commit(id));
    }
    return out;
  }

  /** The lowest common ancestors of two commits (several in criss-cross histories, none for unrelated ones). */
  public List<ObjectId> lowestCommonAncestors(ObjectId a, ObjectId b) {
    loadCommit(a);
    loadCommit(b);
    return history.lowestCommonAncestors(a, b);
  }

  /** Whether {@code ancestor} is {@code descendant} or one of its ancestors. */
  public boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
    loadCommit(ancestor);
    loadCommit(descendant);
    return history.isAncestor(ancestor, descendant);
  }

  /** The values added, removed and changed from commit {@code from} to {@code to} (either may be {@link ObjectId#NONE}). */
  public List<Change> diff(ObjectId from, ObjectId to) {
    return TreeDiff.diff(treeOf(from), treeOf(to));
  }

  /** The changes from {@code from} to {@code to} at or below {@code prefix}. */
  public List<Change> diff(ObjectId from, ObjectId to, Path prefix) {
    return TreeDiff.diff(treeOf(from), treeOf(to), prefix);
  }

  /**
   * Creates branch {@code name} at commit {@code at}.
   *
   * @return {@link RefOutcome#CREATED}, or {@link RefOutcome#CAS_FAILED} when it exists already
   * @throws MissingObjectException when {@code at} is not a stored commit
   * @throws GroveException {@code branch_name_conflict} when a branch {@code name/…} exists, or
   *     {@code name} lies inside an existing branch's name (as Git forbids)
   */
  public RefOutcome createBranch(String name, ObjectId at) {
    BranchNames.check(name);
    loadCommit(at);
    checkNewBranch(name);
    RefOutcome outcome = backend.write(
        new WriteBatch(List.of(), List.of(new RefUpdate(name, ObjectId.NONE, at)))).single();
    if (outcome.succeeded()) {
      saw(name, at);
    }
    return outcome;
  }

  /**
   * Creates branch {@code to} at the head of branch {@code from}.
   *
   * @throws NotFoundException when {@code from} does not exist
   */
  public RefOutcome fork(String from, String to) {
    ObjectId head = head(from);
    if (head.isNone()) {
      throw new NotFoundException("no branch '" + from + "'");
    }
    return createBranch(to, head);
  }

  /** Deletes branch {@code name}: {@link RefOutcome#DELETED}, or {@link RefOutcome#NO_CHANGE} when absent. */
  public RefOutcome deleteBranch(String name) {
    return branch(name).delete();
  }

  /** Moves branch {@code name} forward to {@code target}, only if {@code target} descends from its head. */
  public FastForward fastForward(String name, ObjectId target) {
    return branch(name).fastForward(target);
  }

  /** Tells {@code watcher} of every move of {@code branch}. */
  public Subscription watch(String branch, BranchWatcher watcher) {
    BranchNames.check(branch);
    return backend.refs().watch(change -> {
      if (change.branch().equals(branch)) {
        watcher.onBranchChanged(branch, change.oldHead(), change.newHead());
      }
    });
  }

  /** Tells {@code watcher} of the changes at or below {@code prefix} on {@code branch}. */
  public Subscription watch(String branch, Path prefix, KeyWatcher watcher) {
    return watch(branch, (name, oldHead, newHead) -> {
      List<Change> changes = diff(oldHead, newHead, prefix);
      if (!changes.isEmpty()) {
        watcher.onChanges(name, changes);
      }
    });
  }

  @Override
  public void close() {
    backend.close();
  }

  // ---- for Branch ----

  /**
   * The head of {@code branch} as this repository last read or wrote it, or null when it has
   * not seen the branch: possibly stale (another repository or tab may have moved it since), so
   * only a guess for a write whose compare-and-set checks it.
   */
  ObjectId rememberedHead(String branch) {
    return lastHeads.get(branch);
  }

  /** Records that this repository just saw (or wrote) {@code branch} at {@code head}. */
  void saw(String branch, ObjectId head) {
    lastHeads.put(branch, head);
  }

  /** Refuses to create {@code name} when it would conflict with an existing branch's name. */
  void checkNewBranch(String name) {
    String other = BranchNames.conflict(name, branches().keySet());
    if (other != null) {
      throw new GroveException("branch_name_conflict", "cannot create branch '" + name
          + "': branch '" + other + "' exists, and Git cannot hold both");
    }
  }

  CommitObject loadCommit(ObjectId id) {
    if (id.isNone()) {
      throw new MissingObjectException(id, "commit");
    }
    return loader.loadCommit(id);
  }

  History history() {
    return history;
  }

  /** A commit of {@code tree} with {@code parents}, and the batch that stores it and sets the branch. */
  record Prepared(ObjectId commit, WriteBatch batch, Tree tree, CommitObject commitObject,
      int commitSize) {}

  /** After a prepared commit was written: keeps its new trees and commit decoded for the next reader. */
  void remember(Prepared prepared) {
    prepared.tree().rememberIn(loader);
    loader.rememberCommit(prepared.commit(), prepared.commitObject(), prepared.commitSize());
  }

  Prepared prepareCommit(String branch, ObjectId expected, Tree tree, List<ObjectId> parents,
      CommitInfo info) {
    Map<ObjectId, RawObject> objects = new LinkedHashMap<>();
    tree.collectNewObjects(loader, objects);
    Person person = new Person(
        info.authorName() != null ? info.authorName() : options.defaultAuthorName(),
        info.authorEmail() != null ? info.authorEmail() : options.defaultAuthorEmail(),
        options.clock().epochSeconds(), options.clock().offsetMinutes());
    CommitObject commitObject = new CommitObject(tree.id(), parents, person, person,
        info.message());
    RawObject commit = ObjectCodec.encodeCommit(commitObject);
    objects.put(commit.id(), commit);
    return new Prepared(commit.id(), WriteBatch.of(new ArrayList<>(objects.values()),
        new RefUpdate(branch, expected, commit.id())), tree, commitObject, commit.size());
  }

  /** Three-way merge of two commits' trees from their (virtual) common ancestor of {@code bases}. */
  TreeMerge mergeCommits(ObjectId ours, ObjectId theirs, List<ObjectId> bases) {
    return mergeCommits(ours, theirs, bases, 0);
  }

  private TreeMerge mergeCommits(ObjectId ours, ObjectId theirs, List<ObjectId> bases, int depth) {
    Tree base = virtualBase(bases, depth);
    return TreeMerger.merge(base, treeOf(ours), treeOf(theirs), options.mergePolicy(),
        loadCommit(ours).committer().epochSeconds(), loadCommit(theirs).committer().epochSeconds());
  }

  /**
   * The common ancestor tree of a merge. With several lowest common ancestors (criss-cross
   * histories), they are merged together first, recursively, as Git's recursive strategy does;
   * where they conflict, the base holds a conflict marker, so that either side's version there
   * counts as a change (and a deletion is never undone silently).
   */
  private Tree virtualBase(List<ObjectId> ancestors, int depth) {
    if (ancestors.isEmpty()) {
      return Tree.empty();
    }
    Tree base = treeOf(ancestors.get(0));
    if (depth >= MAX_VIRTUAL_BASE_DEPTH) {
      return base;
    }
    for (int i = 1; i < ancestors.size(); i++) {
      TreeMerge merged = mergeCommits(ancestors.get(0), ancestors.get(i),
          history.lowestCommonAncestors(ancestors.get(0), ancestors.get(i)), depth + 1);
      Tree pairBase = merged.tree();
      base = i == 1 ? pairBase
          : TreeMerger.merge(treeOf(ancestors.get(0)), base, pairBase, options.mergePolicy(), 0, 0)
              .tree();
    }
    return base;
  }

  /** Fails loudly on an outcome a correct backend cannot give for a prepared batch. */
  static BackendException unexpected(String branch, RefOutcome outcome) {
    return new BackendException("unexpected_outcome",
        "writing branch '" + branch + "' gave " + outcome);
  }
}
