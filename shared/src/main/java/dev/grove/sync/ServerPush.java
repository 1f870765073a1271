package dev.grove.sync;

import dev.grove.backend.BackendException;
import dev.grove.backend.BranchNames;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.store.Ancestry;
import dev.grove.store.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

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
    Receiver.Received received;
    try {
      BundleReader reader = new BundleReader(body, maxBytes);
      header = WireJson.parsePushHeader(reader.readHeader(), reader.count());
      received = new Receiver(stored).receive(reader, Progress.NONE);
    } catch (IOException e) {
      throw Errors.malformedBundle("the body could not be read to its end: " + e.getMessage());
    }
    String branch = header.branch();
    ObjectId head = header.head();
    requireCommit(head, received, stored);
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
    RefOutcome outcome = repo.backend()
        .write(WriteBatch.of(received.objects(), new RefUpdate(branch, header.expected(), head)))
        .single();
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

  /** The pushed head must be a commit, received or stored. */
  private static void requireCommit(ObjectId head, Receiver.Received received, ObjectStore stored) {
    ObjectType type = received.typeOf(head);
    if (type == null) {
      Optional<RawObject> object = stored.read(head);
      if (object.isEmpty()) {
        throw Errors.missingObjects("the pushed head " + head.hex()
            + " is neither in the bundle nor stored");
      }
      type = object.get().type();
    }
    if (type != ObjectType.COMMIT) {
      throw Errors.wrongObjectType("the pushed head " + head.hex() + " is a " + type.gitName()
          + ", not a commit");
    }
  }

  private static SyncServer.Reply accepted(String branch, String outcome, ObjectId head) {
    return new SyncServer.Reply(200, WireJson.pushAccepted(branch, outcome, head));
  }

  private static SyncServer.Reply refused(String code, String message, ObjectId current) {
    return new SyncServer.Reply(409, WireJson.pushRefused(code, message, current));
  }
}
