package dev.grove.browser.api;

import dev.grove.Utf8;
import dev.grove.backend.BranchNames;
import dev.grove.browser.idb.IdbDurability;
import dev.grove.merge.MergeFunction;
import dev.grove.merge.MergeFunctions;
import dev.grove.path.InvalidPathException;
import dev.grove.path.Path;
import dev.grove.store.CommitInfo;
import dev.grove.store.Strategy;
import org.teavm.jso.JSObject;

/**
 * Checks the arguments JavaScript passes, all received untyped: each one's type, then its
 * content (a key's path, a branch's name). Failures are {@code invalid_argument} for a wrong
 * type, or the core's own code ({@code invalid_path}, {@code invalid_branch}, ...).
 */
final class Args {
  private Args() {}

  /** {@code value}, which must be a string; {@code what} names it in the error. */
  static String string(JSObject value, String what) {
    String kind = Js.kind(value);
    if (!kind.equals("string")) {
      throw Errors.invalidArgument(what + " must be a string, not " + kind);
    }
    return Js.string(value);
  }

  /** The key of a value: a path such as {@code notes/today}, not empty. */
  static Path key(JSObject value) {
    Path path = Path.parse(string(value, "key"));
    if (path.isRoot()) {
      throw new InvalidPathException("", "a key must not be empty; it is a path such as notes/today");
    }
    return path;
  }

  /**
   * A directory or a prefix: a path, where one trailing {@code /} is allowed
   * ({@code notes/} is {@code notes}); absent, null or {@code ""} is the root.
   */
  static Path dir(JSObject value, String what) {
    return Js.absent(value) ? Path.ROOT : dir(string(value, what));
  }

  /** {@link #dir(JSObject, String)} of a string. */
  static Path dir(String text) {
    if (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
      if (text.isEmpty()) {
        throw new InvalidPathException("/", "a directory is written notes or notes/; the root is ''");
      }
    }
    return Path.parse(text);
  }

  /** A branch name, checked by Git's rules. */
  static String branch(JSObject value, String what) {
    return BranchNames.check(string(value, what));
  }

  /** A revision (a branch name or a commit id), resolved later by {@link Revisions}. */
  static String revision(JSObject value, String what) {
    String rev = string(value, what);
    if (rev.isEmpty()) {
      throw Errors.invalidArgument(what + " must name a branch or a commit id, not ''");
    }
    return rev;
  }

  /** A function. */
  static JSObject function(JSObject value, String what) {
    String kind = Js.kind(value);
    if (!kind.equals("function")) {
      throw Errors.invalidArgument(what + " must be a function, not " + kind);
    }
    return value;
  }

  /**
   * A value to store, as bytes: a {@code Uint8Array} (or {@code ArrayBuffer}) as is, a string
   * as UTF-8, anything else as its JSON text ({@code JSON.stringify}).
   */
  static byte[] value(JSObject value) {
    String kind = Js.kind(value);
    switch (kind) {
      case "string":
        return Utf8.encode(Js.string(value));
      case "bytes":
        return Js.bytesIn(value);
      case "view":
        throw Errors.invalidArgument("a value must be a Uint8Array, a string or a JSON value;"
            + " pass other typed arrays as new Uint8Array(array.buffer, array.byteOffset, array.byteLength)");
      case "undefined":
      case "function":
      case "symbol":
      case "bigint":
        throw Errors.invalidArgument("a value must be a Uint8Array, a string or a JSON value, not "
            + kind);
      default:
        JSObject json = Js.stringify(value);
        JSObject error = Js.get(json, "error");
        if (!Js.absent(error)) {
          throw Errors.invalidArgument("the value cannot be stored as JSON: " + Js.string(error));
        }
        return Utf8.encode(Js.string(Js.get(json, "text")));
    }
  }

  /** {@code options.durability}: {@code 'strict'} or {@code 'relaxed'}; strict when absent (null). */
  static IdbDurability durability(String label) {
    if (label == null) {
      return IdbDurability.STRICT;
    }
    for (IdbDurability durability : IdbDurability.values()) {
      if (durability.label().equals(label)) {
        return durability;
      }
    }
    throw Errors.invalidArgument("options.durability must be 'strict' or 'relaxed', not '" + label + "'");
  }

