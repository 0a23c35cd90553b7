package io.posekit.runtime.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a checked tree: per family folder ({@code body_2d_keypoint/topdown_heatmap}) how
 * many configs loaded, typed, built and stepped, and the blocking names ({@link Blockers}) by the
 * number of configs they stopped, each counted once per config.
 */
public final class CheckSummary {
  private static final int TOP_PER_FOLDER = 3;

  /** One folder's counts. */
  public record Row(String folder, int configs, int loaded, int typed, int built, int stepped, Map<String, Integer> blockers) {}

  private final Map<String, List<CheckResult>> byFolder = new TreeMap<>();
  private final boolean dryRun;

  public CheckSummary(List<CheckResult> results, boolean dryRun) {
    this.dryRun = dryRun;
    for (CheckResult r : results) {
      byFolder.computeIfAbsent(r.folder(), f -> new ArrayList<>()).add(r);
    }
  }

  /**
   * The folder a config is counted under: its first two directory levels below {@code root}
   * (MMPose's task and algorithm folders), fewer when it is shallower, or {@code root}'s own name
   * for a config directly in it.
   */
  public static String familyFolder(Path root, Path file) {
    Path relative = root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).getParent();
    if (relative == null || relative.toString().isEmpty()) {
      Path name = root.toAbsolutePath().normalize().getFileName();
      return name == null ? "/" : name.toString();
    }
    return relative.subpath(0, Math.min(2, relative.getNameCount())).toString().replace('\\', '/');
  }

  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    byFolder.forEach((folder, results) -> rows.add(row(folder, results)));
    return rows;
  }

  /** Every folder together. */
  public Row total() {
    return row("total", byFolder.values().stream().flatMap(List::stream).toList());
  }

  private static Row row(String folder, List<CheckResult> results) {
    Map<String, Integer> blockers = new LinkedHashMap<>();
    for (CheckResult r : results) {
      r.blockers().forEach(b -> blockers.merge(b, 1, Integer::sum));
    }
    return new Row(folder, results.size(), count(results, CheckStage.LOADED), count(results, CheckStage.TYPED),
        count(results, CheckStage.BUILT), count(results, CheckStage.STEPPED), byCount(blockers));
  }

  private static int count(List<CheckResult> results, CheckStage stage) {
    return (int) results.stream().filter(r -> r.passed(stage)).count();
  }

  /** Most configs first, then by name. */
  private static Map<String, Integer> byCount(Map<String, Integer> counts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** The table: one line per folder and a total, then every blocker by count (at most {@code topBlockers}). */
  public String format(int topBlockers) {
    List<Row> rows = new ArrayList<>(rows());
    Row total = total();
    int width = Math.max("folder".length(), rows.stream().mapToInt(r -> r.folder().length()).max().orElse(0));
    StringBuilder out = new StringBuilder();
    String header = String.format("%-" + width + "s %7s %6s %5s %5s %7s  %s", "folder", "configs", "loaded", "typed", "built",
        "stepped", "top blockers (configs)");
    out.append(header).append('\n');
    rows.add(total);
    for (Row r : rows) {
      List<String> top = r == total ? List.of() : r.blockers().entrySet().stream().limit(TOP_PER_FOLDER)
          .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
      out.append(String.format("%-" + width + "s %7d %6d %5d %5d %7s  %s", r.folder(), r.configs(), r.loaded(), r.typed(),
          r.built(), dryRun ? String.valueOf(r.stepped()) : "-", String.join(", ", top)).stripTrailing()).append('\n');
    }
    if (!total.blockers().isEmpty()) {
      out.append("blocking (configs stopped by each, once per config):\n");
      total.blockers().entrySet().stream().limit(topBlockers)
          .forEach(e -> out.append(String.format("%5d  %s%n", e.getValue(), e.getKey())));
    }
    return out.toString();
  }
}
