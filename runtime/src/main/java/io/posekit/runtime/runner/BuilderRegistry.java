package io.posekit.runtime.runner;

import io.posekit.annotations.Registries;
import io.posekit.configgen.ModuleDataKeys;
import io.posekit.spi.KeyPath;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which registry MMEngine's runner and MMPose's builders use for a typed dict at a key path
 * ({@code model} to MODELS, {@code train_dataloader.dataset.pipeline.3} to TRANSFORMS, ...).
 * Null means no builder claims the place: the type is then looked up in every registry.
 */
final class BuilderRegistry {
  /** Top-level keys the runner builds itself, alone or as a list of dicts ({@link RunnerKeys}). */
  private static final Map<String, String> TOP_LEVEL = RunnerKeys.all().stream()
      .filter(k -> k.registry() != null && !k.name().equals("default_hooks"))
      .collect(Collectors.toUnmodifiableMap(RunnerKeys.Key::name, RunnerKeys.Key::registry));

  private BuilderRegistry() {}

  /**
   * True for a value at or below one of {@link ModuleDataKeys}: a plain dict even with a
   * {@code type} (a module that takes it declares a dict or free-form parameter).
   */
  static boolean isModuleData(KeyPath path) {
    return path.segments().stream().anyMatch(ModuleDataKeys::contains);
  }

  /** The key that puts {@code path} below a module's own data, for messages. */
  static String moduleDataKey(KeyPath path) {
    return path.segments().stream().filter(ModuleDataKeys::contains).findFirst().orElseThrow();
  }

  static String forPath(KeyPath path) {
    List<String> s = path.segments();
    if (s.isEmpty()) {
      return null;
    }
    boolean item = isIndex(path.last());
    // the key that holds the dict, or the list that holds it
    String owner = item && s.size() > 1 ? s.get(s.size() - 2) : path.last();
    switch (owner) {
      case "dataset", "datasets" -> {
        return Registries.DATASETS;
      }
      case "sampler", "batch_sampler" -> {
        return Registries.DATA_SAMPLERS;
      }
      case "codec", "encoder", "decoder" -> {
        return Registries.KEYPOINT_CODECS;
      }
      case "vis_backends" -> {
        return item ? Registries.VISBACKENDS : null;
      }
      default -> { }
    }
    if (item && owner.endsWith("pipeline")) {
      return Registries.TRANSFORMS;
    }
    String first = s.get(0);
    if (first.equals("model")) {
      return Registries.MODELS; // a model part written outside a typed model dict
    }
    if (first.equals("optim_wrapper") && s.size() == 2 && s.get(1).equals("optimizer")) {
      return Registries.OPTIMIZERS;
    }
    if (first.equals("default_hooks") && s.size() == 2) {
      return Registries.HOOKS;
    }
    if (s.size() == 1 || (s.size() == 2 && item)) {
      return TOP_LEVEL.get(first);
    }
    return null;
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
  }
}
