package dev.grove.sync;

import dev.grove.backend.Subscription;
import dev.grove.store.Repository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A transport to a repository opened in this process: each request goes through the core's
 * server side ({@link SyncServer}) as bytes, with the statuses and content types of
 * docs/PROTOCOL.md, so a {@link Remote} over it behaves as over HTTP (a store's directory as a
 * remote, on the JVM; the conformance suite's sync cases). A push may be of any size unless a
 * limit is given. There is no watch stream: another process's
 * changes to a store are not observed, so {@link #events} closes at once with
 * {@code unsupported}. Thread-safe as {@link SyncServer} is.
 */
public final class LocalTransport implements Transport {
  private final SyncServer server;
  private final String where;
  private final long maxPushBytes;

  /**
   * @param repo the repository that answers (the caller keeps it open while this is used)
   * @param where how messages name it: its directory, say
   */
  public LocalTransport(Repository repo, String where) {
    this(repo, where, Long.MAX_VALUE);
  }

  /** As {@link #LocalTransport(Repository, String)}, refusing pushes over {@code maxPushBytes}. */
  public LocalTransport(Repository repo, String where, long maxPushBytes) {
    this.server = new SyncServer(repo);
    this.where = where;
    this.maxPushBytes = maxPushBytes;
  }

  @Override
  public Reply send(Request request) {
    String key = request.method() + " " + request.path();
    byte[] body = request.body() == null ? new byte[0] : request.body();
    try {
      if (key.equals("GET refs") || key.equals("GET " + Protocol.REFS_FOR_PUSH_PATH)) {
        // The repository is there: before a push too, it answers with its branches.
        return reply(200, Protocol.JSON_TYPE, server.refs());
      }
      if (key.equals("POST fetch") && Protocol.JSON_TYPE.equals(request.contentType())) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server.fetch(body).writeTo(out);
        return reply(200, Protocol.BUNDLE_TYPE, out.toByteArray());
      }
      if (key.equals("POST push") && Protocol.BUNDLE_TYPE.equals(request.contentType())) {
        SyncServer.Reply answer = server.push(new ByteArrayInputStream(body), maxPushBytes);
        return reply(answer.status(), Protocol.JSON_TYPE, answer.json());
      }
      throw new SyncException(404, "not_found", "no " + key + " in " + where);
    } catch (SyncException e) {
      return reply(e.status(), Protocol.JSON_TYPE, Protocol.errorJson(e.code(), e.getMessage()));
    } catch (IOException e) {
      throw new TransportException("cannot answer " + key + " from " + where + ": " + e.getMessage(), e);
    }
  }

  private static Reply reply(int status, String type, byte[] body) {
    return new Reply(status, type, new ByteArrayInputStream(body));
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    listener.closed(new SyncException(400, "unsupported", where + " is a store's directory, which has"
        + " no change stream: watch follows a server (grove serve)"));
    return () -> { };
  }
}
