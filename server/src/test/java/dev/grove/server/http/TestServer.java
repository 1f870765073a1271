package dev.grove.server.http;

import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A real server on a loopback port for one test, with a write and a read token, and a JDK HTTP
 * client to talk to it.
 */
final class TestServer implements AutoCloseable {
  final Path data;
  final GroveServer server;
  final String writeToken;
  final String readToken;
  final HttpClient http = HttpClient.newHttpClient();
  private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();

  TestServer(Path data, ServerConfig config) {
    this(data, GroveServer.start(config));
  }

  /** A server that allows at most {@code maxWatchStreams} watch streams at once. */
  static TestServer withMaxWatchStreams(Path data, int maxWatchStreams) {
    return new TestServer(data, GroveServer.start(config(data), maxWatchStreams));
  }

  private TestServer(Path data, GroveServer server) {
    this.data = data;
    this.server = server;
    long n = COUNT.incrementAndGet(); // a restarted server in the same directory adds two more
    this.writeToken = server.tokens().add("writer-" + n, Scope.WRITE);
    this.readToken = server.tokens().add("reader-" + n, Scope.READ);
  }

  static TestServer start(Path data) {
    return new TestServer(data, config(data));
  }

  static ServerConfig config(Path data) {
    return ServerConfig.defaults(data).withPort(0).withDurability(Durability.NO_FSYNC);
  }

  /** Creates repository {@code name} of {@code kind} in the data directory with one commit on main. */
  void createRepository(String name, Stores.Kind kind) {
    try (Repository repo = Repository.open(Stores.init(data.resolve(name), kind, Durability.NO_FSYNC))) {
      repo.branch("main").set("notes/today", "buy milk", CommitInfo.message("first"));
    }
  }

  HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET().build());
  }

  HttpResponse<String> post(String path, String token, String contentType, byte[] body) {
    HttpRequest.Builder builder = request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.build());
  }

  /** A POST whose body has no Content-Length (sent chunked). */
  HttpResponse<String> postChunked(String path, String token, String contentType, Supplier<InputStream> body) {
    return send(request(path, token).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build());
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
