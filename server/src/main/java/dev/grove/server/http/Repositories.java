package dev.grove.server.http;

import dev.grove.backend.Backend;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.sync.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The repositories of a data directory, {@code DATA/NAME} each: opened when first asked for and
 * kept open until {@link #close}; created (with the server's backend) only by
 * {@link #beginPush}. Names are those the protocol allows (docs/PROTOCOL.md "Addresses"), so a
 * name never reaches outside the data directory nor names {@code .grove}. Thread-safe.
 */
final class Repositories implements AutoCloseable {
  private final Path dataDir;
  private final Stores.Kind newKind;
  private final Durability durability;
  private final Map<String, HostedRepository> open = new HashMap<>();
  private boolean closed;

  Repositories(Path dataDir, Stores.Kind newKind, Durability durability) {
    this.dataDir = dataDir;
    this.newKind = newKind;
    this.durability = durability;
  }

  /** The repository {@code name}, or empty when the name is invalid or no store is there. */
  synchronized Optional<HostedRepository> find(String name) {
    ensureOpen();
    if (!Protocol.isValidRepositoryName(name)) {
      return Optional.empty();
    }
    HostedRepository hosted = open.get(name);
    if (hosted != null) {
      return Optional.of(hosted);
    }
    Path dir = dataDir.resolve(name);
    Optional<Stores.Kind> kind = Stores.kindOf(dir);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(host(name, dir, kind.get(), Stores.open(dir, durability)));
  }

  /** A push under way into a repository, which it may have created. */
  record Push(HostedRepository hosted, boolean created) {}

  /**
   * Starts a push into repository {@code name}, creating it empty (with the server's backend)
   * when there is none. Pair with {@link #endPush}.
   *
   * @throws HttpError 400 {@code bad_request} for a name the protocol does not allow, or when
   *     {@code DATA/NAME} exists and holds something else than a store
   */
  synchronized Push beginPush(String name) {
    Optional<HostedRepository> found = find(name);
    Push push;
    if (found.isPresent()) {
      push = new Push(found.get(), false);
    } else {
      push = new Push(create(name), true);
    }
    push.hosted().pushesUnderWay++;
    return push;
  }

  /**
   * Ends a push. When it created the repository and failed, and no other push is under way and
   * no branch exists, the repository is removed again: a refused first push leaves nothing.
   */
  synchronized void endPush(Push push, boolean succeeded) {
    HostedRepository hosted = push.hosted();
    hosted.pushesUnderWay--;
    if (succeeded || !push.created() || hosted.pushesUnderWay > 0 || closed
        || open.get(hosted.name()) != hosted || !hosted.repository().branches().isEmpty()) {
      return;
    }
    open.remove(hosted.name());
    hosted.close();
    try (Stream<Path> walk = Files.walk(hosted.dir())) {
      List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
      for (Path path : paths) {
        Files.delete(path);
      }
    } catch (IOException e) {
      LoggerFactory.getLogger(Repositories.class).warn("cannot remove the empty repository {}: {}",
          hosted.dir(), e.toString());
    }
  }

  private HostedRepository create(String name) {
    if (!Protocol.isValidRepositoryName(name)) {
      throw new HttpError(400, "bad_request", "invalid repository name '" + name
          + "': 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or a digit");
    }
    Path dir = dataDir.resolve(name);
    Backend backend;
    try {
      backend = Stores.init(dir, newKind, durability);
    } catch (dev.grove.backend.BackendException e) {
      if (e.code().equals("store_exists")) {
        throw new HttpError(400, "bad_request", "the data directory has a non-repository entry named '"
            + name + "'");
      }
      throw e;
    }
    return host(name, dir, newKind, backend);
  }

  /** Closes every open repository; later calls fail. */
  @Override
  public void close() {
    List<HostedRepository> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(open.values());
      open.clear();
    }
    RuntimeException first = null;
    for (HostedRepository hosted : all) {
      try {
        hosted.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private HostedRepository host(String name, Path dir, Stores.Kind kind, Backend backend) {
    HostedRepository hosted;
    try {
      hosted = new HostedRepository(name, dir, kind, durability, Repository.open(backend));
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    open.put(name, hosted);
    return hosted;
  }

  private void ensureOpen() {
    if (closed) {
      throw new HttpError(503, "shutting_down", "the server is shutting down");
    }
  }
}
