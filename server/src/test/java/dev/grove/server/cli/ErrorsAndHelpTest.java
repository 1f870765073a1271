package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a person sees when asking for help or getting something wrong. */
class ErrorsAndHelpTest extends CliTestBase {

  @Test
  void aMissingRepositoryIsOneLine() {
    grove("--repo", "nowhere", "get", "a").fails(ExitCodes.FAILED,
        "no store at " + dir.resolve("nowhere") + ": no such directory");
    grove("get", "a").fails(ExitCodes.FAILED, dir + " is not a Grove store");
  }

  @Test
  void aDirectoryThatIsNoStoreIsOneLine() throws Exception {
    Files.createDirectories(dir.resolve("plain"));
    grove("--repo", "plain", "log").fails(ExitCodes.FAILED, dir.resolve("plain")
        + " is not a Grove store (neither a git nor an fs store)");
    Files.createDirectories(dir.resolve("worktree/.git"));
    grove("--repo", "worktree", "log").fails(ExitCodes.FAILED, "is a Git work tree");
  }

  @Test
  void theCurrentDirectoryIsTheDefaultRepository() {
    grove("init", ".").ok();
    grove("set", "a", "1").ok();
    assertEquals("1", grove("get", "a").ok().out());
  }

  @Test
  void usageErrorsAreTwoLinesAndExitTwo() {
    Path repo = store("fs");
    grove().fails(ExitCodes.USAGE, "a command is needed");
    grove("--repo", repo.toString()).fails(ExitCodes.USAGE, "a command is needed");
    grove("lgo").fails(ExitCodes.USAGE, "'lgo' is not a grove command (did you mean log?)");
    in(repo, "get").fails(ExitCodes.USAGE, "missing required parameter: 'PATH'");
    in(repo, "get", "a", "--bogus").fails(ExitCodes.USAGE, "unknown option '--bogus'");
    in(repo, "log", "-n", "many").fails(ExitCodes.USAGE, "'many'");
    in(repo, "diff", "main").fails(ExitCodes.USAGE, "missing required parameter: 'REV2'");
    in(repo, "merge").fails(ExitCodes.USAGE, "missing required parameter: 'FROM'");
  }

  @Test
  void helpListsEveryCommandWithExamples() {
    String help = grove("--help").ok().out();
    for (String command : new String[] {"init", "get", "set", "rm", "ls", "log", "diff", "branch", "merge", "fsck"}) {
      assertTrue(help.contains("\n  " + command + " "), command + " in:\n" + help);
    }
    assertTrue(help.contains("Examples:"), help);
    assertTrue(help.contains("--repo=DIR"), help);
    assertTrue(help.contains("Exit status:"), help);
    assertEquals(help, grove("help").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"init", "get", "set", "rm", "ls", "log", "diff", "branch", "merge", "fsck",
      "branch create", "branch delete"})
  void eachCommandExplainsItself(String command) {
    String[] words = (command + " --help").split(" ");
    String help = grove(words).ok().out();
    assertTrue(help.contains("Usage: grove " + command), help);
    assertTrue(help.contains("Example"), help);
    assertTrue(help.contains("-h, --help"), help);
    if (!command.contains(" ")) {
      assertEquals(help, grove("help", command).ok().out());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve --port 99999", "token", "token add --name n --scope read",
      "clone http://127.0.0.1:1/repos/x there"})
  void commandsWithoutAStoreTakeNoRepo(String commandLine) {
    List<String> words = List.of(commandLine.split(" "));
    String command = commandLine.replaceAll(" (-|http).*", "");
    String help = grove((command + " --help").split(" ")).ok().out();
    assertFalse(help.contains("--repo=DIR"), help);
    List<String> before = new ArrayList<>(List.of("--repo", "somewhere"));
    before.addAll(words);
    grove(before.toArray(new String[0])).fails(ExitCodes.USAGE, "'grove " + command + "' takes no --repo: ");
    List<String> after = new ArrayList<>(words);
    after.addAll(List.of("--repo", "somewhere"));
    grove(after.toArray(new String[0])).fails(ExitCodes.USAGE, "unknown option '--repo'");
    assertFalse(Files.exists(dir.resolve("grove-data")) || Files.exists(dir.resolve("there")),
        "nothing was written");
  }

  @Test
  void commandsOnAStoreStillTakeRepo() {
    assertTrue(grove("ls", "--help").ok().out().contains("--repo=DIR"));
    Path repo = store("fs");
    grove("set", "--repo", repo.toString(), "a", "1").ok();
    assertEquals("1", grove("--repo", repo.toString(), "get", "a").ok().out());
  }

  @Test
  void eachCommitCommandShowsItsOwnDefaultMessage() {
    assertTrue(grove("set", "--help").ok().out().contains("(default: \"set PATH\")"));
    assertTrue(grove("rm", "--help").ok().out().contains("(default: \"rm PATH\")"));
    assertTrue(grove("merge", "--help").ok().out().replaceAll("\\s+", " ")
        .contains("(default: \"Merge FROM into BRANCH\")"));
    for (String command : new String[] {"pull", "sync"}) {
      String help = grove(command, "--help").ok().out().replaceAll("\\s+", " ");
      assertTrue(help.contains("(default: \"Merge NAME/BRANCH into BRANCH\")"), help);
    }
    Path repo = store("fs");
    in(repo, "set", "notes/a", "1").ok();
    in(repo, "rm", "notes/a").ok();
    assertEquals(List.of("rm notes/a", "set notes/a"),
        in(repo, "log", "--oneline").lines().stream().map(line -> line.substring(8)).toList());
  }

  @Test
  void versionNamesGrove() {
    assertTrue(grove("--version").ok().out().startsWith("grove "));
  }

  @Test
  void anIoErrorIsOneLine() throws Exception {
    Path repo = store("fs");
    Files.createDirectories(dir.resolve("a-directory"));
    in(repo, "set", "k", "--file", "a-directory").fails(ExitCodes.FAILED, "cannot read a-directory: ");
  }
}
