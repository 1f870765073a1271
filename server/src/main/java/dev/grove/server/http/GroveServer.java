package dev.grove.server.http;

import dev.grove.backend.BackendException;
import dev.grove.sync.SyncException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.http.server.resolver.AsIsFileService;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Grove server of one data directory: the sync protocol under {@code /repos/NAME}
 * (docs/PROTOCOL.md), Git's smart HTTP under {@code /git/NAME.git}, {@code /health}, and the
 * placeholder page at {@code /}. Every request is authenticated with the {@link Tokens} of the
 * data directory and logged in one line ({@code grove.http}).
 *
 * <p>{@link #close} is graceful: it stops accepting connections, ends the watch streams, lets
 * the requests under way finish (up to {@link #STOP_TIMEOUT_MS}), then closes the repositories.
 */
public final class GroveServer implements AutoCloseable {
  /** How long {@link #close} waits for requests under way. */
  static final long STOP_TIMEOUT_MS = 30_000;
  /**
   * While stopping, a connection with no traffic for this long is closed: idle keep-alive
   * connections, and a client that stalls mid-request (its request then fails and changes nothing).
   */
  static final long SHUTDOWN_IDLE_TIMEOUT_MS = 500;

  private static final Logger LOG = LoggerFactory.getLogger(GroveServer.class);

  private final ServerConfig config;
  private final Tokens tokens;
  private final Repositories repositories;
  private final WatchStreams watches;
  private final GracefulHandler graceful = new GracefulHandler();
  private final AtomicBoolean closed = new AtomicBoolean();
  private Javalin app;

  private GroveServer(ServerConfig config, Tokens tokens, int maxWatchStreams) {
    this.config = config;
    this.tokens = tokens;
    this.repositories = new Repositories(config.dataDir(), config.backend(), config.durability());
    this.watches = new WatchStreams(maxWatchStreams);
  }

  /**
   * Creates the data directory when missing and starts serving it.
   *
   * @throws UncheckedIOException when the data directory cannot be created
   * @throws io.javalin.util.JavalinException when the address cannot be bound
   */
  public static GroveServer start(ServerConfig config) {
    return start(config, WatchStreams.DEFAULT_MAX_STREAMS);
  }

  /** {@link #start(ServerConfig)} with another limit of open watch streams (for tests). */
  static GroveServer start(ServerConfig config, int maxWatchStreams) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
    }
    GroveServer server = new GroveServer(config, Tokens.open(config.dataDir()), maxWatchStreams);
    try {
      server.app = Javalin.create(server::configure).start(config.host(), config.port());
    } catch (RuntimeException e) {
      server.watches.close();
      server.repositories.close();
      throw e;
    }
    return server;
  }

  /** The port the server listens on (the one chosen when the configuration said 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://HOST:PORT}. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The protocol's URL of repository {@code name}: {@code url() + "/repos/" + name}. */
  public String repositoryUrl(String name) {
    return url() + "/repos/" + name;
  }

  /** Git's URL of repository {@code name}: {@code url() + "/git/" + name + ".git"}. */
  public String gitUrl(String name) {
    return url() + "/git/" + name + ".git";
  }

  public Tokens tokens() {
    return tokens;
  }

  public ServerConfig config() {
    return config;
  }

  /** Requests under way (for tests of the graceful stop). */
  long requestsInFlight() {
    return graceful.getCurrentRequestCount();
  }

  /** Whether {@link #close} has begun the graceful stop (for tests). */
  boolean isStopping() {
    return graceful.isShutdown();
  }

  /**
   * Stops gracefully: no new connections, watch streams ended, requests under way finished (up
   * to {@link #STOP_TIMEOUT_MS}), then the repositories closed. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      watches.close();
      app.stop();
    } finally {
      repositories.close();
    }
  }

  private void configure(JavalinConfig cfg) {
    Access access = new Access(tokens, config.anonymousRead());
    Cors cors = new Cors(config.allowedOrigins());
    ProtocolHandlers protocol = new ProtocolHandlers(access, repositories, config.maxBodyBytes());

    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.asyncTimeout = 0; // watch streams stay open until the reader or the server ends them
    cfg.jetty.modifyServer(server -> {
      server.setStopTimeout(STOP_TIMEOUT_MS);
      graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
      server.insertHandler(graceful);
      server.setRequestLog(new RequestLogger());
      server.setErrorHandler(JsonErrorPages.forServer());
    });
    cfg.jetty.modifyServletContextHandler(context -> {
      context.setErrorHandler(JsonErrorPages.forContext());
      GitServlet git = new GitServlet();
      git.setRepositoryResolver(new GitRepositoryResolver());
      git.setAsIsFileService(AsIsFileService.DISABLED); // smart HTTP only
      git.setUploadPackFactory((req, db) -> new UploadPack(db));
      git.setReceivePackFactory(new GitReceivePacks(config.maxBodyBytes()));
      context.addServlet(new ServletHolder("git", git), "/git/*");
      context.addFilter(new FilterHolder(cors.servletFilter()), "/git/*", EnumSet.of(DispatcherType.REQUEST));
      context.addFilter(new FilterHolder(new GitAccessFilter(access, repositories, config.maxBodyBytes())),
          "/git/*", EnumSet.of(DispatcherType.REQUEST));
    });

    cfg.routes.before(cors::addHeaders);
    cfg.routes.options("/*", cors::preflight);
    cfg.routes.get("/", GroveServer::placeholderPage);
    cfg.routes.get("/health", GroveServer::health);
    cfg.routes.get("/repos/{name}/refs", protocol::refs);
    cfg.routes.post("/repos/{name}/fetch", protocol::fetch);
    cfg.routes.post("/repos/{name}/push", protocol::push);
    cfg.routes.get("/repos/{name}/watch", ctx -> watches.start(ctx, protocol.findForRead(ctx)));
    // HEAD runs the same checks as GET (Javalin would otherwise answer 200 without running the
    // GET handler); Jetty sends no body. A watch's HEAD opens no stream.
    cfg.routes.head("/", GroveServer::placeholderPage);
    cfg.routes.head("/health", GroveServer::health);
    cfg.routes.head("/repos/{name}/refs", protocol::refs);
    cfg.routes.head("/repos/{name}/watch", ctx -> {
      protocol.findForRead(ctx);
      ctx.status(200).contentType("text/event-stream");
    });

    cfg.routes.exception(HttpError.class, (e, ctx) -> {
      if (e.status() == 401) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"grove\"");
      }
      if (e.status() == 413) {
        discardRestOfBody(ctx);
      }
      Replies.error(ctx, e.status(), e.code(), e.getMessage());
    });
    cfg.routes.exception(SyncException.class, (e, ctx) -> {
      if (e.status() == 413) { // a bundle's count or frame over the limits
        discardRestOfBody(ctx);
      }
      Replies.error(ctx, e.status(), e.code(), e.getMessage());
    });
    cfg.routes.exception(BackendException.class, (e, ctx) -> {
      if (e.code().equals("branch_name_conflict")) { // lost a race with the creation of x or x/y
        Replies.error(ctx, 400, "invalid_branch", e.getMessage());
      } else {
        internalError(e, ctx);
      }
    });
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      String code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "bad_request";
      Replies.error(ctx, status, code, status == 404 ? "no such path: " + ctx.path() : e.getMessage());
    });
    cfg.routes.exception(Exception.class, GroveServer::internalError);
  }

  private static void internalError(Exception e, Context ctx) {
    LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
    Replies.error(ctx, 500, "internal", "an internal error occurred; the server's log says more");
  }

  private static void health(Context ctx) {
    Replies.json(ctx, 200, "{\"status\":\"ok\",\"protocol\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void placeholderPage(Context ctx) throws IOException {
    try (InputStream page = GroveServer.class.getResourceAsStream("/web/index.html")) {
      if (page == null) {
        throw new IllegalStateException("the placeholder page is missing from the jar");
      }
      ctx.contentType("text/html; charset=utf-8");
      ctx.result(page.readAllBytes());
    }
  }

  /** How much of a refused body is read and dropped so that the client gets to read the 413. */
  private static final int DISCARD_LIMIT = 8 << 20;

  /**
   * Reads and drops what is left of a body refused as too large, up to {@link #DISCARD_LIMIT}:
   * answering while the client is still sending makes the server close the connection, and a
   * client that is still writing then often sees the connection reset instead of the 413. A
   * larger rest is left (the connection closes; such a client gets a network error).
   */
  private static void discardRestOfBody(Context ctx) {
    ctx.header("Connection", "close");
    byte[] buffer = new byte[64 * 1024];
    long left = DISCARD_LIMIT;
    try {
      java.io.InputStream in = ctx.req().getInputStream();
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        left -= n;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // The client went away or the body broke off: nothing more to do for it.
    }
  }
}
