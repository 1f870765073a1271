package dev.grove.browser.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code ./benchmark peers} writes from its results: the plots (by {@code peers/plots.mjs},
 * Vega-Lite in node, SVG) and the Markdown of docs/BENCHMARKS.md's "Side by side" results,
 * which it puts between the markers {@code peers} of that file.
 */
final class PeerDocs {
  static final String MARKERS = "peers";
  static final List<String> PLOTS = List.of("ratios.svg", "dir-cost.svg");

  private final Map<String, Object> report;
  private final PeerResults results;
  private final List<String> systems;
  private final Path plots;

  PeerDocs(Map<String, Object> report, PeerResults results, List<String> systems, Path plots) {
    this.report = report;
    this.results = results;
    this.systems = systems;
    this.plots = plots;
  }

  /** Runs {@code node script results plots}: writes {@link #PLOTS} into the plots' directory. */
  void plot(Path script, Path json) throws IOException, InterruptedException {
    Files.createDirectories(plots);
    Process node = new ProcessBuilder("node", script.toString(), json.toString(), plots.toString())
        .redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (node.waitFor() != 0) {
      throw new IOException("the plots failed (node " + script + "): " + output);
    }
    System.err.print(output);
  }

  /** The section's Markdown; the plots linked relative to {@code from} (the document's directory). */
  String section(Path from) {
    StringBuilder md = new StringBuilder();
    @SuppressWarnings("unchecked")
    Map<String, Object> peers = (Map<String, Object>) report.get("peers");
    long seconds = ((Number) report.get("seconds")).longValue();
    md.append("Written by `").append(report.get("command")).append("` on ").append(report.get("started"))
        .append(String.format(Locale.ROOT, " (the whole run: %d min %02d s)", seconds / 60, seconds % 60))
        .append("; headless Chromium ").append(report.get("chromium")).append("; ").append(report.get("cores"))
        .append(" cores, load average ").append(report.get("loadBefore")).append(" before, ")
        .append(report.get("loadAfter")).append(" after; peers as pinned: ")
        .append(peers.entrySet().stream().filter(e -> List.of("isomorphic-git", "@isomorphic-git/lightning-fs",
            "pouchdb-browser", "pouchdb-server").contains(e.getKey()))
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
        .append(". Each cell: the median of ").append(report.get("runs"))
        .append(" rounds after a warm-up round (min–max), the systems' order rotated each round; the ratios")
        .append(" are Grove's median time ÷ the peer's. Results file: `browser/target/benchmark/peers.json`.\n\n");
    md.append(results.markdown(systems));
    List<Map<String, Object>> rows = results.rows();
    List<String> policies = rows.stream().filter(r -> r.get("policy") != null)
        .map(r -> "- " + r.get("system") + ": " + r.get("policy")).toList();
    if (!policies.isEmpty()) {
      md.append("\nW7's conflicts, as each system resolves them:\n\n")
          .append(String.join("\n", policies)).append('\n');
    }
    md.append('\n');
    Path relative = from.toAbsolutePath().normalize().relativize(plots.toAbsolutePath().normalize());
    for (String plot : PLOTS) {
      md.append("![").append(plot.replace(".svg", "")).append("](")
          .append(relative.resolve(plot).toString().replace('\\', '/')).append(")\n");
    }
    return md.toString();
  }

  /** Replaces the section between the markers of {@code document} (the rest untouched). */
  void writeInto(Path document) throws IOException {
    String text = Files.readString(document, StandardCharsets.UTF_8);
    Files.writeString(document, MarkdownSection.replace(text, MARKERS, section(document.getParent())),
        StandardCharsets.UTF_8);
  }
}
