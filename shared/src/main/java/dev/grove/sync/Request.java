package dev.grove.sync;

/**
 * One HTTP request to a remote repository: a method, a path relative to the repository's URL
 * ({@code refs}, {@code fetch}, {@code push}), and for a POST its content type and body.
 */
public record Request(String method, String path, String contentType, byte[] body) {

  public static Request get(String path) {
    return new Request("GET", path, null, null);
  }

  public static Request post(String path, String contentType, byte[] body) {
    return new Request("POST", path, contentType, body);
  }
}
