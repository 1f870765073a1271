package dev.grove.server.http;

import dev.grove.sync.Protocol;
import dev.grove.sync.SyncServer;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The protocol's endpoints under {@code /repos/NAME} (docs/PROTOCOL.md): each authenticates,
 * finds the repository (404 after authentication), checks the content type (415) and the body's
 * size (413, counted while reading when there is no {@code Content-Length}), then hands the
 * request to the core's {@link SyncServer} and sends what it answers.
 */
final class ProtocolHandlers {
  /** A fetch request is JSON of at most 1,000 wants and 10,000 haves: well under 1 MiB. */
  static final long MAX_FETCH_REQUEST = 1L << 20;

  private final Access access;
  private final Repositories repositories;
  private final long maxBodyBytes;

  ProtocolHandlers(Access access, Repositories repositories, long maxBodyBytes) {
    this.access = access;
    this.repositories = repositories;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** GET refs: the branches and their heads. */
  void refs(Context ctx) {
    HostedRepository hosted = findForRead(ctx);
    Replies.json(ctx, 200, hosted.sync().refs());
  }

  /** POST fetch: a bundle of what the wants reach and the haves do not. */
  void fetch(Context ctx) throws IOException {
    HostedRepository hosted = findForRead(ctx);
    requireContentType(ctx, Protocol.JSON_TYPE);
    long limit = Math.min(maxBodyBytes, MAX_FETCH_REQUEST);
    byte[] request;
    try (BoundedInputStream body = body(ctx, limit)) {
      request = body.readAll();
    } catch (IOException e) {
      throw new HttpError(400, "bad_request", "the request body could not be read: " + e.getMessage());
    }
    SyncServer.Bundle bundle = hosted.sync().fetch(request); // checks everything before a byte is sent
    ctx.status(200);
    ctx.contentType(Protocol.BUNDLE_TYPE);
    // Buffered, so that Javalin (which decides on the first write) gzips a bundle of 1,500 bytes
    // or more when the client accepts gzip; Javalin closes its stream after the handler.
    OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
    bundle.writeTo(out);
    out.flush();
  }

  /** POST push: a bundle of objects and a compare-and-set of one branch; creates the repository. */
  void push(Context ctx) throws IOException {
    access.check(ctx.header("Authorization"), Scope.WRITE);
    requireContentType(ctx, Protocol.BUNDLE_TYPE);
    try (BoundedInputStream body = body(ctx, maxBodyBytes)) {
      Repositories.Push push = repositories.beginPush(ctx.pathParam("name"));
      SyncServer.Reply reply = null;
      try {
        reply = push.hosted().sync().push(body, maxBodyBytes);
      } catch (RuntimeException e) {
        if (body.exceeded()) {
          throw HttpError.bodyTooLarge(maxBodyBytes);
        }
        throw e;
      } finally {
        repositories.endPush(push, reply != null && reply.status() == 200);
      }
      if (reply.status() != 200 && body.exceeded()) {
        throw HttpError.bodyTooLarge(maxBodyBytes);
      }
      Replies.json(ctx, reply.status(), reply.json());
    }
  }

  /** The repository of a read request, after checking the read scope. */
  HostedRepository findForRead(Context ctx) {
    access.check(ctx.header("Authorization"), Scope.READ);
    String name = ctx.pathParam("name");
    return repositories.find(name).orElseThrow(() -> HttpError.repositoryNotFound(name));
  }

  /** The request body, limited to {@code limit} bytes: 413 at once when it says it is larger. */
  private static BoundedInputStream body(Context ctx, long limit) throws IOException {
    if (ctx.req().getContentLengthLong() > limit) {
      throw HttpError.bodyTooLarge(limit);
    }
    InputStream in = ctx.req().getInputStream();
    return new BoundedInputStream(in, limit);
  }

  private static void requireContentType(Context ctx, String expected) {
    String type = ctx.header("Content-Type");
    String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!bare.equals(expected)) {
      throw new HttpError(415, "unsupported_media_type", "this request takes a body of type "
          + expected + (type == null ? ", and has no Content-Type" : ", not " + type));
    }
  }
}
