package dev.grove.browser.sync;

import dev.grove.backend.Subscription;
import dev.grove.sync.EventStreamParser;
import dev.grove.sync.Protocol;
import dev.grove.sync.Reply;
import dev.grove.sync.Transport.EventListener;
import java.io.ByteArrayInputStream;

/**
 * One server-sent event stream read with {@code fetch}: a green thread of its own opens the
 * request, reads the body piece by piece, parses it and hands each event to the listener, so
 * the listener is called from one thread, in order, and may block. Cancelling aborts the
 * request (an {@code AbortController}) and nothing more is delivered, {@code closed} included.
 */
final class EventStream implements Subscription {
  private final String url;
  private final String token;
  private final EventListener listener;
  private final int idleMs;
  private final org.teavm.jso.JSObject controller = Fetch.abortController();
  private volatile boolean cancelled;

  private EventStream(String url, String token, EventListener listener, int idleMs) {
    this.idleMs = idleMs;
    this.url = url;
    this.token = token;
    this.listener = listener;
  }

  /**
   * Starts reading {@code url}'s stream in a new thread; a stream silent for {@code idleMs}
   * (pings included) closes with a {@link dev.grove.sync.TransportException}.
   */
  static EventStream open(String url, String token, EventListener listener, int idleMs) {
    EventStream stream = new EventStream(url, token, listener, idleMs);
    new Thread(stream::run).start();
    return stream;
  }

  @Override
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      Fetch.abort(controller);
    }
  }

  private void run() {
    RuntimeException error;
    try {
      error = follow();
    } catch (Fetch.Aborted aborted) {
      return;
    } catch (RuntimeException failed) {
      Fetch.abort(controller);
      error = failed;
    }
    if (!cancelled) {
      listener.closed(error);
    }
  }

  /** Reads the stream to its end: null when the server ended it, else why it could not be read. */
  private RuntimeException follow() {
    Fetch.StreamHead head = Fetch.open(url, token, controller, idleMs);
    int status = head.getStatus();
    String type = Protocol.mediaType(head.getType());
    if (status < 200 || status >= 300) {
      return Protocol.errorFrom(new Reply(status, type,
          new ByteArrayInputStream(head.getBody().copyToJavaArray())));
    }
    if (!type.equals(Protocol.EVENT_STREAM_TYPE)) {
      Fetch.abort(controller);
      return Protocol.notAnEventStream(url, type);
    }
    EventStreamParser parser = new EventStreamParser((name, data) -> {
      if (!cancelled) {
        listener.event(name, data);
      }
    });
    org.teavm.jso.JSObject decoder = Fetch.decoder();
    while (!cancelled) {
      Fetch.Piece piece = Fetch.read(head.getReader(), decoder, controller, idleMs);
      parser.feed(piece.getText());
      if (piece.isDone()) {
        return null;
      }
    }
    throw new Fetch.Aborted();
  }
}
