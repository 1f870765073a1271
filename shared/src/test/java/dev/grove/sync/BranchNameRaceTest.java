package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.backend.BatchResult;
import dev.grove.backend.BranchNames;
import dev.grove.backend.Capabilities;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefStore;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/**
 * Two pushes racing to create {@code x} and {@code x/y}: the one that loses finds out only when
 * the backend refuses the ref (as the git backend does, with {@code branch_name_conflict}). It
 * gets {@code 400 invalid_branch}, never a server fault, and no branch moves.
 */
class BranchNameRaceTest {

  @Test
  void aNameClashFoundAtWriteTimeIsInvalidBranch() {
    RacingBackend backend = new RacingBackend();
    Repository server = Repository.open(backend, Replicas.options(0));
    Repository client = Replicas.memory(100);
    ObjectId head = client.branch("x").set("k", "v", Replicas.info("one"));
    // The racing push creates x/y at the same commit (it needs an object; store it first).
    Crafted.store(server, client.backend().objects().read(head).get());
    backend.beforeNextWrite = () -> backend.inner.write(new WriteBatch(List.of(),
        List.of(new RefUpdate("x/y", ObjectId.NONE, head))));

    SyncException e = assertThrows(SyncException.class, () ->
        new Remote(client, new InProcessTransport(server)).push("x", false, Progress.NONE));
    assertEquals(400, e.status());
    assertEquals("invalid_branch", e.code(), e.getMessage());
    SortedMap<String, ObjectId> branches = server.branches();
    assertEquals(List.of("x/y"), List.copyOf(branches.keySet()));
  }

  /** A memory backend that refuses a branch next to another as Git does, and can run something just before a write. */
  private static final class RacingBackend implements Backend {
    final MemoryBackend inner = new MemoryBackend();
    volatile Runnable beforeNextWrite;

    @Override
    public ObjectStore objects() {
      return inner.objects();
    }

    @Override
    public RefStore refs() {
      return inner.refs();
    }

    @Override
    public BatchResult write(WriteBatch batch) {
      Runnable hook = beforeNextWrite;
      beforeNextWrite = null;
      if (hook != null) {
        hook.run();
      }
      for (RefUpdate update : batch.refUpdates()) {
        if (update.expected().isNone() && BranchNames.conflict(update.branch(),
            inner.refs().listRefs().keySet()) != null) {
          inner.objects().add(batch.objects());
          throw new BackendException("branch_name_conflict", "branch '" + update.branch()
              + "' cannot be created next to another");
        }
      }
      return inner.write(batch);
    }

    @Override
    public Capabilities capabilities() {
      return inner.capabilities();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
