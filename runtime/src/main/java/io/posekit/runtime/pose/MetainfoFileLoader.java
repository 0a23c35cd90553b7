package io.posekit.runtime.pose;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.config.ConfigFormat;
import io.posekit.runtime.config.LoadOptions;
import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.tfmodels.datasets.ConfigFileLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a data set's {@code metainfo=dict(from_file='x.py')} is read when posekit-runtime is on the
 * class path: as MMPose's {@code Config.fromfile(cfg_file).dataset_info}, a {@code .py} file through
 * the sandboxed config loader, {@code .json} and {@code .yaml} as config files too. Registered in
 * {@code META-INF/services/io.posekit.tfmodels.datasets.ConfigFileLoader}.
 */
public final class MetainfoFileLoader implements ConfigFileLoader {
  @Override
  public boolean supports(Path file) {
    try {
      ConfigFormat.of(file);
      return true;
    } catch (ConfigLoadException e) {
      return false;
    }
  }

  @Override
  public Map<String, Object> load(Path file) {
    Map<String, Object> out = new LinkedHashMap<>();
    Config.fromFile(file, LoadOptions.defaults()).toMap().forEach((key, value) -> out.put(String.valueOf(key), value));
    return out;
  }
}
