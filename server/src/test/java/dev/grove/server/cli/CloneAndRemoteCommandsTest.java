package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.grove.server.storage.Stores;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** remote add and list, clone's checks and clean-up, auth errors, and the token from GROVE_TOKEN. */
class CloneAndRemoteCommandsTest extends SyncCliTestBase {

  @Test
  void remoteAddChecksNameAndUrlAndRefusesADuplicate() {
    Path repo = store("git");
    assertEquals(List.of(), in(repo, "remote").ok().lines());
    in(repo, "remote", "add", "origin", "http://127.0.0.1:7070/repos/notes").ok();
    in(repo, "remote", "add", "origin", "http://127.0.0.1:7070/repos/other")
        .fails(1, "remote 'origin' already exists (http://127.0.0.1:7070/repos/notes)");
    in(repo, "remote", "add", "--bogus", "o", "http://h/repos/a").fails(2, "unknown option '--bogus'");
    in(repo, "remote", "add", "a/b", "http://h/repos/a").fails(1, "invalid remote name 'a/b'");
    in(repo, "remote", "add", "backup", "ftp://h/repos/a").fails(1, "invalid URL 'ftp://h/repos/a'");
    in(repo, "remote", "add", "backup", "http://me:secret@h/repos/a").fails(1, "no user or token in a URL");
    assertEquals(List.of("origin  http://127.0.0.1:7070/repos/notes"), in(repo, "remote").ok().lines());
    in(dir.resolve("nowhere"), "remote").fails(1, "no store at");
    in(dir.resolve("nowhere"), "remote", "add", "o", "http://h/repos/a").fails(1, "no store at");
    assertFalse(Files.exists(dir.resolve("nowhere")));
  }

  @Test
  void withoutARemoteTheCommandsSaySoAndHowToAddOne() {
    Path repo = store("fs");
    in(repo, "set", "k", "v").ok();
    for (String command : List.of("pull", "push", "sync", "watch")) {
      in(repo, command).fails(1, "no remote 'origin' (the store has none); add one with: grove remote add origin URL");
    }
    in(repo, "push", "bad/name").fails(1, "invalid remote name 'bad/name'");
  }

