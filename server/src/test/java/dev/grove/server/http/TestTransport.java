package dev.grove.server.http;

import dev.grove.backend.Subscription;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.Transport;
import dev.grove.sync.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/**
 * The smallest JDK HTTP client transport, so that these server tests can drive the core's
 * {@link dev.grove.sync.Remote} over real HTTP (the product's transport is the client's
 * {@code JdkTransport}; watch streams are tested here with {@link SseReader}).
 */
final class TestTransport implements Transport {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String repositoryUrl;
  private final String token;

  TestTransport(String repositoryUrl, String token) {
    this.repositoryUrl = repositoryUrl;
    this.token = token;
  }

  @Override
  public Reply send(Request request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(repositoryUrl + "/" + request.path()));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (request.body() != null) {
      builder.header("Content-Type", request.contentType());
      builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim()
          .toLowerCase(Locale.ROOT);
      return new Reply(response.statusCode(), type, response.body());
    } catch (IOException e) {
      throw new TransportException(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted", e);
    }
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    throw new UnsupportedOperationException("not needed by these tests");
  }
}
