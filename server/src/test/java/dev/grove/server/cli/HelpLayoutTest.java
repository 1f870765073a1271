package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command, as {@code grove ... --help} prints it (80 columns): wrapped only
 * between words, never inside one ("e.g.", an address, a URL), with every example on one line.
 */
class HelpLayoutTest extends CliTestBase {
  private static final int WIDTH = 80;

  @Test
  void helpWrapsOnlyBetweenWords() {
    for (List<String> command : commands()) {
      String help = helpOf(command);
      String unwrapped = unwrappedHelpOf(command);
      List<String> whole = words(unwrapped);
      List<String> wrapped = words(help);
      int i = 0;
      while (i < whole.size() && i < wrapped.size() && whole.get(i).equals(wrapped.get(i))) {
        i++;
      }
      assertEquals(whole.size(), i, "grove " + String.join(" ", command) + " --help wraps inside '"
          + (i < whole.size() ? whole.get(i) : "") + "':\n" + help);
      assertEquals(whole, wrapped);
      for (String line : help.split("\n")) {
        assertTrue(line.length() <= WIDTH, "wider than " + WIDTH + ": " + line);
      }
    }
  }

  @Test
  void everyExampleFitsOnOneLine() {
    for (List<String> command : commands()) {
      String unwrapped = unwrappedHelpOf(command);
      int examples = unwrapped.indexOf("\nExample");
      assertTrue(examples >= 0, "grove " + String.join(" ", command) + " has examples");
      for (String line : unwrapped.substring(examples).split("\n")) {
        if (line.startsWith("  ")) {
          assertTrue(line.length() <= WIDTH, "an example wider than " + WIDTH + " columns: " + line);
        }
      }
    }
  }

  @Test
  void theBrokenTokensANewUserSawAreWhole() {
    String set = helpOf(List.of("set"));
    assertFalse(set.matches("(?s).*e\\.\\s*\\n\\s*g\\..*"), set);
    assertTrue(set.contains("ada@example.com"), set);
    assertTrue(helpOf(List.of()).contains("http://127.0.0.1:7070"), helpOf(List.of()));
  }

  /** What {@code grove COMMAND --help} prints. */
  private String helpOf(List<String> command) {
    List<String> args = new ArrayList<>(command);
    args.add("--help");
    return grove(args.toArray(new String[0])).ok().out();
  }

  /** The same help rendered so wide that nothing wraps. */
  private String unwrappedHelpOf(List<String> command) {
    CommandLine line = Main.commandLine(newCli());
    line.setUsageHelpWidth(10_000);
    for (String name : command) {
      line = line.getSubcommands().get(name);
    }
    return line.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** Every command path: [], [init], ..., [branch, create], ... (not help). */
  private List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(Main.commandLine(newCli()), new ArrayList<>(), all);
    return all;
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    line.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        path.add(name);
        collect(sub, path, all);
        path.remove(path.size() - 1);
      }
    });
  }

  private Cli newCli() {
    return new Cli(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
        new ByteArrayOutputStream(), dir);
  }

  private static List<String> words(String text) {
    return Arrays.asList(text.trim().split("\\s+"));
  }
}
