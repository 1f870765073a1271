package dev.grove.sync;

import dev.grove.hash.ObjectId;
import java.util.SortedMap;

/**
 * Receives a remote's watch stream ({@link Remote#watch}), parsed. Calls come from one thread at
 * a time, in order: {@link #refs} first, then {@link #changed} for each change, then
 * {@link #closed} once (unless the subscription was cancelled).
 */
public interface WatchListener {
  /** The first event: every branch and its head. */
  void refs(SortedMap<String, ObjectId> branches);

  /** A branch moved; {@link ObjectId#NONE} when it was deleted. */
  void changed(String branch, ObjectId headOrNone);

  /**
   * The stream ended: a {@link TransportException} (network), a {@link SyncException} (an error
   * answer, or an event the protocol does not allow), or null (closed normally by the server).
   */
  void closed(RuntimeException errorOrNull);
}
