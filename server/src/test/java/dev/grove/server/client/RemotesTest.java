package dev.grove.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemotesTest {
  @TempDir
  Path dir;

  @Test
  void addedRemotesAreReadBackInNameOrder() throws IOException {
    assertEquals(Map.of(), Remotes.of(dir).all());
    assertEquals("http://127.0.0.1:7070/repos/notes", Remotes.of(dir).add("origin", "http://127.0.0.1:7070/repos/notes/"));
    Remotes.of(dir).add("backup", "https://example.com/repos/notes");
    Remotes read = Remotes.of(dir);
    assertEquals(List.of("backup", "origin"), List.copyOf(read.all().keySet()));
    assertEquals(Optional.of("http://127.0.0.1:7070/repos/notes"), read.find("origin"));
    assertEquals("https://example.com/repos/notes", read.get("backup"));
    assertTrue(Files.readAllLines(dir.resolve(Remotes.FILE))
        .contains("origin http://127.0.0.1:7070/repos/notes"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve(Remotes.FILE)), files.toList(), "no temporary file left");
    }
  }

  @Test
  void anExistingNameIsRefusedAndTheFileUnchanged() throws IOException {
    Remotes.of(dir).add("origin", "http://a/repos/x");
    String before = Files.readString(dir.resolve(Remotes.FILE));
    RemoteConfigException e = assertThrows(RemoteConfigException.class,
        () -> Remotes.of(dir).add("origin", "http://b/repos/y"));
    assertEquals("remote_exists", e.code());
    assertEquals(before, Files.readString(dir.resolve(Remotes.FILE)));
  }

  @Test
  void invalidNames() {
    for (String name : List.of("", "-x", ".x", "a b", "a/b", "é", "x".repeat(65))) {
      RemoteConfigException e = assertThrows(RemoteConfigException.class,
          () -> Remotes.of(dir).add(name, "http://a/repos/x"), name);
      assertEquals("invalid_remote_name", e.code());
    }
    Remotes.checkName("a-b_c.9");
    Remotes.checkName("x".repeat(64));
    assertTrue(Files.notExists(dir.resolve(Remotes.FILE)), "nothing written");
  }

  @Test
  void invalidUrls() {
    for (String url : List.of("", "notes", "/repos/x", "ftp://a/repos/x", "http:///repos/x",
        "http://a/repos/x?token=1", "http://a/repos/x#y", "http://a b/")) {
      RemoteConfigException e = assertThrows(RemoteConfigException.class,
          () -> Remotes.checkUrl(url), url);
      assertEquals("invalid_remote_url", e.code());
      assertTrue(e.getMessage().startsWith("invalid URL '" + url + "': "), e.getMessage());
    }
    assertEquals("HTTPS://a:1/repos/x", Remotes.checkUrl("HTTPS://a:1/repos/x//"));
  }

  @Test
  void aUrlWithUserOrTokenIsRefusedWithoutShowingThem() throws IOException {
    RemoteConfigException e = assertThrows(RemoteConfigException.class,
        () -> Remotes.of(dir).add("x", "http://user:s3cret@h:7070/repos/x"));
    assertEquals("invalid_remote_url", e.code());
    assertTrue(e.getMessage().startsWith("invalid URL 'http://***@h:7070/repos/x': no user or token in a URL"),
        e.getMessage());
    assertEquals("no s3cret", e.getMessage().contains("s3cret") ? "s3cret shown" : "no s3cret");

    Files.writeString(dir.resolve(Remotes.FILE), "origin https://me:s3cret@h/repos/a\n");
    RemoteConfigException file = assertThrows(RemoteConfigException.class, () -> Remotes.of(dir));
    assertEquals("bad_remotes_file", file.code());
    assertTrue(file.getMessage().endsWith("found 'origin https://***@h/repos/a'"), file.getMessage());
  }

  @Test
  void maskedHidesTheUserInformationOfEveryUrl() {
    assertEquals("a http://***@h/x and https://***@g?q#f, http://***@b, ftp://***@z",
        Remotes.masked("a http://u:p@h/x and https://t@g?q#f, http://h/y/a@b, ftp://u@p@z"));
    assertEquals("no url here: me@host", Remotes.masked("no url here: me@host"));
    assertEquals("http://h:7070/repos/x stays", Remotes.masked("http://h:7070/repos/x stays"));
  }

  @Test
  void maskedHidesPasswordsHoldingSlashQuestionMarkHashOrAt() {
    for (String password : new String[] {"se/cret", "se?cret", "se#cret", "se@cret", "a/b?c#d@e"}) {
      String text = "invalid URL 'http://me:" + password + "@h:7070/repos/x': bad\tnext http://t:" + password + "@g/y";
      String masked = Remotes.masked(text);
      assertFalse(masked.contains("cret") || masked.contains("a/b"), masked);
      assertTrue(masked.startsWith("invalid URL 'http://***@h:7070/repos/x': bad"), masked);
      assertTrue(masked.endsWith("next http://***@g/y"), masked);
    }
  }

  @Test
  void aCloneOfAUrlWithASlashInItsPasswordNeverShowsIt() {
    RemoteConfigException bad = assertThrows(RemoteConfigException.class,
        () -> Remotes.checkUrl("http://me:se/cret@h:7070/repos/x"));
    assertFalse(bad.getMessage().contains("cret"), bad.getMessage());
  }

  @Test
  void anUnknownRemoteSaysWhichThereAre() {
    RemoteConfigException none = assertThrows(RemoteConfigException.class, () -> Remotes.of(dir).get("origin"));
    assertEquals("remote_not_found", none.code());
    assertEquals("no remote 'origin' (the store has none); add one with: grove remote add origin URL", none.getMessage());
    Remotes.of(dir).add("a", "http://h/repos/a");
    Remotes.of(dir).add("b", "http://h/repos/b");
    assertEquals("no remote 'c' (remotes: a, b); add one with: grove remote add c URL",
        assertThrows(RemoteConfigException.class, () -> Remotes.of(dir).get("c")).getMessage());
  }

  @Test
  void aBrokenLineIsReportedWithItsNumber() throws IOException {
    Files.writeString(dir.resolve(Remotes.FILE), "# remotes\n\norigin http://h/repos/a\nbroken\n");
    RemoteConfigException e = assertThrows(RemoteConfigException.class, () -> Remotes.of(dir));
    assertEquals("bad_remotes_file", e.code());
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }
}
