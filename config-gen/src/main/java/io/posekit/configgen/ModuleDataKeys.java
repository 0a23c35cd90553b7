package io.posekit.configgen;

import java.util.List;
import java.util.Set;

/**
 * Keys whose dicts no registry builds from the config, even with a {@code type}: MMEngine hands
 * them to the module that holds them, which reads them itself ({@code init_cfg} by
 * {@code BaseModule.init_weights}, {@code norm_cfg}/{@code act_cfg}/{@code conv_cfg} by MMCV's layer
 * builders), or they are data (MMPose's dataset metadata, whose keypoints carry {@code type='upper'}).
 * The runtime's typed translation and the JSON Schema both follow it.
 */
public final class ModuleDataKeys {
  /** The keys, in a fixed order (the schema lists them so). */
  public static final List<String> KEYS =
      List.of("init_cfg", "norm_cfg", "act_cfg", "conv_cfg", "dataset_info", "metainfo");

  private static final Set<String> SET = Set.copyOf(KEYS);

  private ModuleDataKeys() {}

  public static boolean contains(String key) {
    return SET.contains(key);
  }
}
