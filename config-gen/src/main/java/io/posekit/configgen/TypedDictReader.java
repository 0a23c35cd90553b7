package io.posekit.configgen;

import io.posekit.spi.ModuleConfig;
import java.util.List;
import java.util.Map;

/**
 * Reads the typed dicts of a config the way the runtime does (registry by key path, default scope,
 * {@code _scope_}); the runtime implements it over its {@code Registry}. config-gen writes builder
 * code that rebuilds each typed config it is given, so the generated Java and the loader agree by
 * construction.
 */
public interface TypedDictReader {
  /**
   * Reads the top-most typed dict {@code dict} found at {@code path} of {@code layer}'s merged
   * config.
   */
  Reading read(ConfigLayer layer, List<Object> path, Map<?, ?> dict);

  /** The config keys of {@code config}'s module with their builder method names, in declaration order. */
  Map<String, String> builderMethods(ModuleConfig<?> config);

  /** What reading one typed dict gave. */
  sealed interface Reading {}

  /** The dict reads as this typed config. */
  record Typed(ModuleConfig<?> config) implements Reading {}

  /**
   * The dict has no Java implementation to read it: its type lives in a scope nothing is registered
   * in (another OpenMMLab project's). It stays a plain dict; never an error.
   */
  record Foreign(String type, String reason) implements Reading {}

  /**
   * The dict is no module config though it has a {@code type}: data its module reads itself
   * ({@code init_cfg}, {@code norm_cfg}, dataset metadata). It stays a plain dict; never an error,
   * and not counted as untyped.
   */
  record ModuleData(String reason) implements Reading {}

  /**
   * The dict does not read: an unknown type in a scope that has Java modules (a typo, or a module
   * PoseKit does not have), or a bad value. {@code message} names file, line and key path.
   */
  record Unreadable(String type, String message) implements Reading {}
}
