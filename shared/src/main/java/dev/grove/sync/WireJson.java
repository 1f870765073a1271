package dev.grove.sync;

import dev.grove.backend.BranchNames;
import dev.grove.hash.ObjectId;
import dev.grove.json.Json;
import dev.grove.json.JsonNumber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The protocol's JSON documents (docs/PROTOCOL.md): refs, fetch requests, push headers and
 * push answers, written and read strictly. A reader takes the error to throw for a bad
 * document: {@code bad_request} on the server, {@code bad_response} on a client.
 */
final class WireJson {
  private WireJson() {}

  /**
   * A parsed fetch request. {@code negotiate}: the client would rather hear that the server
   * knows none of its haves than receive everything (docs/PROTOCOL.md, "Fetch").
   */
  record FetchRequest(List<ObjectId> wants, List<ObjectId> haves, boolean negotiate) {}

  /** A parsed push header: {@code expected} is {@link ObjectId#NONE} for "must not exist". */
  record PushHeader(String branch, ObjectId expected, ObjectId head, boolean force, int objects) {}

  /** A parsed push answer (200 or 409). */
  record PushAnswer(String outcomeOrCode, String branch, ObjectId head) {}

  // ---- refs ----

  static byte[] refs(SortedMap<String, ObjectId> branches) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("protocol", Protocol.VERSION);
    body.put("branches", branchMap(branches));
    return Json.writeUtf8(body);
  }

  static byte[] refsOfNoRepository() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("protocol", Protocol.VERSION);
    body.put("branches", new LinkedHashMap<>());
    body.put("exists", false);
    return Json.writeUtf8(body);
  }

  static Map<String, Object> branchMap(SortedMap<String, ObjectId> branches) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, ObjectId> entry : branches.entrySet()) {
      map.put(entry.getKey(), entry.getValue().hex());
    }
    return map;
  }

  /** A refs answer (client side): protocol 1, valid branch names and ids. */
  static SortedMap<String, ObjectId> parseRefs(byte[] body) {
    Function<String, SyncException> fail = Errors::badResponse;
    Map<String, Object> doc = object(body, fail);
    checkProtocol(doc, fail);
    return parseBranches(doc.get("branches"), fail);
  }

  /** The {@code branches} object of a refs answer or a watch {@code refs} event. */
  static SortedMap<String, ObjectId> parseBranches(Object value, Function<String, SyncException> fail) {
    if (!(value instanceof Map)) {
      throw fail.apply("'branches' is not an object");
    }
    SortedMap<String, ObjectId> out = new TreeMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      String name = (String) entry.getKey();
      if (BranchNames.problem(name) != null) {
        throw fail.apply("invalid branch name '" + Errors.quote(name) + "'");
      }
      out.put(name, id(entry.getValue(), "branch '" + name + "'", fail));
    }
    return out;
  }

  // ---- fetch ----

  static byte[] fetchRequest(Collection<ObjectId> wants, Collection<ObjectId> haves,
      boolean negotiate) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("protocol", Protocol.VERSION);
    body.put("wants", hexList(wants));
    body.put("haves", hexList(haves));
    if (negotiate) {
      body.put("negotiate", true);
    }
    return Json.writeUtf8(body);
  }

  /** A fetch request (server side): bad_request, unsupported_protocol or too_many_ids. */
  static FetchRequest parseFetchRequest(byte[] body) {
    Function<String, SyncException> fail = Errors::badRequest;
    Map<String, Object> doc = object(body, fail);
    checkProtocol(doc, fail);
    List<ObjectId> wants = idList(doc.get("wants"), "wants", Protocol.MAX_WANTS, fail);
    Object haves = doc.get("haves");
    Object negotiate = doc.get("negotiate");
    if (negotiate != null && !(negotiate instanceof Boolean)) {
      throw fail.apply("'negotiate' is not true or false");
    }
    return new FetchRequest(wants,
        haves == null ? List.of() : idList(haves, "haves", Protocol.MAX_HAVES, fail),
        Boolean.TRUE.equals(negotiate));
  }

  // ---- push ----

  static Map<String, Object> pushHeader(String branch, ObjectId expected, ObjectId head,
      boolean force, int objects) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("protocol", Protocol.VERSION);
    header.put("branch", branch);
    header.put("expected", expected.isNone() ? Json.NULL : expected.hex());
    header.put("head", head.hex());
    header.put("force", force);
    header.put("objects", objects);
    return header;
  }

  /** A push header (server side): bad_request, unsupported_protocol or invalid_branch. */
  static PushHeader parsePushHeader(Map<String, Object> header, int objects) {
    Function<String, SyncException> fail = Errors::badRequest;
    checkProtocol(header, fail);
    Object branch = header.get("branch");
    if (!(branch instanceof String)) {
      throw fail.apply("the push header has no 'branch' string");
    }
    String problem = BranchNames.problem((String) branch);
    if (problem != null) {
      throw Errors.invalidBranch("invalid branch name '" + Errors.quote(branch) + "': " + problem);
    }
    Object expected = header.get("expected");
    if (expected == null) {
      throw fail.apply("the push header has no 'expected' (an id, or null)");
    }
    ObjectId expectedId = expected == Json.NULL ? ObjectId.NONE : id(expected, "'expected'", fail);
    ObjectId head = id(header.get("head"), "'head'", fail);
    Object force = header.get("force");
    if (force != null && !(force instanceof Boolean)) {
      throw fail.apply("'force' is not true or false");
    }
    return new PushHeader((String) branch, expectedId, head, Boolean.TRUE.equals(force), objects);
  }

  static byte[] pushAccepted(String branch, String outcome, ObjectId head) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("branch", branch);
    body.put("outcome", outcome);
    body.put("head", head.hex());
    return Json.writeUtf8(body);
  }

  static byte[] pushRefused(String code, String message, ObjectId current) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    body.put("head", current.isNone() ? Json.NULL : current.hex());
    return Json.writeUtf8(body);
  }

  /** A push answer (client side): 200 {@code outcome}, or 409 {@code code}, with {@code head}. */
  static PushAnswer parsePushAnswer(byte[] body, boolean accepted) {
    Function<String, SyncException> fail = Errors::badResponse;
    Map<String, Object> doc = object(body, fail);
    Object what = doc.get(accepted ? "outcome" : "code");
    if (!(what instanceof String)) {
      throw fail.apply("the push answer has no '" + (accepted ? "outcome" : "code") + "'");
    }
    Object head = doc.get("head");
    ObjectId headId = head == null || head == Json.NULL ? ObjectId.NONE : id(head, "'head'", fail);
    Object branch = doc.get("branch");
    return new PushAnswer((String) what, branch instanceof String ? (String) branch : null, headId);
  }

  // ---- watch events ----

  static String refsEvent(SortedMap<String, ObjectId> branches) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("branches", branchMap(branches));
    return Json.write(body);
  }

  static String refEvent(String branch, ObjectId head) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("branch", branch);
    body.put("head", head.isNone() ? Json.NULL : head.hex());
    return Json.write(body);
  }

  // ---- shared readers ----

  /** The document as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(byte[] body, Function<String, SyncException> fail) {
    Object parsed;
    try {
      parsed = Json.parse(body);
    } catch (RuntimeException e) {
      throw fail.apply("not JSON: " + Errors.quote(e.getMessage()));
    }
    if (!(parsed instanceof Map)) {
      throw fail.apply("not a JSON object");
    }
    return (Map<String, Object>) parsed;
  }

  /** Checks {@code "protocol": 1}: absent or not a number is {@code fail}, another number unsupported_protocol. */
  static void checkProtocol(Map<String, Object> doc, Function<String, SyncException> fail) {
    Object version = doc.get("protocol");
    if (!(version instanceof JsonNumber)) {
      throw fail.apply("no 'protocol' number");
    }
    if (!((JsonNumber) version).text().equals(Integer.toString(Protocol.VERSION))) {
      throw Errors.unsupportedProtocol(version);
    }
  }

  /** A non-negative integer that fits an int, or -1. */
  static int smallInt(Object value) {
    if (value instanceof Integer) {
      return Math.max(-1, (Integer) value);
    }
    if (!(value instanceof JsonNumber)) {
      return -1;
    }
    String text = ((JsonNumber) value).text();
    if (text.isEmpty() || text.length() > 9) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(text);
  }

  static ObjectId id(Object value, String what, Function<String, SyncException> fail) {
    if (!(value instanceof String) || !ObjectId.isHex((String) value)) {
      throw fail.apply(what + " is not an object id (40 hex digits)");
    }
    ObjectId id = ObjectId.fromHex((String) value);
    if (id.isNone()) {
      throw fail.apply(what + " is the null id");
    }
    return id;
  }

  private static List<ObjectId> idList(Object value, String what, int max,
      Function<String, SyncException> fail) {
    if (!(value instanceof List)) {
      throw fail.apply("'" + what + "' is not an array of ids");
    }
    List<?> items = (List<?>) value;
    if (items.size() > max) {
      throw Errors.tooManyIds(items.size() + " " + what + " (at most " + max + ")");
    }
    List<ObjectId> ids = new ArrayList<>(items.size());
    for (Object item : items) {
      ids.add(id(item, "an entry of '" + what + "'", fail));
    }
    return ids;
  }

  private static List<Object> hexList(Collection<ObjectId> ids) {
    List<Object> out = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      out.add(id.hex());
    }
    return out;
  }
}
