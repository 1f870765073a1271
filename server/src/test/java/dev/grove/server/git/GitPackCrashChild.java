package dev.grove.server.git;

import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM of {@link GitPackCrashTest}: appends commits of {@code 150} new files each (one
 * pack per write) to {@code main} of the git store {@code args[0]}, with fsync, printing
 * {@code ACK <commit>} once each write returned, until it is killed.
 */
public final class GitPackCrashChild {
  private GitPackCrashChild() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String run = args[1];
    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC)) {
      for (int i = 0; ; i++) {
        ObjectId head = backend.readRef("main").orElse(ObjectId.NONE);
        List<RawObject> objects = GitPackWriteTest.history(run + "-" + i, 150, head);
        ObjectId commit = objects.get(objects.size() - 1).id();
        RefOutcome outcome =
            backend.write(WriteBatch.of(objects, new RefUpdate("main", head, commit))).single();
        if (!outcome.succeeded()) {
          throw new IllegalStateException("the only writer lost a compare-and-set: " + outcome);
        }
        System.out.println("ACK " + commit.hex());
        System.out.flush();
      }
    }
  }
}
