package io.posekit.runtime.cli;

import io.posekit.annotations.Nullable;
import io.posekit.runtime.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/** What MMPose's {@code tools/train.py} and {@code tools/test.py} both do to a config in {@code merge_args}. */
final class ToolArgs {
  private ToolArgs() {}

  /** The config file's name without its extension: {@code td-hm_res18-tiny_demo-128x96}. */
  static String configName(Path config) {
    return config.getFileName().toString().replaceFirst("\\.[^.]+$", "");
  }

  /** {@code work_dir} in tools' priority: the command line, then the config, then {@code work_dirs/<config name>}. */
  static void setWorkDir(Config cfg, Path config, @Nullable Path workDir) {
    if (workDir != null) {
      cfg.mergeFromDict(Map.of("work_dir", workDir.toString()));
    } else if (cfg.dict().get("work_dir") == null) {
      cfg.mergeFromDict(Map.of("work_dir", Path.of("work_dirs", configName(config)).toString()));
    }
  }

  /** {@code --show-dir DIR [--interval N]}: enables {@code default_hooks.visualization} drawing into DIR. */
  static void enableVisualization(Config cfg, Path config, @Nullable String showDir, int interval) {
    requireHook(cfg, config, "visualization", "--show-dir", "PoseVisualizationHook");
    Map<String, Object> hook = new LinkedHashMap<>();
    hook.put("default_hooks.visualization.enable", true);
    hook.put("default_hooks.visualization.out_dir", showDir);
    hook.put("default_hooks.visualization.interval", interval);
    cfg.mergeFromDict(hook);
  }

  /** What the loaded config probably does not mean ({@link Config#warnings}), as WARNING lines before the run. */
  static void logWarnings(Config cfg) {
    cfg.warnings().forEach(w -> LoggerFactory.getLogger(ToolArgs.class).warn(w));
  }

  static void requireHook(Config cfg, Path config, String key, String flag, String type) {
    if (!(cfg.dict().get("default_hooks") instanceof Map<?, ?> hooks) || !hooks.containsKey(key)) {
      throw new IllegalArgumentException(config + ": " + flag + " needs default_hooks." + key + "=dict(type='" + type + "')");
    }
  }
}
