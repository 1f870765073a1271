package dev.grove.server.client;

import dev.grove.backend.Subscription;
import dev.grove.sync.EventStreamParser;
import dev.grove.sync.Protocol;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.Transport;
import dev.grove.sync.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;

/**
 * The JDK HTTP client ({@code java.net.http}) as a {@link Transport} to one remote repository.
 * Requests go over HTTP/1.1 with {@code Accept-Encoding: gzip} (a gzip reply is decoded) and,
 * with a token, {@code Authorization: Bearer TOKEN}; the token is never part of a message.
 * Reply bodies stream. Connecting times out after {@value #CONNECT_SECONDS} s, waiting for the
 * head of a reply after {@link Protocol#REPLY_HEAD_TIMEOUT_MS} ms, and reading a body when no
 * byte arrives for {@link Protocol#REQUEST_IDLE_TIMEOUT_MS} ms (a {@link TransportException}
 * from the body's read). An event stream silent for {@link Protocol#WATCH_IDLE_TIMEOUT_MS} ms,
 * pings included, is closed with a {@link TransportException}, so the caller reconnects; a
 * watch reply that is not {@code text/event-stream} closes with {@code bad_response}.
 * Thread-safe.
 */
public final class JdkTransport implements Transport {
  static final int CONNECT_SECONDS = 10;

  private final String baseUrl;
  private final String token;
  private final HttpClient client;
  private final int requestIdleMs;
  private final int watchIdleMs;

  /**
   * @param repositoryUrl the repository's URL, {@code http://HOST:PORT/repos/NAME} (a trailing
   *     slash is ignored)
   * @param tokenOrNull the bearer token, or null to send none
   */
  public JdkTransport(String repositoryUrl, String tokenOrNull) {
    this(repositoryUrl, tokenOrNull, Protocol.REQUEST_IDLE_TIMEOUT_MS, Protocol.WATCH_IDLE_TIMEOUT_MS);
  }

