package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.backend.Subscription;
import dev.grove.store.Repository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A clone of more branches than one fetch may want ({@link Protocol#MAX_WANTS}) fetches them in
 * chunks; each later chunk offers the heads the earlier ones fetched as haves, so the shared
 * history travels once, not once per chunk.
 */
class ManyBranchesCloneTest {
  private static final int SHARED_COMMITS = 40;
  private static final int BRANCHES = Protocol.MAX_WANTS + 2;

  @Test
  void laterChunksReceiveOnlyWhatTheirBranchesAdd() {
    Repository server = Replicas.memory(0);
    for (int i = 0; i < SHARED_COMMITS; i++) {
      server.branch("main").set("shared/k" + i, "v" + i, info("shared " + i));
    }
    for (int i = 0; i < BRANCHES; i++) {
      String name = "b" + (10_000 + i); // sorted by name in creation order; main sorts after
      server.fork("main", name);
      server.branch(name).set("own/" + name, "only " + name, info(name));
    }
    Repository client = Replicas.memory(100_000);
    CountingTransport transport = new CountingTransport(new InProcessTransport(server));

    new Remote(client, transport).cloneAll(Progress.NONE);

    assertEquals(server.branches(), client.branches());
    Replicas.assertClean(client);
    // The second fetch wants the last two branches and main (whose head the first fetch's
    // heads reach, so the server leaves it out). Shared: each commit, its root tree, the "shared" tree and a value. Each branch adds its
    // commit, root tree, "own" tree and value.
    int shared = SHARED_COMMITS * 4;
    assertEquals(List.of(shared + Protocol.MAX_WANTS * 4, (BRANCHES - Protocol.MAX_WANTS) * 4),
        transport.objectsPerFetch, "objects of each fetch answer");
  }

  /** Counts the objects of each fetch answer (its bundle header), passing the bytes on. */
  private static final class CountingTransport implements Transport {
    private final Transport inner;
    final List<Integer> objectsPerFetch = new ArrayList<>();

    CountingTransport(Transport inner) {
      this.inner = inner;
    }

    @Override
    public Reply send(Request request) {
      Reply reply = inner.send(request);
      if (!request.path().equals("fetch") || reply.status() != 200) {
        return reply;
      }
      try (InputStream in = reply.body()) {
        byte[] body = in.readAllBytes();
        BundleReader reader = new BundleReader(new ByteArrayInputStream(body), Long.MAX_VALUE);
        reader.readHeader();
        objectsPerFetch.add(reader.count());
        return new Reply(reply.status(), reply.contentType(), new ByteArrayInputStream(body));
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    @Override
    public Subscription events(String path, EventListener listener) {
      return inner.events(path, listener);
    }
  }
}
