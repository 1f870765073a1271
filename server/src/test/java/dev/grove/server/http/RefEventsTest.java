package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.backend.RefChange;
import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What watch streams are told: the branch's head when a change is reported, so a late report of
 * an older change (Git's post-receive hook runs after JGit let go of the ref) never leaves a
 * stale head as the last word.
 */
class RefEventsTest {

  @Test
  void aLateReportOfAnOlderChangeDeliversNothingStale() throws InterruptedException {
    Repository repo = Repository.open(new MemoryBackend());
    List<ObjectId> heads = new CopyOnWriteArrayList<>();
    try (RefEvents events = new RefEvents(repo.backend().refs())) {
      events.subscribe(new RefEvents.Listener() {
        @Override
        public void changed(RefChange change) {
          heads.add(change.newHead());
        }

        @Override
        public void closed() {}
      });
      ObjectId first = repo.branch("main").set("a", "1", CommitInfo.message("first"));
      ObjectId second = repo.branch("main").set("a", "2", CommitInfo.message("second"));
      awaitSize(heads, 2);

      // Git's hook reports the first change only now, after the second was delivered.
      events.publish(List.of(new RefChange("main", ObjectId.NONE, first)));
      assertEquals(List.of(first, second), heads, "the stale head is not delivered again");

      // A change reported with a stale head delivers the head the branch has.
      ObjectId third = repo.branch("main").set("a", "3", CommitInfo.message("third"));
      awaitSize(heads, 3);
      assertEquals(third, heads.get(2));
      events.publish(List.of(new RefChange("main", first, second)));
      assertEquals(3, heads.size(), "nothing new: the branch is at the head delivered last");
    }
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(size, list.size());
  }
}
