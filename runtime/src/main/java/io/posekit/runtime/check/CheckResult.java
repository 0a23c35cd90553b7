package io.posekit.runtime.check;

import io.posekit.annotations.Nullable;
import io.posekit.spi.ConfigProblem;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code posekit check} found for one config: the last stage it passed (null when it did
 * not even load), the stage that failed with its problems, and the names that blocked it
 * ({@link Blockers}), each once.
 *
 * @param file the config file
 * @param folder the family folder it is counted under ({@link CheckSummary#familyFolder})
 * @param reached the last stage passed, or null
 * @param failed the stage that failed, or null when every requested stage passed
 * @param problems what failed, each with file, line, key path and closest names where known
 * @param blockers the unregistered types and unknown keys (or, failing that, the failing module) that stopped it
 */
public record CheckResult(Path file, String folder, @Nullable CheckStage reached, @Nullable CheckStage failed,
    List<ConfigProblem> problems, List<String> blockers) {
  public CheckResult {
    problems = List.copyOf(problems);
    blockers = List.copyOf(blockers);
  }

  /** True when the config passed {@code stage}. */
  public boolean passed(CheckStage stage) {
    return reached != null && reached.compareTo(stage) >= 0;
  }
}
