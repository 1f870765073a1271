package dev.grove.browser.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The measurements of {@code ./benchmark peers}: every sample of every measure (W1, W3a, W5, D100,
 * ...) on every system, summed up as rows (median and range of each quantity) for the results
 * file, and as the Markdown tables of docs/BENCHMARKS.md.
 */
final class PeerResults {
  /** The system the ratios are of. */
  static final String GROVE = "Grove strict";
  /** Ratio columns of the main table: [Grove's system, peer], Grove's time ÷ the peer's. */
  private static final List<List<String>> RATIOS = List.of(
      List.of("Grove strict", "raw IndexedDB strict"), List.of("Grove relaxed", "raw IndexedDB relaxed"),
      List.of("Grove strict", "PouchDB"), List.of("Grove strict", "isomorphic-git"));

  private final Map<String, String> titles = new LinkedHashMap<>();
  private final Map<String, Map<String, List<Map<String, Object>>>> samples = new LinkedHashMap<>();
  private final Map<String, String> durabilities;

  PeerResults(Map<String, String> durabilities) {
    this.durabilities = durabilities;
  }

  /** Names measure {@code measure} (such as {@code W1}) in tables: {@code title}. */
  void title(String measure, String title) {
    titles.put(measure, title);
  }

  /** One measured sample ({@code ms} and maybe other quantities) of {@code measure} on {@code system}. */
  void add(String measure, String system, Map<String, Object> sample) {
    samples.computeIfAbsent(measure, m -> new LinkedHashMap<>())
        .computeIfAbsent(system, s -> new ArrayList<>()).add(sample);
  }

  /** Every measure and system: the samples, and the median, min and max of each quantity. */
  List<Map<String, Object>> rows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    samples.forEach((measure, bySystem) -> bySystem.forEach((system, list) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workload", measure);
      row.put("title", titles.getOrDefault(measure, measure));
      row.put("system", system);
      row.put("durability", durabilities.get(system));
      row.put("samples", list);
      for (String quantity : List.of("ms", "wireBytes", "storedBytes", "usageBytes")) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> sample : list) {
          if (sample.get(quantity) instanceof Number number) {
            values.add(number.doubleValue());
          }
        }
        if (!values.isEmpty()) {
          Collections.sort(values);
          row.put(quantity, Map.of("median", median(values), "min", values.get(0),
              "max", values.get(values.size() - 1)));
        }
      }
      list.stream().map(s -> s.get("policy")).filter(p -> p != null).reduce((a, b) -> b)
          .ifPresent(policy -> row.put("policy", policy));
      rows.add(row);
    }));
    return rows;
  }

  static double median(List<Double> sorted) {
    int size = sorted.size();
    return size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
  }

  /** The time table (medians, ranges, Grove's ratios) and the bytes table, in Markdown. */
  String markdown(List<String> systems) {
    List<Map<String, Object>> rows = rows();
    StringBuilder md = new StringBuilder("| workload |");
    StringBuilder durability = new StringBuilder("| durability |");
    for (String system : systems) {
      md.append(' ').append(system).append(" |");
      durability.append(' ').append(durabilities.get(system)).append(" |");
    }
    List<List<String>> ratios = RATIOS.stream().filter(r -> systems.containsAll(r)).toList();
    for (List<String> ratio : ratios) {
      md.append(' ').append(ratio.get(0)).append(" vs ").append(ratio.get(1)).append(" |");
    }
    md.append('\n').append("|---|").append("---:|".repeat(systems.size() + ratios.size())).append('\n')
        .append(durability).append(" |".repeat(ratios.size())).append('\n');
    for (String measure : samples.keySet()) {
      md.append("| ").append(titles.getOrDefault(measure, measure)).append(" |");
      for (String system : systems) {
        md.append(' ').append(cell(find(rows, measure, system), "ms", PeerResults::millis)).append(" |");
      }
      for (List<String> ratio : ratios) {
        md.append(' ').append(ratio(median(find(rows, measure, ratio.get(0)), "ms"),
            median(find(rows, measure, ratio.get(1)), "ms"))).append(" |");
      }
      md.append('\n');
    }
    StringBuilder bytes = new StringBuilder();
    for (String measure : samples.keySet()) {
      for (String quantity : List.of("wireBytes", "storedBytes", "usageBytes")) {
        if (systems.stream().noneMatch(s -> median(find(rows, measure, s), quantity) != null)) {
          continue;
        }
        bytes.append("| ").append(titles.getOrDefault(measure, measure)).append(": ").append(switch (quantity) {
          case "wireBytes" -> "bytes on the wire";
          case "storedBytes" -> "bytes stored (records' keys and values)";
          default -> "bytes stored (navigator.storage.estimate() usage growth)";
        }).append(" |");
        for (String system : systems) {
          bytes.append(' ').append(cell(find(rows, measure, system), quantity, PeerResults::megabytes)).append(" |");
        }
        bytes.append('\n');
      }
    }
    if (bytes.length() > 0) {
      md.append("\n| bytes |");
      systems.forEach(s -> md.append(' ').append(s).append(" |"));
      md.append('\n').append("|---|").append("---:|".repeat(systems.size())).append('\n').append(bytes);
    }
    return md.toString();
  }

  private static Map<String, Object> find(List<Map<String, Object>> rows, String measure, String system) {
    return rows.stream().filter(r -> r.get("workload").equals(measure) && r.get("system").equals(system))
        .findFirst().orElse(null);
  }

  @SuppressWarnings("unchecked")
  static Double median(Map<String, Object> row, String quantity) {
    if (row == null || !(row.get(quantity) instanceof Map<?, ?> stats)) {
      return null;
    }
    return ((Map<String, Double>) stats).get("median");
  }

  @SuppressWarnings("unchecked")
  private static String cell(Map<String, Object> row, String quantity, Function<Double, String> format) {
    if (row == null || !(row.get(quantity) instanceof Map<?, ?> stats)) {
      return "—";
    }
    Map<String, Double> s = (Map<String, Double>) stats;
    String median = format.apply(s.get("median"));
    return s.get("min").equals(s.get("max")) ? median
        : median + " (" + format.apply(s.get("min")) + "–" + format.apply(s.get("max")) + ")";
  }

  /** {@code grove ÷ peer} as "2.5× slower" or "1.3× faster"; "—" when either is missing. */
  static String ratio(Double grove, Double peer) {
    if (grove == null || peer == null || grove <= 0 || peer <= 0) {
      return "—";
    }
    return grove >= peer ? String.format(Locale.ROOT, "%.2f× slower", grove / peer)
        : String.format(Locale.ROOT, "%.2f× faster", peer / grove);
  }

  static String millis(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%,.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
  }

  static String megabytes(double bytes) {
    return bytes >= 1e6 ? String.format(Locale.ROOT, "%.2f MB", bytes / 1e6)
        : String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
  }
}
