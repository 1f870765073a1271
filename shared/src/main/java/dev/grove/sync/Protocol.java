package dev.grove.sync;

import dev.grove.Utf8Text;
import dev.grove.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Constants of the sync protocol (docs/PROTOCOL.md) and small wire helpers shared by the server
 * and the clients.
 */
public final class Protocol {
  /** The protocol version: the {@code protocol} field of refs, fetch and push, and the bundle's version byte. */
  public static final int VERSION = 1;
  /** The content type of a bundle (a push body, a fetch answer). */
  public static final String BUNDLE_TYPE = "application/x-grove-bundle";
  public static final String JSON_TYPE = "application/json";
  /** The content type of a watch stream. */
  public static final String EVENT_STREAM_TYPE = "text/event-stream";

  /**
   * How long a client waits for the next byte of a reply body before it gives up on the
   * connection (a {@link TransportException}): a server that stalls mid-answer, or a half-open
   * connection, must not hang a clone forever. Every transport uses this default.
   */
  public static final int REQUEST_IDLE_TIMEOUT_MS = 60_000;

  /**
   * How long a client waits for the head of a reply (status and headers), counted from the
   * start of the request: it covers sending the request body (a large push) and the server's
   * work on it, so it is much longer than {@link #REQUEST_IDLE_TIMEOUT_MS}, which only starts
   * with the reply's body. Every transport uses this default.
   */
  public static final int REPLY_HEAD_TIMEOUT_MS = 300_000;

  /**
   * How long a watch stream may stay silent, pings included, before the client counts it as
   * broken and closes it with a {@link TransportException} (so {@code LiveSync} reconnects). The
   * server sends a {@code : ping} comment every 15 s (PROTOCOL.md, "Watch"): 45 s is three
   * missed pings, which a live connection never misses.
   */
  public static final int WATCH_IDLE_TIMEOUT_MS = 45_000;
  /**
   * The path of the refs request a client sends before a push ({@link Remote#push},
   * {@link Remote#sync}): {@code refs?for=push}. A server answers a caller that may write, when
   * the repository does not exist yet, {@code 200} with {@code "exists": false} and no branches
   * instead of {@code 404 repository_not_found}, since the push will create it: a first push
   * then meets no error status (a browser logs every 4xx answer on its console). A server that
   * does not know the parameter answers 404 as before, which the client takes the same way.
   */
  public static final String REFS_FOR_PUSH_PATH = "refs?for=push";

  /** At most this many wants in one fetch. */
  public static final int MAX_WANTS = 1000;
  /** At most this many haves in one fetch. */
  public static final int MAX_HAVES = 10000;

  /**
   * At most this many objects in a pushed bundle (checked from the header's count before any
   * object is read: {@code 413 too_many_objects}). A receiver holds a push's objects in memory
   * until they are verified, about 200 bytes each beyond their payload.
   */
  public static final int MAX_BUNDLE_OBJECTS = 1_000_000;

  /** The largest JSON answer a client reads (refs of very many branches). */
  static final long MAX_JSON_BYTES = 64L << 20;

  /** The longest error body {@link #errorFrom} reads. */
  private static final int MAX_ERROR_BYTES = 64 * 1024;

  private Protocol() {}

  /**
   * Whether {@code name} is a valid repository name: 1 to 64 characters of
   * {@code A-Z a-z 0-9 . _ -}, starting with a letter or a digit.
   */
  public static boolean isValidRepositoryName(String name) {
    if (name == null || name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /** An error body: {@code {"code": code, "message": message}}. */
  public static byte[] errorJson(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message == null ? code : message);
    return Json.writeUtf8(body);
  }

  /**
   * Turns an error reply (status >= 400, JSON body per PROTOCOL.md) into a SyncException with
   * the server's code and message. A body that is not such JSON (a proxy's HTML page) gives the
   * message "HTTP STATUS from a server that is not Grove" (with the body only when it is one
   * short line of plain text, never a web page) and a code derived from the status
   * ({@code unauthorized}, {@code forbidden}, {@code not_found}, {@code body_too_large},
   * {@code server_error}, otherwise {@code http_error}). Reads and closes the reply.
   */
  public static SyncException errorFrom(Reply reply) {
    String text;
    try (reply) {
      text = readText(reply.body(), MAX_ERROR_BYTES);
    } catch (IOException | RuntimeException e) {
      text = "";
    }
    String code = null;
    String message = null;
    try {
      Object parsed = Json.parse(text);
      if (parsed instanceof Map) {
        Object c = ((Map<?, ?>) parsed).get("code");
        Object m = ((Map<?, ?>) parsed).get("message");
        code = c instanceof String && !((String) c).isEmpty() ? (String) c : null;
        message = m instanceof String ? (String) m : null;
      }
    } catch (RuntimeException e) {
      // Not JSON: fall back to the status below.
    }
    if (code == null) {
      code = codeOfStatus(reply.status());
      message = "HTTP " + reply.status() + " from a server that is not Grove" + plainReason(reply, text);
    }
    return new SyncException(reply.status(), code, message == null ? code : message);
  }

  /**
   * What a non-Grove error answer says, when it is one short line of plain text (a proxy's
   * "Bad Gateway"): {@code ": Bad Gateway"}; nothing for a web page or a long text, which a
   * one-line error must not dump.
   */
  private static String plainReason(Reply reply, String text) {
    String trimmed = text.trim();
    boolean page = reply.contentType().contains("html") || trimmed.startsWith("<");
    if (page || trimmed.isEmpty() || trimmed.length() > 200 || trimmed.contains("\n")) {
      return "";
    }
    return ": " + trimmed;
  }

  /**
   * The media type of a {@code Content-Type} header: without parameters, trimmed, lower case
   * ({@code ""} for a null or empty header).
   */
  public static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    StringBuilder lower = new StringBuilder(type.length());
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return lower.toString();
  }

  /**
   * The {@code bad_response} error of a watch reply that is not an event stream (a web page, a
   * proxy's answer): the URL is likely not a Grove repository's.
   */
  public static SyncException notAnEventStream(String url, String mediaType) {
    return Errors.badResponse("GET " + url + " answered "
        + (mediaType.isEmpty() ? "no content type" : mediaType) + ", not " + EVENT_STREAM_TYPE
        + ": is this the URL of a Grove repository?");
  }

  private static String codeOfStatus(int status) {
    if (status == 401) {
      return "unauthorized";
    }
    if (status == 403) {
      return "forbidden";
    }
    if (status == 404) {
      return "not_found";
    }
    if (status == 413) {
      return "body_too_large";
    }
    if (status == 415) {
      return "unsupported_media_type";
    }
    return status >= 500 ? "server_error" : "http_error";
  }

  /** Reads at most {@code limit} bytes of {@code in} as UTF-8 (the rest is left unread). */
  static String readText(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (out.size() < limit) {
      int n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
    }
    return Utf8Text.decode(out.toByteArray());
  }

  /** A reply's whole body; a broken connection is a {@link TransportException}. */
  static byte[] readReply(Reply reply, long limit) {
    try {
      return readAll(reply.body(), limit);
    } catch (IOException e) {
      throw new TransportException("the answer broke off: " + e.getMessage(), e);
    }
  }

  /** Reads all of {@code in}, failing with {@code body_too_large} past {@code limit} bytes. */
  static byte[] readAll(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (true) {
      int n = in.read(buffer);
      if (n < 0) {
        return out.toByteArray();
      }
      if (out.size() + (long) n > limit) {
        throw Errors.tooLarge(limit);
      }
      out.write(buffer, 0, n);
    }
  }
}
