package dev.grove.browser.sync;

import dev.grove.backend.Subscription;
import dev.grove.sync.Protocol;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.SyncException;
import dev.grove.sync.Transport;
import dev.grove.sync.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A transport for pushing and syncing, over another: a repository the server does not have yet
 * reads as one without branches. docs/PROTOCOL.md: a push with a write token creates the
 * repository, but the core's {@code Remote.push} and {@code sync} read {@code refs} first,
 * which for an unknown repository is {@code 404 repository_not_found}, so without this a first
 * push could never happen. Only that answer to {@code GET refs} changes.
 *
 * <p>Stop-gap: this belongs in the core's {@code Remote} (the JVM client has the same stop-gap);
 * remove it when the core treats an absent repository as empty for push and sync.
 */
public final class PushCreates implements Transport {
  private static final byte[] NO_BRANCHES =
      ("{\"protocol\":" + Protocol.VERSION + ",\"branches\":{}}").getBytes(StandardCharsets.UTF_8);

  private final Transport inner;

  public PushCreates(Transport inner) {
    this.inner = inner;
  }

  @Override
  public Reply send(Request request) {
    Reply reply = inner.send(request);
    if (reply.status() != 404 || !request.method().equals("GET") || !request.path().equals("refs")) {
      return reply;
    }
    byte[] body;
    try (reply) {
      body = reply.body().readAllBytes();
    } catch (IOException e) {
      throw new TransportException("the refs answer broke off: " + e.getMessage(), e);
    }
    SyncException error = Protocol.errorFrom(
        new Reply(404, reply.contentType(), new ByteArrayInputStream(body)));
    if (error.code().equals("repository_not_found")) {
      return new Reply(200, Protocol.JSON_TYPE, new ByteArrayInputStream(NO_BRANCHES));
    }
    return new Reply(404, reply.contentType(), new ByteArrayInputStream(body));
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    return inner.events(path, listener);
  }
}
