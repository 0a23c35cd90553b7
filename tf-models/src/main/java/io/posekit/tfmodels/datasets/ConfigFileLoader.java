package io.posekit.tfmodels.datasets;

import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a config file into its top-level names, as MMEngine's {@code Config.fromfile} does; how
 * {@code metainfo=dict(from_file='configs/_base_/datasets/coco.py')} gets at the file's
 * {@code dataset_info}. The runtime (which executes Python configs) registers one with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.posekit.tfmodels.datasets.ConfigFileLoader};
 * JSON files are read without one.
 */
public interface ConfigFileLoader {
  /** Whether this loader reads {@code file} (usually by its extension). */
  boolean supports(Path file);

  /** The file's top-level names and values; dicts as maps (int keys stay ints), tuples as {@code Tuple}. */
  Map<String, Object> load(Path file);
}
