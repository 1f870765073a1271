package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
