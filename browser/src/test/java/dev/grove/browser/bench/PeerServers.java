package dev.grove.browser.bench;

import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * The servers of W5 and W6, on loopback, each behind a {@link WireCounter}: a Grove server (as
 * {@code grove serve}: git backend, here without fsync) holding a history of N commits, one new
 * key {@code items/D/I} each (Grove pulls it over Grove's protocol, isomorphic-git clones it
 * over the same server's {@code /git}); and {@code pouchdb-server} (npm, in memory), started as
 * a node process, holding the same N keys as documents in a new database per run. The Grove
 * server also serves {@link #snapshot}s, from which isomorphic-git's W3 stores are cloned.
 */
final class PeerServers implements AutoCloseable {
  /** The key the W6 change adds, on either server. */
  static final String NEW_KEY = "items/new/1";
  static final String NEW_VALUE = value(-1);

  private final Path data;
  private final int commits;
  private final GroveServer grove;
  private final String token;
  private final ObjectId historyHead;
  private final WireCounter groveWire;
  private final Process couch;
  private final int couchPort;
  private final WireCounter couchWire;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private PeerServers(Path data, int commits, GroveServer grove, String token, ObjectId historyHead,
      WireCounter groveWire, Process couch, int couchPort, WireCounter couchWire) {
    this.data = data;
    this.commits = commits;
    this.grove = grove;
    this.token = token;
    this.historyHead = historyHead;
    this.groveWire = groveWire;
    this.couch = couch;
    this.couchPort = couchPort;
    this.couchWire = couchWire;
  }

  /** The value of key {@code items/D/i}: as peers.mjs's value(i), 100 bytes. */
  static String value(int i) {
    StringBuilder s = new StringBuilder("value of key " + i + " ");
    while (s.length() < 100) {
      s.append('.');
    }
    return s.toString();
  }

  static String key(int i) {
    return "items/" + (i % 100) + "/" + i;
  }

  /**
   * Writes the history and starts both servers, CORS open to {@code pageOrigin}.
   * {@code pouchdbServer} is pouchdb-server's bin script, run with {@code node}.
   */
  static PeerServers start(int commits, String pageOrigin, Path pouchdbServer) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("grove-peers-servers-");
    ObjectId head;
    long start = System.nanoTime();
    try (Repository repo = Repository.open(Stores.init(data.resolve("bench"), Stores.Kind.GIT, Durability.NO_FSYNC))) {
      for (int i = 0; i < commits; i++) {
        repo.branch("main").set(key(i), value(i), CommitInfo.message("commit " + i));
      }
      head = repo.head("main");
    }
    if (commits > 0) {
      System.err.printf("W5: a history of %d commits written on the Grove server's store in %.1f s%n",
          commits, (System.nanoTime() - start) / 1e9);
    }
    GroveServer grove = GroveServer.start(ServerConfig.defaults(data).withPort(0)
        .withDurability(Durability.NO_FSYNC).withAllowedOrigins(List.of(pageOrigin)));
    String token = grove.tokens().add("bench", Scope.WRITE);
    WireCounter groveWire = WireCounter.start(grove.port());
    int couchPort;
    try (ServerSocket free = new ServerSocket(0)) {
      couchPort = free.getLocalPort();
    }
    Path couchDir = Files.createDirectories(data.resolve("pouchdb-server"));
    Process couch = new ProcessBuilder("node", pouchdbServer.toAbsolutePath().toString(), "--port", String.valueOf(couchPort),
        "--host", "127.0.0.1", "--in-memory", "--no-stdout-logs", "--no-color",
        "--config", couchDir.resolve("config.json").toString())
        .directory(couchDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(couchDir.resolve("stdout.txt").toFile())
        .start();
    PeerServers servers = new PeerServers(data, commits, grove, token, head, groveWire, couch, couchPort,
        WireCounter.start(couchPort));
    try {
      servers.awaitCouch();
    } catch (IOException | InterruptedException | RuntimeException e) {
      servers.close();
      throw e;
    }
    return servers;
  }

  private void awaitCouch() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        if (couch("GET", "/", null).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        if (!couch.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IOException("pouchdb-server did not start (see "
              + data.resolve("pouchdb-server/stdout.txt") + ")", e);
        }
      }
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> couch(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + couchPort + path))
        .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(new Json().toJson(body)));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void couchOk(String method, String path, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response = couch(method, path, body);
    if (response.statusCode() / 100 != 2) {
      throw new IOException("pouchdb-server: " + method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
  }

  /** Makes CouchDB database {@code db} holding the history's keys as documents {_id, v}. */
  void makeCouchDb(String db) throws IOException, InterruptedException {
    couchOk("PUT", "/" + db, null);
    for (int from = 0; from < commits; from += 1000) {
      List<Map<String, String>> docs = new ArrayList<>();
      for (int i = from; i < Math.min(commits, from + 1000); i++) {
        docs.add(Map.of("_id", key(i), "v", value(i)));
      }
      couchOk("POST", "/" + db + "/_bulk_docs", Map.of("docs", docs));
    }
  }

  void deleteCouchDb(String db) throws IOException, InterruptedException {
    couchOk("DELETE", "/" + db, null);
  }

  /** W6's change on pouchdb-server: a new document. */
  void changeCouchDb(String db) throws IOException, InterruptedException {
    couchOk("PUT", "/" + db + "/" + NEW_KEY.replace("/", "%2F"), Map.of("v", NEW_VALUE));
  }

  /** W6's change on the Grove server: one commit setting a new key. */
  void changeGrove() {
    try (Repository repo = Repository.open(Stores.open(data.resolve("bench")))) {
      repo.branch("main").set(NEW_KEY, NEW_VALUE, CommitInfo.message("one more"));
    }
  }

  /** Moves the Grove server's {@code main} back to the history's head (undoes {@link #changeGrove}). */
  void resetGrove() {
    try (Repository repo = Repository.open(Stores.open(data.resolve("bench")))) {
      repo.deleteBranch("main");
      repo.createBranch("main", historyHead);
    }
  }

  /** What the page needs to pull from both servers, through the wire counters. */
  Map<String, Object> remote(String couchDb) {
    return remote("bench", couchDb);
  }

  private Map<String, Object> remote(String repository, String couchDb) {
    String groveOrigin = WireCounter.origin(groveWire.port());
    return Map.of(
        "grove", grove.repositoryUrl(repository).replace(grove.url(), groveOrigin),
        "git", grove.gitUrl(repository).replace(grove.url(), groveOrigin),
        "token", token,
        "couch", WireCounter.origin(couchWire.port()) + "/" + couchDb);
  }

  /**
   * Repository {@code snapshot-KEYS} on the Grove server, made on first use: one commit of
   * {@code keys} keys {@code k/DDD/IIIII} with peers.mjs's values; the remote to pull it from.
   */
  Map<String, Object> snapshot(int keys) {
    String name = "snapshot-" + keys;
    if (!Files.exists(data.resolve(name))) {
      try (Repository repo = Repository.open(Stores.init(data.resolve(name), Stores.Kind.GIT, Durability.NO_FSYNC))) {
        repo.branch("main").transact(Strategy.SET, CommitInfo.message(keys + " keys"), draft -> {
          for (int i = 0; i < keys; i++) {
            draft.set(String.format(Locale.ROOT, "k/%03d/%05d", i / 100, i), value(i));
          }
          return null;
        });
      }
    }
    return remote(name, "none");
  }

  /** The wire counter of {@code system}'s server. */
  WireCounter wire(String system) {
    return system.equals("PouchDB") ? couchWire : groveWire;
  }

  int commits() {
    return commits;
  }

  @Override
  public void close() throws IOException {
    groveWire.close();
    couchWire.close();
    grove.close();
    couch.destroy();
  }
}
