package dev.grove.server.http;

import dev.grove.backend.BranchNames;
import dev.grove.backend.RefChange;
import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Durability;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;

/**
 * Configures JGit's receive-pack for a push over Git's smart HTTP with the protocol's rules:
 * only {@code refs/heads/NAME} with a valid Grove branch name ({@link BranchNames}) pointing to a
 * commit, no deletes,
 * no non-fast-forwards, every received object checked (Git's fsck and Grove's strict decode,
 * {@link GitStrictObjectChecker}) and connected, a pack no larger
 * than the body limit; when any update is refused, all are (atomic). Each update is a
 * compare-and-set of the ref (JGit locks the ref file and compares the old id under the lock,
 * which excludes the git backend's writers too). Accepted changes are published to the
 * repository's {@link RefEvents}, so watchers see Git pushes as well.
 */
final class GitReceivePacks implements ReceivePackFactory<HttpServletRequest> {
  private final long maxPackBytes;

  GitReceivePacks(long maxPackBytes) {
    this.maxPackBytes = maxPackBytes;
  }

  @Override
  public ReceivePack create(HttpServletRequest req, Repository db) {
    HostedRepository hosted = (HostedRepository) req.getAttribute(GitAccessFilter.REPOSITORY_ATTRIBUTE);
    if (hosted.durability() == Durability.FSYNC) {
      Config config = db.getConfig(); // in memory only, as the git backend does
      config.setBoolean("core", null, "fsyncObjectFiles", true);
      config.setBoolean("core", null, "fsyncRefFiles", true);
    }
    ReceivePack pack = new ReceivePack(db);
    pack.setAllowCreates(true);
    pack.setAllowDeletes(false);
    pack.setAllowNonFastForwards(false);
    pack.setCheckReceivedObjects(true);
    pack.setObjectChecker(new GitStrictObjectChecker()); // JGit's checks and the core's strict decode
    pack.setAtomic(true);
    pack.setMaxPackSizeLimit(maxPackBytes);
    pack.setRefFilter(refs -> {
      refs.keySet().removeIf(name -> !name.startsWith(Constants.R_HEADS));
      return refs;
    });
    pack.setPreReceiveHook(GitReceivePacks::checkCommands);
    pack.setPostReceiveHook((rp, commands) -> hosted.events().publish(changes(commands)));
    return pack;
  }

  /** Refuses updates of anything but valid branches; when one is refused, refuses them all. */
  private static void checkCommands(ReceivePack pack, Collection<ReceiveCommand> commands) {
    boolean refused = false;
    for (ReceiveCommand command : commands) {
      if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
        refused = true;
        continue;
      }
      String ref = command.getRefName();
      String problem = ref.startsWith(Constants.R_HEADS)
          ? BranchNames.problem(ref.substring(Constants.R_HEADS.length()))
          : "only branches (refs/heads/NAME) can be pushed";
      if (command.getType() == ReceiveCommand.Type.DELETE) {
        problem = "branches cannot be deleted over Git";
      } else if (problem == null && !isCommit(pack, command.getNewId())) {
        problem = "a branch must point to a commit";
      }
      if (problem != null) {
        command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, problem);
        refused = true;
      }
    }
    if (refused) {
      for (ReceiveCommand command : commands) {
        if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
          command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "another update of this push was refused");
        }
      }
    }
  }

  private static boolean isCommit(ReceivePack pack, org.eclipse.jgit.lib.ObjectId id) {
    try {
      return pack.getRevWalk().parseAny(id) instanceof RevCommit;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<RefChange> changes(Collection<ReceiveCommand> commands) {
    List<RefChange> changes = new ArrayList<>();
    for (ReceiveCommand command : commands) {
      if (command.getResult() == ReceiveCommand.Result.OK) {
        changes.add(new RefChange(command.getRefName().substring(Constants.R_HEADS.length()),
            groveId(command.getOldId()), groveId(command.getNewId())));
      }
    }
    return changes;
  }

  private static ObjectId groveId(org.eclipse.jgit.lib.ObjectId id) {
    return id.equals(org.eclipse.jgit.lib.ObjectId.zeroId()) ? ObjectId.NONE : ObjectId.fromHex(id.name());
  }
}
