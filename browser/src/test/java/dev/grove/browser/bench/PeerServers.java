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
  private final String repository;
  private final int commits;
  private final GroveServer grove;
  private final String token;
  private final ObjectId historyHead;
  private final WireCounter groveWire;
  private final Process couch;
  private final int couchPort;
  private final WireCounter couchWire;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private PeerServers(Path data, String repository, int commits, GroveServer grove, String token, ObjectId historyHead,
      WireCounter groveWire, Process couch, int couchPort, WireCounter couchWire) {
    this.data = data;
    this.repository = repository;
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
   * Starts both servers, CORS open to {@code pageOrigin}, on data directory {@code data}, where
   * the history (and each {@link #snapshot}) is written on first use and kept for later runs
   * (10,000 commits take a minute or more to write). {@code pouchdbServer} is pouchdb-server's
   * bin script, run with {@code node}.
   */
  static PeerServers start(int commits, String pageOrigin, Path pouchdbServer, Path data)
      throws IOException, InterruptedException {
    Files.createDirectories(data);
    String repository = "history-" + commits;
    Path done = data.resolve(repository + ".head");
    ObjectId head;
    if (Files.exists(done)) {
      head = ObjectId.fromHex(Files.readString(done).trim());
    } else {
      long start = System.nanoTime();
      deleteTree(data.resolve(repository));
      try (Repository repo = Repository.open(Stores.init(data.resolve(repository), Stores.Kind.GIT, Durability.NO_FSYNC))) {
        for (int i = 0; i < commits; i++) {
          repo.branch("main").set(key(i), value(i), CommitInfo.message("commit " + i));
        }
        head = repo.head("main");
      }
      Files.writeString(done, head.hex() + "\n");
      System.err.printf("W5: a history of %d commits written on the Grove server's store in %.1f s (kept in %s)%n",
          commits, (System.nanoTime() - start) / 1e9, data.resolve(repository));
    }
    GroveServer grove = GroveServer.start(ServerConfig.defaults(data).withPort(0)
        .withDurability(Durability.NO_FSYNC).withAllowedOrigins(List.of(pageOrigin)));
    Path couchDir = Files.createTempDirectory("grove-peers-pouchdb-server-");
    PeerServers servers;
    try {
      // a new token each run: the data directory, and its tokens, are kept between runs
      String token = grove.tokens().add("bench-" + System.currentTimeMillis(), Scope.WRITE);
      WireCounter groveWire = WireCounter.start(grove.port());
      int couchPort;
      try (ServerSocket free = new ServerSocket(0)) {
        couchPort = free.getLocalPort();
      }
      Process couch = new ProcessBuilder("node", pouchdbServer.toAbsolutePath().toString(), "--port", String.valueOf(couchPort),
          "--host", "127.0.0.1", "--in-memory", "--no-stdout-logs", "--no-color",
          "--config", couchDir.resolve("config.json").toString())
          .directory(couchDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(couchDir.resolve("stdout.txt").toFile())
          .start();
      servers = new PeerServers(data, repository, commits, grove, token, head, groveWire, couch,
          couchPort, WireCounter.start(couchPort));
    } catch (IOException | RuntimeException e) {
      grove.close();
      throw e;
    }
    try {
      servers.resetGrove(); // in case a run stopped between a W6 change and its reset
      servers.awaitCouch(couchDir.resolve("stdout.txt"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      servers.close();
      throw e;
    }
    return servers;
  }

  private void awaitCouch(Path output) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        if (couch("GET", "/", null).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        if (!couch.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IOException("pouchdb-server did not start (its output: " + output + ")", e);
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
    try (Repository repo = Repository.open(Stores.open(data.resolve(repository)))) {
      repo.branch("main").set(NEW_KEY, NEW_VALUE, CommitInfo.message("one more"));
    }
  }

  /** Moves the Grove server's {@code main} back to the history's head (undoes {@link #changeGrove}). */
  void resetGrove() {
    try (Repository repo = Repository.open(Stores.open(data.resolve(repository)))) {
      if (repo.head("main").equals(historyHead)) {
        return;
      }
      repo.deleteBranch("main");
      repo.createBranch("main", historyHead);
    }
  }

  /** What the page needs to pull from both servers, through the wire counters. */
  Map<String, Object> remote(String couchDb) {
    return remote(repository, couchDb);
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
  Map<String, Object> snapshot(int keys) throws IOException {
    String name = "snapshot-" + keys;
    Path done = data.resolve(name + ".done");
    if (!Files.exists(done)) {
      deleteTree(data.resolve(name));
      try (Repository repo = Repository.open(Stores.init(data.resolve(name), Stores.Kind.GIT, Durability.NO_FSYNC))) {
        repo.branch("main").transact(Strategy.SET, CommitInfo.message(keys + " keys"), draft -> {
          for (int i = 0; i < keys; i++) {
            draft.set(String.format(Locale.ROOT, "k/%03d/%05d", i / 100, i), value(i));
          }
          return null;
        });
      }
      Files.writeString(done, "");
    }
    return remote(name, "none");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
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