  /**
   * A transport with other idle timeouts than the protocol's (tests shorten them).
   *
   * @param requestIdleMs how long a reply body may stay without a byte
   * @param watchIdleMs how long an event stream may stay without a byte
   */
  public JdkTransport(String repositoryUrl, String tokenOrNull, int requestIdleMs, int watchIdleMs) {
    this.requestIdleMs = requestIdleMs;
    this.watchIdleMs = watchIdleMs;
    this.baseUrl = repositoryUrl.endsWith("/")
        ? repositoryUrl.substring(0, repositoryUrl.length() - 1) : repositoryUrl;
    this.token = tokenOrNull;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The repository's URL, without a trailing slash. */
  public String url() {
    return baseUrl;
  }

  @Override
  public Reply send(Request request) {
    HttpRequest.Builder builder = newRequest(request.path())
        .timeout(Duration.ofMillis(Protocol.REPLY_HEAD_TIMEOUT_MS));
    if (request.body() != null) {
      if (request.contentType() != null) {
        builder.header("Content-Type", request.contentType());
      }
      builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw failure(request.method() + " " + request.path(), e, Protocol.REPLY_HEAD_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while waiting for " + baseUrl + "/" + request.path());
    }
    return reply(response, requestIdleMs, request.method() + " " + baseUrl + "/" + request.path());
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    EventStream stream = new EventStream(path, listener);
    Thread thread = new Thread(stream::run, "grove-events " + baseUrl + "/" + path);
    thread.setDaemon(true);
    thread.start();
    return stream::cancel;
  }

  private HttpRequest.Builder newRequest(String path) {
    HttpRequest.Builder builder;
    try {
      builder = HttpRequest.newBuilder(URI.create(baseUrl + "/" + path));
    } catch (IllegalArgumentException e) {
      throw new TransportException("not a valid URL: " + baseUrl + "/" + path);
    }
    builder.header("Accept-Encoding", "gzip");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private Reply reply(HttpResponse<InputStream> response, int idleMs, String what) {
    String type = Protocol.mediaType(response.headers().firstValue("Content-Type").orElse(""));
    InputStream body = new IdleTimeoutStream(response.body(), idleMs, "the answer of " + what);
    String encoding = response.headers().firstValue("Content-Encoding").orElse("")
        .trim().toLowerCase(Locale.ROOT);
    if (encoding.equals("gzip")) {
      try {
        body = new GZIPInputStream(body, 65536);
      } catch (IOException e) {
        try {
          body.close();
        } catch (IOException ignored) {
          // The reply is abandoned either way.
        }
        throw failure("reading the reply", e, Protocol.REPLY_HEAD_TIMEOUT_MS);
      }
    }
    return new Reply(response.statusCode(), type, body);
  }

  private TransportException failure(String what, IOException e, long replyTimeoutMs) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "connecting timed out after " + CONNECT_SECONDS + " s";
    } else if (e instanceof HttpTimeoutException) {
      reason = "no reply within " + replyTimeoutMs + " ms";
    } else if (e instanceof ConnectException) {
      reason = "connection refused";
    } else {
      reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    return new TransportException("cannot reach " + baseUrl + " (" + what + "): " + reason, e);
  }

  /** One event stream: opened and read on its own thread until its end or cancel(). */
  private final class EventStream {
    private final String path;
    private final EventListener listener;
    private volatile boolean cancelled;
    private volatile CompletableFuture<HttpResponse<InputStream>> pending;
    private volatile InputStream body;

    EventStream(String path, EventListener listener) {
      this.path = path;
      this.listener = listener;
    }

    void run() {
      RuntimeException error = null;
      try {
        HttpRequest request = newRequest(path).header("Accept", Protocol.EVENT_STREAM_TYPE)
            .timeout(Duration.ofMillis(watchIdleMs)).GET().build();
        pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        if (cancelled) {
          pending.cancel(true);
        }
        HttpResponse<InputStream> response = pending.get();
        Reply reply = reply(response, watchIdleMs, "the event stream " + baseUrl + "/" + path);
        body = reply.body();
        if (cancelled) {
          reply.close();
          return;
        }
        if (reply.status() >= 300) {
          try (reply) {
            error = Protocol.errorFrom(reply);
          }
        } else if (!reply.contentType().equals(Protocol.EVENT_STREAM_TYPE)) {
          reply.close();
          error = Protocol.notAnEventStream(baseUrl + "/" + path, reply.contentType());
        } else {
          try (reply) {
            read(reply.body());
          }
        }
      } catch (CancellationException e) {
        return;
      } catch (InterruptedException e) {
        error = new TransportException("interrupted while opening " + baseUrl + "/" + path);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        error = cause instanceof IOException ? failure("GET " + path, (IOException) cause, watchIdleMs)
            : new TransportException("cannot reach " + baseUrl + " (GET " + path + "): " + cause, cause);
      } catch (IOException e) {
        error = failure("reading " + path, e, watchIdleMs);
      } catch (RuntimeException e) {
        error = e;
      }
      if (!cancelled) {
        listener.closed(error);
      }
    }

    /** Feeds the stream's text to the parser until its end or cancel(). */
    private void read(InputStream body) throws IOException {
      EventStreamParser parser = new EventStreamParser((name, data) -> {
        if (!cancelled) {
          listener.event(name, data);
        }
      });
      Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
      char[] buffer = new char[8192];
      for (int n = text.read(buffer); n >= 0 && !cancelled; n = text.read(buffer)) {
        parser.feed(new String(buffer, 0, n));
      }
    }

    void cancel() {
      cancelled = true;
      CompletableFuture<HttpResponse<InputStream>> future = pending;
      if (future != null) {
        future.cancel(true);
      }
      InputStream stream = body;
      if (stream != null) {
        try {
          stream.close();
        } catch (IOException ignored) {
          // Closing aborts the connection; there is nothing more to do.
        }
      }
    }
  }
}
