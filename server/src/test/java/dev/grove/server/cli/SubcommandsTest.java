package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command line makes only the subcommand it names, and still helps as the whole tree does. */
class SubcommandsTest {
  private static final Set<String> EVERY = Set.of("init", "get", "set", "rm", "ls", "log", "diff",
      "branch", "merge", "fsck", "serve", "token", "clone", "remote", "pull", "push", "sync", "watch",
      "help");

  @TempDir
  Path dir;

  @Test
  void aNamedCommandMakesOnlyThatOne() {
    assertEquals(Set.of("get"), made("--repo", "get", "get", "k"));
    assertEquals(Set.of("set"), made("--repo=x", "set", "a", "b", "-m", "--help-me"));
    assertEquals(Set.of("branch"), made("branch", "create", "b"));
    assertEquals(Set.of(), made("--version"));
  }

  @Test
  void helpUsageErrorsAndUnknownWordsMakeEveryCommand() {
    for (List<String> args : List.<List<String>>of(List.of("-h", "get"), List.of("get", "--help"), List.of("help", "get"),
        List.of("nope"), List.of(), List.of("--repo"), List.of("--version", "get"))) {
      assertEquals(EVERY, made(args.toArray(new String[0])), args.toString());
    }
  }

  @Test
  void theHelpOfOneCommandAndOfAllReadAsBefore() {
    String all = run("--help");
    for (String name : EVERY) {
      assertTrue(all.contains("\n  " + name + " "), name + " missing from:\n" + all);
    }
    assertTrue(run("get", "--help").contains("\nUsage: grove get [-hV] [-b=BRANCH] [--repo=DIR] PATH\n"),
        run("get", "--help"));
    assertEquals(run("help", "get"), run("get", "--help"));
  }

  private Set<String> made(String... args) {
    return Main.commandLine(newCli(new ByteArrayOutputStream()), args).getSubcommands().keySet();
  }

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(args, new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(), dir);
    return out.toString(StandardCharsets.UTF_8);
  }

  private Cli newCli(ByteArrayOutputStream out) {
    return new Cli(new ByteArrayInputStream(new byte[0]), out, new ByteArrayOutputStream(), dir);
  }
}
