package dev.grove.browser.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.browser.testing.SnippetPage;
import dev.grove.browser.testing.StaticServer;
import dev.grove.hash.ObjectId;
import dev.grove.server.client.JdkTransport;
import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.storage.Durability;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.sync.Progress;
import dev.grove.sync.PullResult;
import dev.grove.sync.PushResult;
import dev.grove.sync.Remote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * grove.js's {@code store.remote()} in headless Chromium against a real Grove server on
 * loopback, started here on a free port. The page comes from another origin (a static server),
 * which the Grove server allows: every request is a CORS request. The other side of each
 * exchange is the grove command line (run in this JVM) or the core's {@link Remote} over the JDK
 * HTTP client. Each test uses repositories and
 * stores of its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncChromiumTest {
  private static final CommitInfo JVM = CommitInfo.by("JVM", "jvm@example.org", "from the JVM");

  private Path data;
  private SnippetPage page;
  private ServerConfig config;
  private GroveServer server;
  private String token;
  private String readToken;

  @BeforeAll
  void start() throws IOException {
    data = Files.createTempDirectory("grove-sync-server-");
    page = SnippetPage.start();
    config = ServerConfig.defaults(data).withPort(0).withDurability(Durability.NO_FSYNC)
        .withAllowedOrigins(List.of(page.origin()));
    server = GroveServer.start(config);
    token = server.tokens().add("browser", Scope.WRITE);
    readToken = server.tokens().add("reader", Scope.READ);
  }

  @AfterAll
  void stop() throws IOException {
    try {
      if (page != null) {
        page.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @BeforeEach
  void loadPage() {
    page.load();
  }

  @Test
  @Order(1)
  @DisplayName("a page pushes from IndexedDB and the command line clones and pulls it")
  void pagePushesCommandLinePulls() throws IOException {
    Map<String, Object> pushed = page.object(""
        + "const store = await grove.open('page-to-cli');"
        + " const main = store.branch('main');"
        + " await main.set('notes/today', 'buy milk');"
        + " await main.set('stats/count', {n: 1});"
        + " const remote = store.remote(args[0], {token: args[1]});"
        + " const push = await remote.push();"
        + " const again = await remote.push({branch: 'main'});"
        + " const head = await main.head();"
        + " await store.close();"
        + " return {push, again, head};", url("page-to-cli"), token);
    Map<?, ?> push = (Map<?, ?>) pushed.get("push");
    assertEquals("created", push.get("status"), push.toString());
    assertEquals(pushed.get("head"), push.get("remoteHead"));
    assertEquals("main", push.get("branch"));
    assertTrue(((Number) push.get("objectsSent")).intValue() >= 6, push.toString());
    assertEquals("up-to-date", ((Map<?, ?>) pushed.get("again")).get("status"));

    Path clone = data.resolveSibling(data.getFileName() + "-cli-clone");
    grove("clone", url("page-to-cli"), clone.toString(), "--token", token);
    assertEquals("buy milk", grove("--repo", clone.toString(), "get", "notes/today"));
    assertEquals("{\"n\":1}", grove("--repo", clone.toString(), "get", "stats/count"));

    page.load();
    page.object(""
        + "const store = await grove.open('page-to-cli');"
        + " await store.branch('main').set('notes/later', 'call Bob');"
        + " await store.remote(args[0], {token: args[1]}).push();"
        + " await store.close();"
        + " return {};", url("page-to-cli"), token);
    grove("--repo", clone.toString(), "pull", "--token", token);
    assertEquals("call Bob", grove("--repo", clone.toString(), "get", "notes/later"));
    deleteTree(clone);
  }

  @Test
  @Order(2)
  @DisplayName("the command line pushes and a page pulls it into IndexedDB")
  void commandLinePushesPagePulls() throws IOException {
    Path store = data.resolveSibling(data.getFileName() + "-cli-store");
    grove("init", store.toString());
    grove("--repo", store.toString(), "set", "greeting", "hello from the command line");
    grove("--repo", store.toString(), "remote", "add", "origin", url("cli-to-page"));
    grove("--repo", store.toString(), "push", "--token", token);
    ObjectId head;
    try (Repository local = Repository.open(dev.grove.server.storage.Stores.open(store))) {
      head = local.head("main");
    }
    deleteTree(store);

    Map<String, Object> pulled = page.object(""
        + "const store = await grove.open('cli-to-page');"
        + " const remote = store.remote(args[0], {token: args[1]});"
        + " const pull = await remote.pull();"
        + " const again = await remote.pull();"
        + " const text = await store.branch('main').getText('greeting');"
        + " await store.close();"
        + " return {pull, again, text};", url("cli-to-page"), token);
    Map<?, ?> pull = (Map<?, ?>) pulled.get("pull");
    assertEquals("fast-forward", pull.get("status"), pull.toString());
    assertEquals(head.hex(), pull.get("head"));
    assertEquals(head.hex(), pull.get("remoteHead"));
    assertEquals(List.of(), pull.get("conflicts"));
    assertTrue(((Number) pull.get("objectsReceived")).intValue() >= 3, pull.toString());
    assertEquals("up-to-date", ((Map<?, ?>) pulled.get("again")).get("status"));
    assertEquals(0, ((Number) ((Map<?, ?>) pulled.get("again")).get("objectsReceived")).intValue());
    assertEquals("hello from the command line", pulled.get("text"));
  }

  @Test
  @Order(3)
  @DisplayName("sync merges a page's and the JVM's concurrent edits")
  void syncMergesConcurrentEdits() {
    page.run("const store = await grove.open('merge');"
        + " await store.branch('main').set('base', '1');"
        + " const push = await store.remote(args[0], {token: args[1]}).push();"
        + " await store.close();"
        + " if (push.status !== 'created') throw new Error(JSON.stringify(push));",
        url("merge"), token);
    Repository local = Repository.open(new MemoryBackend());
    Remote jvm = jvmRemote(local, "merge");
    jvm.pull("main", JVM, Progress.NONE);
    local.branch("main").set("from/jvm", "x", JVM);
    assertEquals(PushResult.Status.UPDATED, jvm.push("main", false, Progress.NONE).status());

    Map<String, Object> synced = page.object(""
        + "const store = await grove.open('merge');"
        + " const main = store.branch('main');"
        + " await main.set('from/page', 'y');"
        + " const sync = await store.remote(args[0], {token: args[1]}).sync({retries: 2,"
        + "   message: 'merge the server'});"
        + " const [last] = await main.log({limit: 1});"
        + " const values = [await main.getText('base'), await main.getText('from/jvm'),"
        + "   await main.getText('from/page')];"
        + " await store.close();"
        + " return {sync, parents: last.parents.length, message: last.message, values};",
        url("merge"), token);
    Map<?, ?> sync = (Map<?, ?>) synced.get("sync");
    assertEquals("synced", sync.get("status"), sync.toString());
    assertEquals(1, ((Number) sync.get("attempts")).intValue());
    assertEquals(List.of(), sync.get("conflicts"));
    assertEquals(2, ((Number) synced.get("parents")).intValue());
    assertEquals("merge the server", synced.get("message"));
    assertEquals(List.of("1", "x", "y"), synced.get("values"));

    jvm.pull("main", JVM, Progress.NONE);
    assertEquals(sync.get("head"), local.head("main").hex());
    assertEquals("y", local.branch("main").getText("from/page"));
  }

  @Test
  @Order(4)
  @DisplayName("a push that is not a fast-forward is refused, and force overrides it")
  void nonFastForward() {
    Map<String, Object> pushes = page.object(""
        + "const one = await grove.open('nff-1', {memory: true});"
        + " const two = await grove.open('nff-2', {memory: true});"
        + " const oneHead = await one.branch('main').set('k', 'one');"
        + " const twoHead = await two.branch('main').set('k', 'two');"
        + " const first = await one.remote(args[0], {token: args[1]}).push();"
        + " const refused = await two.remote(args[0], {token: args[1]}).push();"
        + " const forced = await two.remote(args[0], {token: args[1]}).push({force: true});"
        + " return {oneHead, twoHead, first, refused, forced};", url("nff"), token);
    assertEquals("created", ((Map<?, ?>) pushes.get("first")).get("status"));
    Map<?, ?> refused = (Map<?, ?>) pushes.get("refused");
    assertEquals("non-fast-forward", refused.get("status"), refused.toString());
    assertEquals(pushes.get("oneHead"), refused.get("remoteHead"));
    Map<?, ?> forced = (Map<?, ?>) pushes.get("forced");
    assertEquals("updated", forced.get("status"), forced.toString());
    assertEquals(pushes.get("twoHead"), forced.get("remoteHead"));
  }

  @Test
  @Order(5)
  @DisplayName("auth and addressing errors reject with the server's code")
  void errorCodes() {
    page.run("const store = await grove.open('errors', {memory: true});"
        + " await store.branch('main').set('k', 'v');"
        + " const push = await store.remote(args[0], {token: args[1]}).push();"
        + " if (push.status !== 'created') throw new Error(JSON.stringify(push));",
        url("errors"), token);
    Map<String, Object> codes = page.object(""
        + "const store = await grove.open('errors', {memory: true});"
        + " await store.branch('main').set('k', 'w');"
        + " const code = async p => (await t.rejection(p)).code;"
        + " return {"
        + "   badToken: await code(store.remote(args[0], {token: 'not-a-token'}).pull()),"
        + "   noToken: await code(store.remote(args[0]).pull()),"
        + "   readTokenPush: await code(store.remote(args[0], {token: args[2]}).push({force: true})),"
        + "   readTokenPull: (await (await grove.open('errors-read', {memory: true}))"
        + "     .remote(args[0], {token: args[2]}).pull()).status,"
        + "   noRepository: await code(store.remote(args[1], {token: args[3]}).pull()),"
        + "   noBranch: await code(store.remote(args[0], {token: args[3]}).pull({branch: 'nope'})),"
        + "   noLocalBranch: await code(store.remote(args[0], {token: args[3]}).push({branch: 'nope'})),"
        + "   badUrl: await code((async () => store.remote('ftp://x/repos/y'))()),"
        + "   unreachable: await code(store.remote('http://127.0.0.1:1/repos/y').pull()),"
        + " };", url("errors"), url("no-such-repository"), readToken, token);
    assertEquals("unauthorized", codes.get("badToken"));
    assertEquals("unauthorized", codes.get("noToken"));
    assertEquals("forbidden", codes.get("readTokenPush"));
    assertEquals("fast-forward", codes.get("readTokenPull"), "a read token may pull");
    assertEquals("repository_not_found", codes.get("noRepository"));
    assertEquals("branch_not_found", codes.get("noBranch"));
    assertEquals("not_found", codes.get("noLocalBranch"));
    assertEquals("invalid_argument", codes.get("badUrl"));
    assertEquals("network", codes.get("unreachable"));
  }

  @Test
  @Order(6)
  @DisplayName("onProgress is told the phases of a push and a pull")
  void progress() {
    Map<String, Object> seen = page.object(""
        + "const from = await grove.open('progress-1', {memory: true});"
        + " await from.branch('main').transact(draft => {"
        + "   for (let i = 0; i < 20; i++) draft.set('keys/' + i, 'value ' + i); });"
        + " const pushed = [];"
        + " await from.remote(args[0], {token: args[1], onProgress: p => pushed.push(p)}).push();"
        + " const to = await grove.open('progress-2', {memory: true});"
        + " const pulled = [];"
        + " const pull = await to.remote(args[0], {token: args[1],"
        + "   onProgress: p => { pulled.push(p); throw new Error('a callback that throws'); }}).pull();"
        + " return {pushed, pulled, status: pull.status};", url("progress"), token);
    assertEquals("fast-forward", seen.get("status"), "a throwing onProgress changes nothing");
    for (String which : List.of("pushed", "pulled")) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> events = (List<Map<String, Object>>) seen.get(which);
      assertTrue(!events.isEmpty(), which + ": no progress");
      for (Map<String, Object> event : events) {
        assertTrue(event.get("phase") instanceof String, event.toString());
        assertTrue(event.get("done") instanceof Number, event.toString());
        assertTrue(event.get("total") instanceof Number, event.toString());
      }
    }
    assertTrue(phases(seen, "pushed").contains("sending"), seen.get("pushed").toString());
    assertTrue(phases(seen, "pulled").contains("receiving"), seen.get("pulled").toString());
  }

  @Test
  @Order(7)
  @DisplayName("a page on an origin the server does not allow is refused by the browser")
  void otherOriginRefused() throws IOException {
    try (StaticServer other = StaticServer.serve(page.site())) {
      page.load(other.url("sync.html"));
      Map<String, Object> answer = page.object(""
          + "const store = await grove.open('cors', {memory: true});"
          + " return await t.rejection(store.remote(args[0], {token: args[1]}).pull());",
          url("errors"), token);
      assertEquals("network", answer.get("code"), answer.toString());
    }
    page.load();
    Map<String, Object> allowed = page.object(""
        + "const store = await grove.open('cors', {memory: true});"
        + " return await store.remote(args[0], {token: args[1]}).pull();", url("errors"), token);
    assertEquals("fast-forward", allowed.get("status"), "the allowed origin pulls the same URL");
  }

  @Test
  @Order(8)
  @DisplayName("live(): two stores and the JVM converge, also across a server restart")
  void live() {
    Repository local = Repository.open(new MemoryBackend());
    Remote jvm = jvmRemote(local, "live");
    local.branch("main").set("base", "0", JVM);
    assertEquals(PushResult.Status.CREATED, jvm.push("main", false, Progress.NONE).status());

    // Two IndexedDB stores, each live on the repository, start empty and catch up.
    page.run("for (const name of ['live-a', 'live-b']) {"
        + "   const store = await grove.open(name);"
        + "   t.stores[name] = store;"
        + "   t.live(name, store.remote(args[0], {token: args[1]}));"
        + " }"
        + " for (const name of ['live-a', 'live-b']) {"
        + "   const main = t.stores[name].branch('main');"
        + "   await t.until(async () => (await main.getText('base')) === '0', name + ' to get base');"
        + "   await t.until(() => t.lives[name].live.state === 'live', name + ' to be live');"
        + " }", url("live"), token);

    // A change in one store reaches the other through the server.
    page.run("await t.stores['live-a'].branch('main').set('from/a', 'a');"
        + " const b = t.stores['live-b'].branch('main');"
        + " await t.until(async () => (await b.getText('from/a')) === 'a', 'live-b to get from/a');");
    // A change from the JVM reaches both.
    jvm.pull("main", JVM, Progress.NONE);
    assertEquals("a", local.branch("main").getText("from/a"));
    local.branch("main").set("from/jvm", "j", JVM);
    assertEquals(PushResult.Status.UPDATED, jvm.push("main", false, Progress.NONE).status());
    page.run("for (const name of ['live-a', 'live-b']) {"
        + "   const main = t.stores[name].branch('main');"
        + "   await t.until(async () => (await main.getText('from/jvm')) === 'j', name + ' to get from/jvm');"
        + " }");

    // The server goes away: both go offline; a change made meanwhile waits.
    int port = server.port();
    server.close();
    page.run("for (const name of ['live-a', 'live-b']) {"
        + "   await t.until(() => t.lives[name].live.state === 'offline', name + ' to go offline');"
        + " }"
        + " t.lives['live-a'].states.length = 0;"
        + " t.lives['live-a'].errors.length = 0;"
        + " await t.stores['live-a'].branch('main').set('from/offline', 'o');"
        // Wait for a failure while offline (its sync or its reconnection), so the assertion on
        // errors below does not depend on how soon the server comes back.
        + " await t.until(() => t.lives['live-a'].errors.includes('network'),"
        + "   'live-a to be told of a network failure');");
    server = GroveServer.start(config.withPort(port));
    // It comes back on the same port and data: the change goes through, and both catch up.
    page.run("const b = t.stores['live-b'].branch('main');"
        + " await t.until(async () => (await b.getText('from/offline')) === 'o',"
        + "   'live-b to get from/offline');"
        + " await t.until(() => t.lives['live-a'].live.state === 'live', 'live-a to be live again');");
    jvm.pull("main", JVM, Progress.NONE);
    assertEquals("o", local.branch("main").getText("from/offline"));
    local.branch("main").set("after/restart", "r", JVM);
    assertEquals(PushResult.Status.UPDATED, jvm.push("main", false, Progress.NONE).status());

    Map<String, Object> end = page.object(""
        + "const a = t.stores['live-a'].branch('main');"
        + " await t.until(async () => (await a.getText('after/restart')) === 'r',"
        + "   'live-a to get after/restart');"
        + " const states = t.lives['live-a'].states.slice();"
        + " const heads = [await a.head(), await t.stores['live-b'].branch('main').head()];"
        + " for (const name of ['live-a', 'live-b']) { t.lives[name].live.stop(); }"
        + " const stopped = t.lives['live-b'].live.state;"
        + " for (const name of ['live-a', 'live-b']) { await t.stores[name].close(); }"
        + " return {states, heads, stopped, errors: t.lives['live-a'].errors};");
    assertEquals("stopped", end.get("stopped"));
    @SuppressWarnings("unchecked")
    List<String> states = (List<String>) end.get("states");
    assertTrue(states.contains("live"), "live-a's states since it went offline: " + states);
    assertNotEquals(List.of(), end.get("errors"), "live-a told of the failures while offline");
    assertTrue(((List<?>) end.get("errors")).contains("network"), end.get("errors").toString());
  }

  @Test
  @Order(9)
  @DisplayName("a first push and a first sync leave the browser console without errors")
  void firstPushLogsNoError() {
    page.run("await t.sleep(200);"); // let the page's own loading finish before the console is read
    List<String> before = page.chromium().console();
    Map<String, Object> r = page.object(""
        + "const store = await grove.open('console-first', {memory: true});"
        + " await store.branch('main').set('notes/today', 'buy milk');"
        + " const push = await store.remote(args[0], {token: args[2]}).push();"
        + " const sync = await store.remote(args[1], {token: args[2]}).sync();"
        + " await store.close();"
        + " return {push: push.status, sync: sync.status};",
        url("console-first-push"), url("console-first-sync"), token);
    assertEquals("created", r.get("push"), r.toString());
    assertEquals("synced", r.get("sync"), r.toString());
    List<String> errors = page.chromium().console().stream()
        .filter(line -> line.startsWith("SEVERE")).toList();
    assertEquals(List.of(), errors, "console errors (before the push: " + before + ")");
  }

  private String url(String repository) {
    return server.repositoryUrl(repository);
  }

  /** Runs the grove command line in this JVM (as ./grove would); its standard output, or a failure with its errors. */
  private static String grove(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int status = dev.grove.server.cli.Main.run(args, new java.io.ByteArrayInputStream(new byte[0]),
        out, err, Path.of("").toAbsolutePath());
    String stderr = err.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, status, "grove " + String.join(" ", args) + ": " + stderr);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Remote jvmRemote(Repository local, String repository) {
    return new Remote(local, new JdkTransport(url(repository), token));
  }

  @SuppressWarnings("unchecked")
  private static List<String> phases(Map<String, Object> seen, String which) {
    return ((List<Map<String, Object>>) seen.get(which)).stream()
        .map(event -> (String) event.get("phase")).toList();
  }
}
