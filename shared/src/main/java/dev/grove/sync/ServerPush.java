package dev.grove.sync;

import dev.grove.backend.BackendException;
import dev.grove.backend.BranchNames;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.store.Ancestry;
import dev.grove.store.Repository;
import java.io.IOException;
import java.io.InputStream;

/**
 * One push on the server (docs/PROTOCOL.md, "Push"): read and verify the bundle against the
 * repository, check the compare-and-set and the fast-forward on received + stored objects, then
 * one backend write of the objects (children first) and the branch.
 */
final class ServerPush {
  private final Repository repo;

  ServerPush(Repository repo) {
    this.repo = repo;
  }

  SyncServer.Reply apply(InputStream body, long maxBytes) {
    ObjectStore stored = repo.backend().objects();
    WireJson.PushHeader header;
    Receiver receiver;
    Receiver.Received received;
    try {
      BundleReader reader = new BundleReader(body, maxBytes, Protocol.MAX_BUNDLE_OBJECTS);
      header = WireJson.parsePushHeader(reader.readHeader(), reader.count());
      receiver = new Receiver(stored, repo.branches().values());
      received = receiver.receive(reader, Progress.NONE);
    } catch (IOException e) {
      throw Errors.malformedBundle("the body could not be read to its end: " + e.getMessage());
    }
    String branch = header.branch();
    ObjectId head = header.head();
    receiver.requireHead(head, "the pushed head");
    ObjectId current = repo.head(branch);
    if (!current.equals(header.expected())) {
      return refused("conflict", "branch '" + branch + "' is at "
          + (current.isNone() ? "nothing" : current.hex()) + ", not at the expected "
          + (header.expected().isNone() ? "nothing" : header.expected().hex()), current);
    }
    if (current.equals(head)) {
      return accepted(branch, "unchanged", head);
    }
    if (current.isNone()) {
      String other = BranchNames.conflict(branch, repo.branches().keySet());
      if (other != null) {
        throw Errors.invalidBranch("branch '" + branch + "' cannot be created next to branch '"
            + other + "'");
      }
    } else if (!header.force()
        && !Ancestry.isAncestor(new OverlayStore(received.byId(), stored), current, head)) {
      return refused("non_fast_forward", "head " + head.hex() + " does not descend from "
          + current.hex() + ", the head of branch '" + branch + "'", current);
    }
    RefOutcome outcome = write(received, new RefUpdate(branch, header.expected(), head));
    switch (outcome) {
      case CREATED:
        return accepted(branch, "created", head);
      case UPDATED:
        return accepted(branch, "updated", head);
      case NO_CHANGE:
        return accepted(branch, "unchanged", head);
      case CAS_FAILED:
        ObjectId now = repo.head(branch);
        return refused("conflict", "branch '" + branch + "' moved during the push; it is at "
            + (now.isNone() ? "nothing" : now.hex()), now);
      default:
        throw new BackendException("unexpected_outcome", "pushing branch '" + branch + "' gave "
            + outcome + " after every object was verified");
    }
  }

  /**
   * The one backend write. A name clash the check above could not see (another push created
   * {@code a/b} meanwhile, when this one creates {@code a}) is the client's invalid branch, not
   * a fault: the backend refuses the ref change (the objects may be written; they are
   * harmless).
   */
  private RefOutcome write(Receiver.Received received, RefUpdate update) {
    try {
      return repo.backend().write(WriteBatch.of(received.objects(), update)).single();
    } catch (BackendException e) {
      if ("branch_name_conflict".equals(e.code())) {
        throw Errors.invalidBranch("branch '" + update.branch()
            + "' cannot be created next to an existing branch (one of them would have to be a "
            + "directory of the other)");
      }
      throw e;
    }
  }

  private static SyncServer.Reply accepted(String branch, String outcome, ObjectId head) {
    return new SyncServer.Reply(200, WireJson.pushAccepted(branch, outcome, head));
  }

  private static SyncServer.Reply refused(String code, String message, ObjectId current) {
    return new SyncServer.Reply(409, WireJson.pushRefused(code, message, current));
  }
}
