package dev.grove.browser.sync;

import dev.grove.GroveException;
import dev.grove.backend.Subscription;
import dev.grove.sync.Protocol;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.Transport;
import java.io.ByteArrayInputStream;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The core's {@link Transport} over the JavaScript runtime's {@code fetch}: in browsers, and in
 * Node 18 or later. Replies are read whole ({@code fetch} undoes any gzip itself), giving up
 * when the reply's head has not arrived {@link Protocol#REPLY_HEAD_TIMEOUT_MS} after the
 * request began (the upload and the server's work take place before it), or when, once the
 * head is in, no byte of the body arrives for {@link Protocol#REQUEST_IDLE_TIMEOUT_MS}. An
 * event stream silent for {@link Protocol#WATCH_IDLE_TIMEOUT_MS} closes with a network error;
 * the event stream is read from a streaming body, since {@code EventSource} cannot send the
 * {@code Authorization} header. Calls block the calling green thread until {@code fetch}
 * settles, and may be made from several threads at once.
 */
public final class FetchTransport implements Transport {
  /** The code when there is no {@code fetch} here (an old Node, a bare JavaScript engine). */
  public static final String FETCH_UNAVAILABLE = "fetch_unavailable";

  private final String baseUrl;
  private final String token;
  private final int replyMs;
  private final int requestIdleMs;
  private final int watchIdleMs;

  /**
   * A transport to the repository at {@code repositoryUrl} ({@code http://HOST:PORT/repos/NAME};
   * a trailing {@code /} is ignored), sending {@code token} when it is not null.
   *
   * @throws GroveException {@code fetch_unavailable} when this runtime has no {@code fetch}
   */
  public FetchTransport(String repositoryUrl, String token) {
    this(repositoryUrl, token, Protocol.REPLY_HEAD_TIMEOUT_MS, Protocol.REQUEST_IDLE_TIMEOUT_MS,
        Protocol.WATCH_IDLE_TIMEOUT_MS);
  }

  /**
   * A transport with other timeouts than the protocol's: {@code replyMs} for the head of a
   * reply, from the start of its request; {@code requestIdleMs} for a reply body that sends
   * nothing more; {@code watchIdleMs} for a silent event stream.
   *
   * @throws GroveException {@code fetch_unavailable} when this runtime has no {@code fetch}
   */
  public FetchTransport(String repositoryUrl, String token, int replyMs, int requestIdleMs,
      int watchIdleMs) {
    if (!Fetch.available()) {
      throw new GroveException(FETCH_UNAVAILABLE, "this JavaScript runtime has no fetch with"
          + " streaming bodies (AbortController, TextDecoder): sync needs a browser or Node 18+");
    }
    this.baseUrl = repositoryUrl.endsWith("/")
        ? repositoryUrl.substring(0, repositoryUrl.length() - 1) : repositoryUrl;
    this.token = token;
    this.replyMs = replyMs;
    this.requestIdleMs = requestIdleMs;
    this.watchIdleMs = watchIdleMs;
  }

  @Override
  public Reply send(Request request) {
    byte[] body = request.body();
    Fetch.Answer answer = Fetch.send(url(request.path()), request.method(), token,
        request.contentType(), body == null ? null : Int8Array.fromJavaArray(body), replyMs,
        requestIdleMs);
    return new Reply(answer.getStatus(), Protocol.mediaType(answer.getType()),
        new ByteArrayInputStream(answer.getBody().copyToJavaArray()));
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    return EventStream.open(url(path), token, listener, watchIdleMs);
  }

  private String url(String path) {
    return baseUrl + "/" + path;
  }
}
