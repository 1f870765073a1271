package dev.grove.server.http;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.store.Repository;
import dev.grove.sync.Protocol;
import dev.grove.sync.SyncException;
import dev.grove.sync.SyncServer;
import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

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

  /**
   * GET refs: the branches and their heads. With {@code ?for=push}, a repository that does not
   * exist is answered to a caller that may write as having no branches ({@code "exists": false},
   * 200), since that caller's push creates it (see {@link Protocol#REFS_FOR_PUSH_PATH}); anyone
   * else still gets 404.
   */
  void refs(Context ctx) {
    if ("push".equals(ctx.queryParam("for"))) {
      access.check(ctx.header("Authorization"), Scope.READ);
      String name = ctx.pathParam("name");
      Optional<HostedRepository> hosted = repositories.find(name);
      if (hosted.isEmpty() && Protocol.isValidRepositoryName(name)
          && access.allows(ctx.header("Authorization"), Scope.WRITE)) {
        Replies.json(ctx, 200, SyncServer.refsOfNoRepository());
        return;
      }
      Replies.json(ctx, 200, hosted.orElseThrow(() -> HttpError.repositoryNotFound(name))
          .sync().refs());
      return;
    }
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

  /**
   * POST push: a bundle of objects and a compare-and-set of one branch. Into an existing
   * repository the body is verified and applied as it streams in. A repository that does not
   * exist is created by its first push only once that push is known to succeed: the body is read
   * (within the limit) and applied to an empty repository in memory first, and only when that
   * answers 200 is the repository created and the same bytes applied to it
   * ({@link Repositories#createWith}). So a refused first push leaves nothing behind, and
   * nobody sees a repository that is not kept.
   */
  void push(Context ctx) throws IOException {
    access.check(ctx.header("Authorization"), Scope.WRITE);
    requireContentType(ctx, Protocol.BUNDLE_TYPE);
    String name = ctx.pathParam("name");
    if (!Protocol.isValidRepositoryName(name)) {
      throw Repositories.invalidName(name);
    }
    try (BoundedInputStream body = body(ctx, maxBodyBytes)) {
      Optional<HostedRepository> hosted = repositories.find(name);
      SyncServer.Reply reply;
      if (hosted.isPresent()) {
        reply = pushStreaming(hosted.get(), body);
      } else {
        byte[] bytes = readAll(body);
        reply = verifyOnEmptyRepository(bytes);
        if (reply.status() == 200) {
          reply = repositories.createWith(name,
              created -> created.sync().push(new ByteArrayInputStream(bytes), maxBodyBytes));
        }
      }
      Replies.json(ctx, reply.status(), reply.json());
    }
  }

  private SyncServer.Reply pushStreaming(HostedRepository hosted, BoundedInputStream body) {
    SyncServer.Reply reply;
    try {
      reply = hosted.sync().push(body, maxBodyBytes);
    } catch (RuntimeException e) {
      if (body.exceeded()) {
        throw HttpError.bodyTooLarge(maxBodyBytes);
      }
      throw e;
    }
    if (reply.status() != 200 && body.exceeded()) {
      throw HttpError.bodyTooLarge(maxBodyBytes);
    }
    return reply;
  }

  /** The answer the push in {@code bytes} gets from a repository with nothing in it (in memory). */
  private SyncServer.Reply verifyOnEmptyRepository(byte[] bytes) {
    try (Repository empty = Repository.open(new MemoryBackend())) {
      return new SyncServer(empty).push(new ByteArrayInputStream(bytes), maxBodyBytes);
    }
  }

  /** The whole body, within its limit (413 past it); a body that breaks off is a malformed bundle. */
  private static byte[] readAll(BoundedInputStream body) {
    try {
      return body.readAll();
    } catch (IOException e) {
      throw new SyncException(400, "malformed_bundle", "the body could not be read to its end: "
          + e.getMessage());
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
