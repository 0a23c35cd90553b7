package io.posekit.runtime.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.check.CheckResult;
import io.posekit.runtime.check.CheckStage;
import io.posekit.runtime.check.CheckSummary;
import io.posekit.runtime.check.ConfigCheck;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code posekit check CONFIG_OR_DIR... [--dry-run]}: will these configs run here? Per config,
 * whether it loaded, typed, built (and with {@code --dry-run} stepped), with the problems of the
 * stage that failed; folders are searched for {@code *.py} (not under {@code _base_}) and end with
 * a table per family folder and the blocking names by count. Exit code 1 when any config fails a
 * requested stage.
 */
@Command(name = "check", description = "Check that configs load, type, build (and with --dry-run take one train step"
    + " and one predict on random input), without reading any data.")
final class CheckCommand implements Callable<Integer> {
  private static final String BASE_DIR = "_base_";
  /** Carriage return and ANSI erase-line. */
  private static final String CLEAR_LINE = "\r\u001b[K";

  private final Supplier<Registry> registry;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Parameters(arity = "1..*", paramLabel = "CONFIG_OR_DIR",
      description = "Config files, or folders searched for *.py configs (folders named _base_ skipped).")
  private List<Path> inputs;

  @Option(names = "--dry-run", description = "Also run one train step and one predict of the model on random input of the config's input size.")
  private boolean dryRun;

  @Option(names = "--scope-root", paramLabel = "SCOPE=DIR",
      description = "Where bases of a scope live (`SCOPE::path` bases, `read_base()` imports), e.g. mmpose=path/to/mmpose/configs; repeatable.")
  private Map<String, Path> scopeRoots = new LinkedHashMap<>();

  @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
      description = "text (default): a line per config and the table; json: one JSON record per line per config.")
  private String format;

  @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "How many blocking names the table lists (default 20).")
  private int top;

  CheckCommand(Supplier<Registry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() throws IOException {
    if (!format.equals("text") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format must be text or json, got " + format);
    }
    List<Map.Entry<Path, String>> configs = new ArrayList<>();
    boolean tree = false;
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        tree = true;
        for (Path file : configsUnder(input)) {
          configs.add(Map.entry(file, CheckSummary.familyFolder(input, file)));
        }
      } else {
        Path parent = input.toAbsolutePath().normalize().getParent();
        configs.add(Map.entry(input, CheckSummary.familyFolder(parent, input)));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    Path workDir = Files.createTempDirectory("posekit-check");
    List<CheckResult> results = new ArrayList<>();
    ConfigCheck check = new ConfigCheck(registry.get(), LoadOptions.defaults().withScopeRoots(scopeRoots), dryRun, workDir);
    try (ProgressBar bar = tree && System.console() != null ? progressBar(configs.size()) : null) {
      for (Map.Entry<Path, String> config : configs) {
        if (bar != null) {
          bar.setExtraMessage(config.getKey().getFileName().toString());
        }
        CheckResult result = check.check(config.getKey(), config.getValue());
        results.add(result);
        if (bar != null) {
          out.print(CLEAR_LINE); // the bar's line, which the bar redraws below the result
        }
        out.println(format.equals("json") ? json(result) : text(result));
        out.flush();
        if (bar != null) {
          bar.step();
        }
      }
    } finally {
      deleteTree(workDir);
    }
    if (tree && format.equals("text")) {
      out.println();
      out.print(new CheckSummary(results, dryRun).format(top));
      out.flush();
    }
    return results.stream().allMatch(r -> r.passed(check.lastStage())) ? 0 : 1;
  }

  private static ProgressBar progressBar(int configs) {
    return new ProgressBarBuilder().setTaskName("check").setInitialMax(configs).setUpdateIntervalMillis(500)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
  }

  /** Every {@code *.py} below {@code dir}, in path order, outside folders named {@code _base_}. */
  static List<Path> configsUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".py") && Files.isRegularFile(p))
          .filter(p -> {
            for (Path part : dir.relativize(p)) {
              if (part.toString().equals(BASE_DIR)) {
                return false;
              }
            }
            return true;
          })
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
  }

  /** {@code file: loaded, typed, built} and, when a stage failed, its problems one per line. */
  static String text(CheckResult r) {
    List<String> passed = new ArrayList<>();
    for (CheckStage stage : CheckStage.values()) {
      if (r.passed(stage)) {
        passed.add(stage.label());
      }
    }
    StringBuilder line = new StringBuilder(r.file().toString()).append(": ");
    line.append(passed.isEmpty() ? "not loaded" : String.join(", ", passed));
    if (r.failed() != null) {
      if (!passed.isEmpty()) {
        line.append("; not ").append(r.failed().label());
      }
      line.append(" (").append(r.problems().size()).append(r.problems().size() == 1 ? " problem)" : " problems)");
      for (ConfigProblem p : r.problems()) {
        line.append(System.lineSeparator()).append("    ").append(p.format());
      }
    }
    return line.toString();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One config as a JSON record: file, folder, each stage passed, the failed stage, problems and blockers. */
  static String json(CheckResult r) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("file", r.file().toString());
    record.put("folder", r.folder());
    for (CheckStage stage : CheckStage.values()) {
      record.put(stage.label(), r.passed(stage));
    }
    record.put("failed", r.failed() == null ? null : r.failed().label());
    List<Map<String, Object>> problems = new ArrayList<>();
    for (ConfigProblem p : r.problems()) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("file", p.location() == null ? null : p.location().file());
      problem.put("line", p.location() == null ? null : p.location().line());
      problem.put("key", p.path().toString());
      problem.put("message", p.message());
      problem.put("hint", p.hint());
      problems.add(problem);
    }
    record.put("problems", problems);
    record.put("blockers", r.blockers());
    try {
      return JSON.writeValueAsString(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
