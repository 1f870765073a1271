package dev.grove.server.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Branch names as single file names: UTF-8 bytes outside {@code [A-Za-z0-9._-]} written
 * {@code %XX}, so {@code a} and {@code a/b} are two flat files and no name escapes its folder.
 */
public final class BranchFileNames {
  private BranchFileNames() {}

  public static String encode(String branch) {
    StringBuilder out = new StringBuilder();
    for (byte b : branch.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  public static String decode(String fileName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      if (c == '%' && i + 2 < fileName.length()) {
        out.write(Integer.parseInt(fileName.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
