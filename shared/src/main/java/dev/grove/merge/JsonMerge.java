package dev.grove.merge;

import dev.grove.json.Json;
import dev.grove.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link MergeFunctions#json()}: JSON objects merged field by field, recursively. */
final class JsonMerge {
  private final List<String> conflicts = new ArrayList<>();

  private JsonMerge() {}

  static ValueMerge merge(MergeInput in) {
    ValueMerge trivial = MergeFunctions.trivial(in);
    if (trivial != null) {
      return trivial;
    }
    if (in.ours() == null || in.theirs() == null) {
      return ValueMerge.conflict(MergeFunctions.bothChanged(in.base(), in.ours(), in.theirs()));
    }
    byte[][] inputs = {in.base(), in.ours(), in.theirs()};
    String[] names = {"the base", "our value", "their value"};
    List<Map<String, Object>> objects = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      Object parsed;
      if (inputs[i] == null) {
        parsed = new LinkedHashMap<String, Object>();
      } else {
        try {
          parsed = Json.parse(inputs[i]);
        } catch (JsonException e) {
          return ValueMerge.conflict(names[i] + " is not valid JSON (" + e.getMessage() + ")");
        }
      }
      if (!(parsed instanceof Map)) {
        return ValueMerge.conflict(names[i] + " is not a JSON object");
      }
      objects.add(asObject(parsed));
    }
    // Order the two sides by their bytes, not by who is "ours", so the result is symmetric.
    boolean oursFirst = MergeFunctions.compareUnsigned(in.ours(), in.theirs()) < 0;
    Map<String, Object> first = objects.get(oursFirst ? 1 : 2);
    Map<String, Object> second = objects.get(oursFirst ? 2 : 1);
    JsonMerge merge = new JsonMerge();
    Map<String, Object> merged = merge.objects(objects.get(0), first, second, "");
    if (!merge.conflicts.isEmpty()) {
      return ValueMerge.conflict(String.join("; ", merge.conflicts));
    }
    return ValueMerge.resolved(Json.writeUtf8(merged));
  }

  /** Merges two objects against their base: {@code first}'s order, then {@code second}'s. */
  private Map<String, Object> objects(Map<String, Object> base, Map<String, Object> first,
      Map<String, Object> second, String prefix) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : first.keySet()) {
      field(key, base, first, second, prefix, out);
    }
    for (String key : second.keySet()) {
      if (!first.containsKey(key)) {
        field(key, base, first, second, prefix, out);
      }
    }
    return out;
  }

  private void field(String key, Map<String, Object> base, Map<String, Object> first,
      Map<String, Object> second, String prefix, Map<String, Object> out) {
    Object b = base.get(key);
    Object x = first.get(key);
    Object y = second.get(key);
    String path = prefix.isEmpty() ? key : prefix + "." + key;
    Object merged;
    if (Objects.equals(x, y) || Objects.equals(y, b)) {
      merged = x;
    } else if (Objects.equals(x, b)) {
      merged = y;
    } else if (x instanceof Map && y instanceof Map && (b == null || b instanceof Map)) {
      Map<String, Object> nestedBase = b == null ? new LinkedHashMap<>() : asObject(b);
      merged = objects(nestedBase, asObject(x), asObject(y), path);
    } else {
      conflicts.add("field " + Json.write(path) + " " + MergeFunctions.bothChanged(b, x, y));
      return;
    }
    if (merged != null) {
      out.put(key, merged);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value) {
    return (Map<String, Object>) value;
  }
}
