package dev.grove.tree;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache bounded by the total weight (about the bytes) of its values, not
 * by their number. Safe for several threads.
 */
final class WeightedCache<K, V> {
  private record Entry<V>(V value, long weight) {}

  private final long budget;
  private final LinkedHashMap<K, Entry<V>> map = new LinkedHashMap<>(256, 0.75f, true);
  private long total;

  WeightedCache(long budget) {
    this.budget = budget;
  }

  synchronized V get(K key) {
    Entry<V> entry = map.get(key);
    return entry == null ? null : entry.value;
  }

  /** Remembers {@code value}; a value heavier than a quarter of the budget is not kept. */
  synchronized void put(K key, V value, long weight) {
    if (weight > budget / 4) {
      return;
    }
    Entry<V> old = map.put(key, new Entry<>(value, weight));
    total += weight - (old == null ? 0 : old.weight);
    Iterator<Map.Entry<K, Entry<V>>> eldest = map.entrySet().iterator();
    while (total > budget && eldest.hasNext()) {
      total -= eldest.next().getValue().weight;
      eldest.remove();
    }
  }
}
