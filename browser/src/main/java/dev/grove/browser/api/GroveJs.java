package dev.grove.browser.api;

import dev.grove.backend.Backend;
import dev.grove.backend.memory.MemoryBackend;
import dev.grove.browser.idb.IdbDurability;
import dev.grove.browser.api.Args.Options;
import dev.grove.merge.MergePolicy;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSExportClasses;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * The module {@code grove.js}: TeaVM's entry point. Its exports are {@code open},
 * {@code destroy} and the
 * classes {@code Store}, {@code Branch}, {@code Draft}, {@code Remote}, {@code Live} and
 * {@code GroveError} (for {@code instanceof}; only {@code open} and the methods make instances).
 */
@JSExportClasses({StoreJs.class, BranchJs.class, DraftJs.class, RemoteJs.class, LiveJs.class,
    GroveErrorJs.class})
public final class GroveJs {
  private GroveJs() {}

  /**
   * Opens the store {@code name}: in IndexedDB (database {@code "grove:" + name}), or in memory
   * with {@code {memory: true}}. Options: {@code author} (the default author of commits),
   * {@code maxAttempts} (compare-and-set attempts of a write), {@code merge} (merge function by
   * key prefix), {@code durability} ({@code 'strict'}, the default, or {@code 'relaxed'}: when
   * IndexedDB acknowledges a write; {@link IdbDurability}).
   */
  @JSExport
  public static JSPromise<JSObject> open(JSObject name, JSObject options) {
    GroveErrorJs.init();
    return Async.promise(() -> {
      String store = storeName(name);
      Options opts = Options.of(options, "options");
      boolean memory = opts.bool("memory");
      IdbDurability durability = Args.durability(opts.string("durability"));
      RepositoryOptions settings = settings(opts);
      if (!memory) {
        Backends.checkPersistent();
      }
      return () -> {
        StoreJs[] opened = new StoreJs[1];
        Backend backend = memory ? new MemoryBackend()
            : Backends.persistent(store, durability, () -> {
              if (opened[0] != null) { // else the backend is closed before the store exists
                opened[0].deleted();
              }
            });
        opened[0] = new StoreJs(store, Repository.open(backend, settings), !memory);
        // An instance of an exported class is a JavaScript object as it is: no conversion.
        return (JSObject) (Object) opened[0];
      };
    });
  }

  /**
   * Deletes the IndexedDB store {@code name} (database {@code "grove:" + name}) with everything
   * in it; nothing when there is none. Stores open on it, in this page or other tabs, are closed
   * first. Fails with {@code storage_unavailable} where there is no IndexedDB.
   */
  @JSExport
  public static JSPromise<JSObject> destroy(JSObject name) {
    GroveErrorJs.init();
    return Async.promise(() -> {
      String store = storeName(name);
      Backends.checkPersistent();
      return () -> {
        Backends.delete(store);
        return Js.undefined();
      };
    });
  }

  private static String storeName(JSObject name) {
    String store = Args.string(name, "name");
    if (store.isEmpty()) {
      throw Errors.invalidArgument("name must not be empty");
    }
    return store;
  }

  private static RepositoryOptions settings(Options opts) {
    RepositoryOptions settings = RepositoryOptions.defaults();
    CommitInfo author = Args.author(opts);
    if (author != null) {
      settings = settings.withDefaultAuthor(author.authorName(), author.authorEmail());
    }
    settings = settings.withMaxAttempts(opts.integer("maxAttempts", 1, settings.maxAttempts()));
    Options merge = opts.object("merge");
    if (merge != null) {
      MergePolicy policy = settings.mergePolicy();
      for (String prefix : merge.keys()) {
        String what = "options.merge['" + prefix + "']";
        String function = merge.string(prefix);
        policy = policy.with(Args.dir(prefix),
            Args.mergeFunction(function == null ? "default" : function, what));
      }
      settings = settings.withMergePolicy(policy);
    }
    return settings;
  }
}
