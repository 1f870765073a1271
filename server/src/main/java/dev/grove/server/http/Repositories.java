package dev.grove.server.http;

import dev.grove.backend.Backend;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.sync.Protocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The repositories of a data directory, {@code DATA/NAME} each: opened when first asked for and
 * kept open until {@link #close}; created (with the server's backend) only by a first push,
 * {@link #createWith}. Names are those the protocol allows (docs/PROTOCOL.md "Addresses"), so a
 * name never reaches outside the data directory nor names {@code .grove}. Thread-safe.
 */
final class Repositories implements AutoCloseable {
  private final Path dataDir;
  private final Stores.Kind newKind;
  private final Durability durability;
  private final Map<String, HostedRepository> open = new HashMap<>();
  /** Names whose first push is creating them: not found until it is done. */
  private final Set<String> creating = new HashSet<>();
  private final Map<String, Object> creationLocks = new ConcurrentHashMap<>();
  private boolean closed;

  Repositories(Path dataDir, Stores.Kind newKind, Durability durability) {
    this.dataDir = dataDir;
    this.newKind = newKind;
    this.durability = durability;
  }

  /** The repository {@code name}, or empty when the name is invalid or no store is there. */
  synchronized Optional<HostedRepository> find(String name) {
    ensureOpen();
    if (!Protocol.isValidRepositoryName(name) || creating.contains(name)) {
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
    hosted = host(name, dir, kind.get(), Stores.open(dir, durability));
    open.put(name, hosted);
    return Optional.of(hosted);
  }

  /**
   * Creates repository {@code name} (with the server's backend) and runs {@code firstPush} on it
   * before any reader can find it; when another request created it meanwhile, runs
   * {@code firstPush} on that one instead (a second push, which may then be a conflict). The
   * caller has verified the push completely beforehand (on an empty repository in memory), so a
   * repository is only ever created to be kept: there is no path that removes one. First pushes
   * of one name are serialized; other names and readers are not held up meanwhile.
   *
   * @throws HttpError 400 {@code bad_request} for a name the protocol does not allow, or when
   *     {@code DATA/NAME} exists and holds something else than a store
   */
  <T> T createWith(String name, Function<HostedRepository, T> firstPush) {
    if (!Protocol.isValidRepositoryName(name)) {
      throw invalidName(name);
    }
    Object creationLock = creationLocks.computeIfAbsent(name, n -> new Object());
    synchronized (creationLock) {
      Optional<HostedRepository> found;
      synchronized (this) {
        found = find(name);
        if (found.isEmpty()) {
          creating.add(name);
        }
      }
      if (found.isPresent()) {
        return firstPush.apply(found.get());
      }
      HostedRepository created = null;
      try {
        created = create(name);
        return firstPush.apply(created);
      } finally {
        synchronized (this) {
          creating.remove(name);
          if (created != null) {
            if (closed) {
              created.close();
            } else {
              open.put(name, created);
            }
          }
        }
      }
    }
  }

  private HostedRepository create(String name) {
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

  static HttpError invalidName(String name) {
    return new HttpError(400, "bad_request", "invalid repository name '" + name
        + "': 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or a digit");
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
    return hosted;
  }

  private void ensureOpen() {
    if (closed) {
      throw new HttpError(503, "shutting_down", "the server is shutting down");
    }
  }
}
