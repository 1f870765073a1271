package dev.grove.server.cli;

import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * A picocli text table that wraps text only at spaces. Picocli's own table wraps where
 * {@link java.text.BreakIterator#getLineInstance()} allows, which is also after a '.', ':', ','
 * or '"': it split "e.g." into "e." and "g.", and addresses such as "http://127.0.0.1:7070" or
 * "ada@example.com" after a dot. Here a value too long for the last column, when that column
 * wraps, is cut at its last space that fits, and each piece goes to picocli as a value that
 * fits (continuation lines indented by {@link #indentWrappedLines}, as picocli does). A single
 * word wider than the column is left to picocli.
 */
final class WholeWordTable extends TextTable {

  private final ColorScheme scheme;

  WholeWordTable(ColorScheme colorScheme, Column... columns) {
    super(colorScheme, columns);
    this.scheme = colorScheme;
  }

  /** A table with the columns and indentation of {@code table}. */
  static WholeWordTable like(TextTable table, ColorScheme colorScheme) {
    WholeWordTable copy = new WholeWordTable(colorScheme, table.columns());
    copy.indentWrappedLines = table.indentWrappedLines;
    copy.setAdjustLineBreaksForWideCJKCharacters(table.isAdjustLineBreaksForWideCJKCharacters());
    return copy;
  }

  @Override
  public Cell putValue(int row, int col, Text value) {
    Column[] columns = columns();
    Column column = columns[col];
    if (value == null || col != columns.length - 1 || column.overflow != Column.Overflow.WRAP) {
      return super.putValue(row, col, value);
    }
    String plain = value.plainString();
    int room = column.width - column.indent;
    if (plain.length() <= room) {
      return super.putValue(row, col, value);
    }
    int start = 0;
    int at = row;
    Cell cell = null;
    while (start < plain.length()) {
      boolean first = start == 0;
      int end = cut(plain, start, first ? room : room - indentWrappedLines);
      Text piece = value.substring(start, end);
      if (!first) {
        addEmptyRow();
        at = rowCount() - 1;
        piece = scheme.text(" ".repeat(indentWrappedLines)).concat(piece);
      }
      cell = super.putValue(at, col, piece);
      start = end;
      while (start < plain.length() && plain.charAt(start) == ' ') {
        start++;
      }
    }
    return cell;
  }

  /**
   * Where the line that starts at {@code start} ends: before the last space that leaves at most
   * {@code room} characters, or, for a first word longer than that, at its end.
   */
  static int cut(String text, int start, int room) {
    if (text.length() - start <= room) {
      return text.length();
    }
    int space = text.lastIndexOf(' ', start + room);
    while (space > start && text.charAt(space - 1) == ' ') {
      space--;
    }
    if (space > start) {
      return space;
    }
    int next = text.indexOf(' ', start);
    return next < 0 ? text.length() : next;
  }
}
