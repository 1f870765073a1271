package dev.grove.server.stress;

import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the stress and crash tests check on a store, and the report lines they parse. */
final class Checks {
  private Checks() {}

  /** An acknowledged write of {@code key}, in commit {@code commit} of {@link Workload#BRANCH}. */
  record Ack(String key, ObjectId commit) {}

  /** The {@code ACK} lines among {@code lines}. */
  static List<Ack> acks(List<String> lines) {
    List<Ack> out = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts[0].equals("ACK")) {
        out.add(new Ack(parts[1], ObjectId.fromHex(parts[2])));
      }
    }
    return out;
  }

  /** The {@code BRANCH} lines among {@code lines}: each created branch and its commit. */
  static Map<String, ObjectId> createdBranches(List<String> lines) {
    Map<String, ObjectId> out = new LinkedHashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      if (parts[0].equals("BRANCH")) {
        out.put(parts[1], ObjectId.fromHex(parts[2]));
      }
    }
    return out;
  }

  /** What {@link #check} saw. */
  record Seen(ObjectId head, List<CommitView> history, Verifier.Report report) {}

  /**
   * Checks that nothing acknowledged was lost and no branch points to a missing object:
   * {@link Verifier#verify} finds nothing wrong (every object reachable from every branch is
   * readable and is what its id says); every acknowledged key has its value in the head tree
   * of {@link Workload#BRANCH}; every acknowledged commit is in that branch's history; every
   * created branch still points to the commit it was created at.
   */
  static Seen check(Repository repo, List<Ack> acks, Map<String, ObjectId> branches,
      String context) {
    Verifier.Report report = Verifier.verify(repo);
    if (!report.ok()) {
      fail(context + ": the store does not verify: " + report.problems().size() + " problems, "
          + "first " + report.problems().subList(0, Math.min(10, report.problems().size())));
    }
    ObjectId head = repo.head(Workload.BRANCH);
    if (head.isNone()) {
      if (!acks.isEmpty()) {
        fail(context + ": branch " + Workload.BRANCH + " is gone, after " + acks.size()
            + " acknowledged writes");
      }
      return new Seen(head, List.of(), report);
    }
    List<CommitView> history = repo.log(head, Integer.MAX_VALUE);
    Set<ObjectId> inHistory = new HashSet<>();
    for (CommitView commit : history) {
      inHistory.add(commit.id());
    }
    Tree tree = repo.treeOf(head);
    List<String> problems = new ArrayList<>();
    for (Ack ack : acks) {
      Optional<byte[]> value = tree.find(Path.parse(ack.key()));
      if (value.isEmpty()) {
        problems.add("acknowledged key " + ack.key() + " (commit " + ack.commit().hex()
            + ") is not in the head tree");
      } else if (!Arrays.equals(value.get(), Workload.valueOf(ack.key()))) {
        problems.add("acknowledged key " + ack.key() + " has a different value in the head tree");
      }
      if (!inHistory.contains(ack.commit())) {
        problems.add("acknowledged commit " + ack.commit().hex() + " (key " + ack.key()
            + ") is not in the history of " + Workload.BRANCH + " at " + head.hex());
      }
    }
    Map<String, ObjectId> now = repo.branches();
    for (Map.Entry<String, ObjectId> created : branches.entrySet()) {
      ObjectId at = now.get(created.getKey());
      if (!created.getValue().equals(at)) {
        problems.add("created branch " + created.getKey() + " should point to "
            + created.getValue().hex() + ", points to " + (at == null ? "nothing" : at.hex()));
      }
    }
    if (!problems.isEmpty()) {
      fail(context + ": " + problems.size() + " acknowledged writes lost; first "
          + problems.subList(0, Math.min(10, problems.size())));
    }
    return new Seen(head, history, report);
  }
}
