package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.server.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grove serve} and {@code grove token add}, run as the command line runs them. */
class ServeCommandTest {
  private static final Pattern OPEN = Pattern.compile("Open (http://127\\.0\\.0\\.1:(\\d+))/#token=(\\S+)");
  private static final Pattern SERVING = Pattern.compile("Grove is serving (.+) on (http://127\\.0\\.0\\.1:\\d+)");
  private static final Pattern TOKENS_LINE = Pattern.compile("\\(tokens are in .*\\)\n");

  @TempDir
  Path dir;

  @Test
  void firstStartPrintsAWriteTokenOnceAndTheServerAnswers() throws Exception {
    Running first = serve();
    Matcher open = first.await(OPEN);
    Matcher serving = SERVING.matcher(first.output());
    assertTrue(serving.find(), first.output());
    assertEquals(dir.resolve("grove-data").toString(), serving.group(1));
    String token = open.group(3);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> notFound = http.send(HttpRequest.newBuilder(URI.create(open.group(1) + "/repos/x/refs"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, notFound.statusCode(), "the printed token is accepted");
    assertEquals(Optional.of(Scope.WRITE), Tokens.open(dir.resolve("grove-data")).authenticate(token));
    assertEquals(0, first.stop());

    Running second = serve();
    second.await(TOKENS_LINE); // the last line it prints; awaiting less raced its final newline in CI
    assertFalse(second.output().contains("#token="), "the token is printed only once");
    Path data = dir.resolve("grove-data");
    assertTrue(second.output().contains("\n(tokens are in " + data.resolve(".grove/tokens")
        + ", hashed; make a new one with: grove token add --data " + data
        + " --name NAME --scope write)\n"), second.output());
    assertEquals(0, second.stop());
    assertFalse(Files.readString(dir.resolve("grove-data/.grove/tokens")).contains(token));
  }

  @Test
  void tokenAddPrintsATokenTheServerAccepts() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"token", "add", "--data", "d", "--name", "ci", "--scope", "read"},
        new ByteArrayInputStream(new byte[0]), out, err, dir);
    assertEquals(0, status, err.toString());
    String token = out.toString(StandardCharsets.UTF_8).trim();
    assertEquals(Optional.of(Scope.READ), Tokens.open(dir.resolve("d")).authenticate(token));

    status = Main.run(new String[] {"token", "add", "--data", "d", "--name", "ci", "--scope", "nope"},
        new ByteArrayInputStream(new byte[0]), out, err, dir);
    assertEquals(2, status);
    status = Main.run(new String[] {"token", "add", "--data", "d", "--name", "ci", "--scope", "write"},
        new ByteArrayInputStream(new byte[0]), out, err, dir);
    assertEquals(1, status);
    assertTrue(err.toString().contains("grove: there is already a token named 'ci'"), err.toString());
  }

  @Test
  void reportsABusyPortAndBadOptionsInOneLine() {
    try (GroveServer busy = GroveServer.start(TestServer.config(dir.resolve("other")))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"serve", "--port", String.valueOf(busy.port())},
          new ByteArrayInputStream(new byte[0]), out, err, dir);
      assertEquals(1, status);
      assertTrue(err.toString().startsWith("grove: cannot serve on 127.0.0.1:" + busy.port()), err.toString());
    }
    for (String[] args : new String[][] {{"serve", "--max-body", "lots"}, {"serve", "--backend", "zip"},
        {"serve", "--port", "70000"}}) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertEquals(2, Main.run(args, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), err, dir));
      assertTrue(err.toString().startsWith("grove: "), err.toString());
    }
  }

  private Running serve() {
    return new Running(dir);
  }

  /** {@code grove serve --port 0} on a thread; stopped by an interrupt, as a signal stops the process. */
  private static final class Running {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Thread thread;
    volatile int status = -1;

    Running(Path dir) {
      thread = new Thread(() -> status = Main.run(new String[] {"serve", "--port", "0"},
          new ByteArrayInputStream(new byte[0]), out, err, dir));
      thread.start();
    }

    String output() {
      return out.toString(StandardCharsets.UTF_8);
    }

    Matcher await(Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline) {
        Matcher m = pattern.matcher(output());
        if (m.find()) {
          return m;
        }
        if (!thread.isAlive()) {
          break;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("serve printed no " + pattern + "; out: " + output() + " err: " + err);
    }

    int stop() throws InterruptedException {
      thread.interrupt();
      thread.join(20_000);
      assertFalse(thread.isAlive());
      return status;
    }
  }
}
