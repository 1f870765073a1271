package dev.grove.sync;

import dev.grove.backend.Subscription;
import dev.grove.store.Repository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link Transport} to a {@link SyncServer} in the same process: every request and reply
 * goes through its bytes (JSON and bundles serialised and parsed), as over HTTP, with the
 * statuses and content types of docs/PROTOCOL.md. It can be switched off (no reply, streams
 * break with a {@link TransportException}) and on again.
 */
final class InProcessTransport implements Transport {
  private final Repository serverRepo;
  private final SyncServer server;
  private final long maxBodyBytes;
  private final List<Stream> streams = new ArrayList<>();
  private volatile boolean online = true;
  final AtomicInteger requests = new AtomicInteger();
  /** Run (once) before the next push reaches the server: to make a push lose a race. */
  volatile Runnable beforeNextPush;
  final AtomicInteger bytesReceived = new AtomicInteger();

  InProcessTransport(Repository serverRepo) {
    this(serverRepo, 64L << 20);
  }

  InProcessTransport(Repository serverRepo, long maxBodyBytes) {
    this.serverRepo = serverRepo;
    this.server = new SyncServer(serverRepo);
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Switches the network off (streams break, requests fail) or on. */
  void setOnline(boolean on) {
    online = on;
    if (!on) {
      List<Stream> open;
      synchronized (streams) {
        open = new ArrayList<>(streams);
        streams.clear();
      }
      for (Stream stream : open) {
        stream.end(new TransportException("the network is off"));
      }
    }
  }

  @Override
  public Reply send(Request request) {
    if (!online) {
      throw new TransportException("the network is off");
    }
    requests.incrementAndGet();
    byte[] body = request.body() == null ? new byte[0] : request.body().clone();
    try {
      String key = request.method() + " " + request.path();
      if (key.equals("GET refs") || key.equals("GET " + Protocol.REFS_FOR_PUSH_PATH)) {
        return reply(200, Protocol.JSON_TYPE, server.refs());
      }
      if (key.equals("POST fetch")) {
        if (!Protocol.JSON_TYPE.equals(request.contentType())) {
          throw new SyncException(415, "unsupported_media_type", "fetch takes JSON");
        }
        SyncServer.Bundle bundle = server.fetch(body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bundle.writeTo(out);
        return reply(200, Protocol.BUNDLE_TYPE, out.toByteArray());
      }
      if (key.equals("POST push")) {
        if (!Protocol.BUNDLE_TYPE.equals(request.contentType())) {
          throw new SyncException(415, "unsupported_media_type", "push takes a bundle");
        }
        if (body.length > maxBodyBytes) {
          throw new SyncException(413, "body_too_large", "over " + maxBodyBytes + " bytes");
        }
        Runnable hook = beforeNextPush;
        beforeNextPush = null;
        if (hook != null) {
          hook.run();
        }
        SyncServer.Reply answer = server.push(new ByteArrayInputStream(body), maxBodyBytes);
        return reply(answer.status(), Protocol.JSON_TYPE, answer.json());
      }
      throw new SyncException(404, "not_found", "no " + key);
    } catch (SyncException e) {
      return reply(e.status(), Protocol.JSON_TYPE, Protocol.errorJson(e.code(), e.getMessage()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Reply reply(int status, String type, byte[] body) {
    bytesReceived.addAndGet(body.length);
    return new Reply(status, type, new ByteArrayInputStream(body));
  }

  @Override
  public Subscription events(String path, EventListener listener) {
    Stream stream = new Stream(listener);
    if (!online || !path.equals("watch")) {
      stream.end(online ? new SyncException(404, "not_found", "no " + path)
          : new TransportException("the network is off"));
      return stream;
    }
    synchronized (streams) {
      streams.add(stream);
    }
    stream.open();
    return stream;
  }

  /** One watch stream: events are delivered in order from its own thread. */
  private final class Stream implements Subscription {
    private final EventListener listener;
    private final LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
    private volatile boolean cancelled;
    private Subscription watch;

    Stream(EventListener listener) {
      this.listener = listener;
      Thread thread = new Thread(this::deliver, "in-process-watch");
      thread.setDaemon(true);
      thread.start();
    }

    void open() {
      watch = serverRepo.backend().refs().watch(change -> queue.add(new Object[] {"ref",
          SyncServer.refEventData(change.branch(), change.newHead())}));
      queue.add(new Object[] {"refs", SyncServer.refsEventData(serverRepo.branches())});
    }

    void end(RuntimeException error) {
      if (watch != null) {
        watch.cancel();
      }
      queue.add(new Object[] {"closed", error});
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (watch != null) {
        watch.cancel();
      }
      synchronized (streams) {
        streams.remove(this);
      }
      queue.add(new Object[] {"stop"});
    }

    private void deliver() {
      while (true) {
        Object[] item;
        try {
          item = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        if (cancelled || item[0].equals("stop")) {
          return;
        }
        if (item[0].equals("closed")) {
          listener.closed((RuntimeException) item[1]);
          return;
        }
        listener.event((String) item[0], (String) item[1]);
      }
    }
  }
}
