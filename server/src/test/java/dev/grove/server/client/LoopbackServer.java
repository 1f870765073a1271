package dev.grove.server.client;

import dev.grove.backend.Backend;
import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import java.nio.file.Path;

/**
 * A real grove server on loopback for client tests: a free port, a data directory, the given
 * backend, no fsync (speed), and a write and a read token.
 */
public final class LoopbackServer implements AutoCloseable {
  private final Path data;
  private final GroveServer server;
  private final String writeToken;
  private final String readToken;

  private LoopbackServer(Path data, GroveServer server) {
    this.data = data;
    this.server = server;
    // Named uniquely: a server restarted on the same data directory keeps the earlier tokens.
    long n = System.nanoTime();
    this.writeToken = server.tokens().add("writer-" + n, Scope.WRITE);
    this.readToken = server.tokens().add("reader-" + n, Scope.READ);
  }

  /** Starts a server on a free port of 127.0.0.1 with its repositories in {@code data}. */
  public static LoopbackServer start(Path data, Stores.Kind backend) {
    return start(data, backend, 0);
  }

  /** Starts a server on {@code port} (0: a free one). */
  public static LoopbackServer start(Path data, Stores.Kind backend, int port) {
    ServerConfig config = ServerConfig.defaults(data).withPort(port).withBackend(backend)
        .withDurability(Durability.NO_FSYNC);
    return new LoopbackServer(data, GroveServer.start(config));
  }

  public String writeToken() {
    return writeToken;
  }

  public String readToken() {
    return readToken;
  }

  public int port() {
    return server.port();
  }

  /** http://127.0.0.1:PORT/repos/NAME */
  public String url(String repository) {
    return server.repositoryUrl(repository);
  }

  /** The directory of repository {@code name}. */
  public Path directory(String name) {
    return data.resolve(name);
  }

  /** Opens repository {@code name} on disk, beside the server (the backends allow several openers). */
  public Repository open(String name) {
    Backend backend = Stores.open(directory(name), Durability.NO_FSYNC);
    return Repository.open(backend);
  }

  @Override
  public void close() {
    server.close();
  }
}