  @Test
  void cloneChecksItsArgumentsAndTarget() throws IOException {
    grove("clone", "http://h/repos/x", "d", "--backend", "tape").fails(2, "unknown backend 'tape'");
    grove("clone", "notes", "d").fails(1, "no store at " + dir.resolve("notes"));
    assertFalse(Files.exists(dir.resolve("d")));
    grove("clone", "ftp://h/repos/x", "d").fails(1, "invalid URL 'ftp://h/repos/x'");
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("file"), "x");
    grove("clone", "http://127.0.0.1:1/repos/x", full.toString())
        .fails(1, "cannot clone into " + full + ": it exists and is not an empty directory");
    grove("clone").fails(2, "missing");
  }

  @Test
  void authErrorsAreClearAndNeverShowTheToken() {
    serve("git");
    Path a = store("git");
    in(a, "set", "k", "v").ok();
    in(a, "remote", "add", "origin", url()).ok();
    GroveRun noToken = in(a, "push").fails(1, "unauthorized");
    assertTrue(noToken.err().contains("push to origin (" + url() + "): unauthorized: "), noToken.err());
    assertTrue(noToken.err().contains("the GROVE_TOKEN environment variable or --token"), noToken.err());
    in(a, "push", "--token", "not-a-token").fails(1, "unauthorized");
    GroveRun reader = in(a, "push", "--token", server.readToken()).fails(1, "forbidden");
    assertFalse(reader.err().contains(server.readToken()), reader.err());
    in(a, "push", "--token", "two words").fails(2, "invalid token (from --token)");
    assertFalse(Files.exists(server.directory("notes")), "no repository was created");

    in(a, "push", "--token", token()).ok();
    in(a, "pull", "--token", server.readToken()).ok();
    Path target = dir.resolve("target");
    GroveRun clone = grove("clone", url(), target.toString()).fails(1, "unauthorized");
    assertFalse(clone.err().contains(token()));
    assertFalse(Files.exists(target), "a failed clone leaves nothing behind");
    grove("clone", server.url("nothing"), target.toString(), "--token", token()).fails(1, "repository_not_found");
    assertFalse(Files.exists(target));
  }

  @Test
  void anUnreachableServerIsANetworkError() throws IOException {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path a = store("git");
    in(a, "set", "k", "v").ok();
    in(a, "remote", "add", "origin", "http://127.0.0.1:" + port + "/repos/notes").ok();
    in(a, "push", "--token", "t").fails(1, "push to origin: cannot reach http://127.0.0.1:" + port + "/repos/notes");
    Path target = dir.resolve("t");
    grove("clone", "http://127.0.0.1:" + port + "/repos/notes", target.toString()).fails(1, "cannot reach");
    assertFalse(Files.exists(target));
  }

  @Test
  void cloningIntoAnEmptyDirectoryAndCloningAnEmptyRepository() throws IOException {
    serve("fs");
    published("fs", "k", "v");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    GroveRun clone = grove("clone", url(), empty.toString(), "--token", token()).ok();
    assertEquals("cloned " + url() + " into " + empty + " (a git store), 1 branch:", clone.lines().get(0));
    assertEquals("v", in(empty, "get", "k").ok().out());

    Stores.init(server.directory("blank"), Stores.Kind.FS).close();
    Path blank = dir.resolve("blank");
    assertEquals(List.of("cloned " + server.url("blank") + " into " + blank
        + " (a git store): the repository is empty; a push creates its first branch"),
        grove("clone", server.url("blank"), blank.toString(), "--token", token()).ok().lines());
    assertEquals(List.of("origin  " + server.url("blank")), in(blank, "remote").ok().lines());
  }

  @Test
  void aUrlOfAServerThatIsNotGroveIsOneLineWithoutItsPage() throws IOException {
    HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    web.createContext("/", exchange -> {
      boolean proxy = exchange.getRequestURI().getPath().startsWith("/proxy/");
      byte[] page = (proxy ? "Bad Gateway" : "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
          + "<body><h1>Not Found</h1><p>The requested URL was not found.</p></body></html>\n")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", proxy ? "text/plain" : "text/html; charset=utf-8");
      exchange.sendResponseHeaders(proxy ? 502 : 404, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    web.start();
    try {
      String base = "http://127.0.0.1:" + web.getAddress().getPort();
      Path target = dir.resolve("t");
      GroveRun clone = grove("clone", base + "/repos/notes", target.toString()).fails(1,
          base + "/repos/notes is not a Grove repository (HTTP 404 from a server that is not Grove)");
      assertFalse(clone.err().contains("<") || clone.err().contains("Not Found"), clone.err());
      assertFalse(Files.exists(target));
      grove("clone", base + "/proxy/repos/notes", target.toString()).fails(1,
          "clone from origin (" + base + "/proxy/repos/notes): server_error: HTTP 502 from a server that is"
          + " not Grove: Bad Gateway");
    } finally {
      web.stop(0);
    }
  }

  @Test
  void theGitAddressAndOtherPathsOfAGroveServerSayWhereRepositoriesAre() {
    serve("git");
    published("git", "k", "v");
    String base = "http://127.0.0.1:" + server.port();
    Path target = dir.resolve("t");
    grove("clone", base + "/git/notes.git", target.toString(), "--token", token()).fails(1,
        base + "/git/notes.git is a Grove server's address for stock git (git clone, fetch, push);"
        + " Grove's own protocol lives at /repos/NAME: use " + base + "/repos/notes");
    grove("clone", base + "/notes", target.toString(), "--token", token()).fails(1,
        base + "/notes is not a Grove repository (no such path: /notes/refs); a repository's URL is"
        + " http://HOST:PORT/repos/NAME");
    assertFalse(Files.exists(target));
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void aStoresDirectoryClonesAndThenPullsPushesAndSyncs(String kind) {
    Path source = store(kind);
    in(source, "set", "k", "1", "-m", "first").ok();
    in(source, "branch", "create", "phone").ok();
    in(source, "set", "p", "x", "-b", "phone").ok();

    GroveRun clone = grove("clone", source.getFileName().toString(), "copy").ok();
    Path copy = dir.resolve("copy");
    assertEquals("cloned " + source + " into " + copy + " (a git store), 2 branches:", clone.lines().get(0));
    assertEquals(List.of("origin  " + source), in(copy, "remote").ok().lines());
    assertEquals("x", in(copy, "get", "p", "-b", "phone").ok().out());

    in(copy, "set", "k", "2").ok();
    assertTrue(in(copy, "push").ok().out().startsWith("updated origin/main to "));
    assertEquals("2", in(source, "get", "k").ok().out());
    in(source, "set", "k", "3").ok();
    assertTrue(in(copy, "pull").ok().out().startsWith("fast-forwarded main to "));
    assertEquals("3", in(copy, "get", "k").ok().out());
    in(source, "set", "a", "s").ok();
    in(copy, "set", "b", "c").ok();
    assertTrue(in(copy, "sync").ok().out().startsWith("synced main with origin/main at "));
    assertEquals(head(copy, "main"), head(source, "main"));
    in(copy, "watch").fails(1, "watch origin (" + source + "): unsupported: " + source
        + " is a store's directory, which has no change stream");

    Path other = store("fs".equals(kind) ? "git" : "fs");
    in(other, "remote", "add", "backup", copy.toString()).ok();
    in(other, "pull", "backup").ok();
    assertEquals("c", in(other, "get", "b").ok().out());
    grove("clone", dir.resolve("nowhere").toString(), "t").fails(1, "no store at " + dir.resolve("nowhere"));
    assertFalse(Files.exists(dir.resolve("t")));
  }

  /** The token from the environment, in a real process (a JVM cannot set its own environment). */
  @Test
  void theTokenComesFromGroveTokenInTheEnvironment() throws Exception {
    serve("git");
    Path a = published("git", "k", "v");
    Path b = cloned("b", "git");
    in(a, "set", "k", "v2").ok();
    in(a, "push", "--token", token()).ok();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--repo", b.toString(), "pull"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("GROVE_TOKEN", token());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child finished");
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), err);
    assertTrue(out.startsWith("fast-forwarded main to " + Revisions.abbrev(head(a, "main"))), out);
    assertEquals("", err, "no progress line: standard error is not a terminal");
    assertEquals("v2", in(b, "get", "k").ok().out());
  }
}
