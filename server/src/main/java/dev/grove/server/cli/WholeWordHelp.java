package dev.grove.server.cli;

import java.util.IllegalFormatException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Picocli's help, laid out the same way, but with every wrapped text (header, description,
 * synopsis, options, parameters, footer) in a {@link WholeWordTable}, so that no line breaks
 * inside a word, an address or a URL. Installed on every command by {@link #install}.
 */
final class WholeWordHelp extends Help {

  private WholeWordHelp(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  /** Makes {@code commandLine} and its subcommands render their help with this class. */
  static void install(CommandLine commandLine) {
    commandLine.setHelpFactory(WholeWordHelp::new);
  }

  @Override
  public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
      ColorScheme colorScheme) {
    Layout layout = super.createDefaultLayout(options, positionals, colorScheme);
    return new Layout(colorScheme, WholeWordTable.like(layout.textTable(), colorScheme),
        layout.optionRenderer(), layout.parameterRenderer());
  }

  @Override
  public String header(Object... params) {
    return join(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String description(Object... params) {
    return join(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String footer(Object... params) {
    return join(commandSpec().usageMessage().footer(), params);
  }

  /**
   * The synopsis: {@code Usage: grove NAME OPTIONS...}, with continuation lines aligned after
   * the command's name, or (when that is past picocli's threshold) at its synopsis indent: what
   * picocli does, with whole words.
   */
  @Override
  protected String insertSynopsisCommandName(int headingLength, Text optionsAndPositionals) {
    UsageMessageSpec usage = commandSpec().usageMessage();
    String name = commandSpec().qualifiedName();
    int width = usage.width();
    int indent = headingLength + name.length() + 1;
    if (indent > usage.synopsisAutoIndentThreshold() * width) {
      indent = Math.min(usage.synopsisIndent() < 0 ? headingLength : usage.synopsisIndent(),
          (int) (0.9 * width));
    }
    WholeWordTable table = new WholeWordTable(colorScheme(), new Column(width, 0, Column.Overflow.WRAP));
    table.indentWrappedLines = indent;
    Text placeholder = colorScheme().text("X".repeat(headingLength));
    table.addRowValues(placeholder.concat(colorScheme().commandText(name)).concat(optionsAndPositionals));
    return table.toString().substring(headingLength);
  }

  /** The lines of a header, description or footer, formatted and wrapped to the usage width. */
  private String join(String[] lines, Object... params) {
    if (lines == null || lines.length == 0) {
      return "";
    }
    WholeWordTable table = new WholeWordTable(colorScheme(),
        new Column(commandSpec().usageMessage().width(), 0, Column.Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String line : lines) {
      for (Text text : colorScheme().text(format(line, params)).splitLines()) {
        table.addRowValues(text);
      }
    }
    return table.toString();
  }

  private static String format(String text, Object... params) {
    try {
      return text == null ? "" : String.format(text, params);
    } catch (IllegalFormatException e) {
      return text;
    }
  }
}
