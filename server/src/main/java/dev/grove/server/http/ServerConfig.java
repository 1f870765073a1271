package dev.grove.server.http;

import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import java.nio.file.Path;
import java.util.List;

/**
 * How a {@link GroveServer} runs.
 *
 * @param dataDir the directory of the repositories ({@code DATA/NAME}) and of {@code .grove/tokens}
 * @param host the address to listen on
 * @param port the port; 0 takes a free one
 * @param backend the kind of store a push creates
 * @param anonymousRead whether reads need no token
 * @param allowedOrigins the browser origins (such as {@code https://app.example}) allowed by CORS
 * @param maxBodyBytes the largest request body accepted (413 {@code body_too_large} above it)
 * @param durability whether the repositories fsync their writes
 */
public record ServerConfig(Path dataDir, String host, int port, Stores.Kind backend,
    boolean anonymousRead, List<String> allowedOrigins, long maxBodyBytes, Durability durability) {
  /** The default body limit: 256 MiB. */
  public static final long DEFAULT_MAX_BODY = 256L << 20;

  public ServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("the body limit must be positive: " + maxBodyBytes);
    }
  }

  /** 127.0.0.1:7070, git backend, tokens required, no CORS origin, 256 MiB bodies, fsync. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(dataDir, "127.0.0.1", 7070, Stores.Kind.GIT, false, List.of(),
        DEFAULT_MAX_BODY, Durability.FSYNC);
  }

  public ServerConfig withHost(String host) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }

  public ServerConfig withPort(int port) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }

  public ServerConfig withBackend(Stores.Kind backend) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }

  public ServerConfig withAnonymousRead(boolean anonymousRead) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }

  public ServerConfig withAllowedOrigins(List<String> allowedOrigins) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }

  public ServerConfig withMaxBodyBytes(long maxBodyBytes) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }

  public ServerConfig withDurability(Durability durability) {
    return new ServerConfig(dataDir, host, port, backend, anonymousRead, allowedOrigins, maxBodyBytes, durability);
  }
}