  /** The strategy named {@code name}: {@code set}, {@code test-and-set} or {@code merge}. */
  static Strategy strategy(String name) {
    switch (name) {
      case "set":
        return Strategy.SET;
      case "test-and-set":
        return Strategy.TEST_AND_SET;
      case "merge":
        return Strategy.MERGE;
      default:
        throw Errors.invalidArgument("options.strategy must be 'set', 'test-and-set' or 'merge', not '"
            + name + "'");
    }
  }

  /** The merge function named {@code name}, for {@code open(name, {merge})}. */
  static MergeFunction mergeFunction(String name, String what) {
    switch (name) {
      case "default":
        return MergeFunctions.defaultFunction();
      case "json":
        return MergeFunctions.json();
      case "counter":
        return MergeFunctions.counter();
      case "last-writer-wins":
        return MergeFunctions.lastWriterWins();
      default:
        throw Errors.invalidArgument(what + " must be 'default', 'json', 'counter' or"
            + " 'last-writer-wins', not '" + name + "'");
    }
  }

  /**
   * The commit info in {@code {message, author: {name, email}}}: {@code defaultMessage} when
   * there is no message, the store's default author when there is no author.
   */
  static CommitInfo commitInfo(Options options, String defaultMessage) {
    String message = options.string("message");
    CommitInfo author = author(options);
    return new CommitInfo(author == null ? null : author.authorName(),
        author == null ? null : author.authorEmail(), message != null ? message : defaultMessage);
  }

  /**
   * The author in {@code options.author = {name, email}} (as commit info with an empty message),
   * or null when there is none.
   *
   * @throws CommitInfo.InvalidCommitInfoException {@code invalid_commit_info} for a name or
   *     email Git cannot write
   */
  static CommitInfo author(Options options) {
    Options author = options.object("author");
    if (author == null) {
      return null;
    }
    String name = author.string("name");
    String email = author.string("email");
    if (name == null || email == null) {
      throw Errors.invalidArgument(author.what() + " needs both a name and an email");
    }
    return new CommitInfo(name, email, "");
  }

  /**
   * A plain options object (or undefined/null: no options). Each getter answers null (or the
   * default) for an absent property, and fails for one of the wrong type.
   */
  static final class Options {
    private final JSObject object;
    private final String what;

    private Options(JSObject object, String what) {
      this.object = object;
      this.what = what;
    }

    static Options of(JSObject value, String what) {
      String kind = Js.kind(value);
      if (kind.equals("undefined") || kind.equals("null")) {
        return new Options(null, what);
      }
      if (!kind.equals("object")) {
        throw Errors.invalidArgument(what + " must be an object, not " + kind);
      }
      return new Options(value, what);
    }

    String what() {
      return what;
    }

    /** The property {@code key}, or null when absent (undefined or null). */
    JSObject raw(String key) {
      if (object == null) {
        return null;
      }
      JSObject value = Js.get(object, key);
      return Js.absent(value) ? null : value;
    }

    String string(String key) {
      JSObject value = raw(key);
      return value == null ? null : Args.string(value, what + "." + key);
    }

    boolean bool(String key) {
      JSObject value = raw(key);
      if (value == null) {
        return false;
      }
      String kind = Js.kind(value);
      if (!kind.equals("boolean")) {
        throw Errors.invalidArgument(what + "." + key + " must be a boolean, not " + kind);
      }
      return Js.bool(value);
    }

    /** A whole number of at least {@code min}, or {@code otherwise} when absent. */
    int integer(String key, int min, int otherwise) {
      JSObject value = raw(key);
      if (value == null) {
        return otherwise;
      }
      String kind = Js.kind(value);
      if (!kind.equals("number") || !Js.isInt(Js.number(value)) || (int) Js.number(value) < min) {
        throw Errors.invalidArgument(what + "." + key + " must be a whole number of at least "
            + min);
      }
      return (int) Js.number(value);
    }

    /** A nested options object, or null when absent. */
    Options object(String key) {
      JSObject value = raw(key);
      return value == null ? null : Options.of(value, what + "." + key);
    }

    /** The property names, for a map such as {@code merge}. */
    String[] keys() {
      if (object == null) {
        return new String[0];
      }
      var names = Js.keys(object);
      String[] out = new String[names.getLength()];
      for (int i = 0; i < out.length; i++) {
        out[i] = names.get(i).stringValue();
      }
      return out;
    }
  }
}
