package dev.grove.server.client;

import dev.grove.backend.Subscription;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.sync.LocalTransport;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.Transport;
import java.nio.file.Path;

/**
 * The transport to a remote, by its location ({@link Remotes}): the JDK HTTP client for an
 * {@code http(s)} URL; for a store's directory, the store opened here with the core's server
 * side answering ({@link LocalTransport}), so pull, push, sync and clone work between two
 * directories as through a server. Close it after use (that closes a store it opened).
 */
public final class RemoteTransport implements Transport, AutoCloseable {
  private final Transport transport;
  private final Repository opened;

  private RemoteTransport(Transport transport, Repository opened) {
    this.transport = transport;
    this.opened = opened;
  }

  /**
   * The transport to {@code location}: a URL as checked by {@link Remotes#checkUrl}, or the
   * absolute path of a store's directory.
   *
   * @param tokenOrNull the bearer token for a URL (a directory takes none)
   * @throws dev.grove.GroveException when the directory holds no store
   */
  public static RemoteTransport open(String location, String tokenOrNull) {
    if (Remotes.isUrl(location)) {
      return new RemoteTransport(new JdkTransport(location, tokenOrNull), null);
    }
    Repository repo = Repository.open(Stores.open(Path.of(location)));
    return new RemoteTransport(new LocalTransport(repo, location), repo);
  }

  @Override
  public Reply send(Request request) {
    return transport.send(request);
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    return transport.events(path, listener);
  }

  @Override
  public void close() {
    if (opened != null) {
      opened.close();
    }
  }
}
