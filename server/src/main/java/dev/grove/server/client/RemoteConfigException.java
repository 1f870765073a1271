package dev.grove.server.client;

import dev.grove.GroveException;

/**
 * A remote that cannot be named, added or found: codes {@code invalid_remote_name},
 * {@code invalid_remote_url}, {@code remote_exists}, {@code remote_not_found} and
 * {@code bad_remotes_file} (a line of the remotes file that is not {@code NAME URL}). Nothing
 * was changed.
 */
public final class RemoteConfigException extends GroveException {
  public RemoteConfigException(String code, String message) {
    super(code, message);
  }
}
