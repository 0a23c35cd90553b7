package io.posekit.runtime.engine.logging;

import java.util.Map;

/**
 * Where the logger hook sends each logging interval's scalars: MMEngine's
 * {@code runner.visualizer.add_scalars}. The runner's default is a {@code LocalVisBackend} writing
 * {@code <log dir>/vis_data/scalars.json}; a configured visualizer replaces it with its backends.
 */
@FunctionalInterface
public interface ScalarWriter {
  void addScalars(Map<String, ? extends Number> scalars, int step);
}
