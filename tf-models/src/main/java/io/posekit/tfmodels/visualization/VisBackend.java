package io.posekit.tfmodels.visualization;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * Where a visualizer's output goes, MMEngine's {@code BaseVisBackend}: the experiment's config,
 * images, scalars. Backends built without a {@code save_dir} take the visualizer's.
 */
public interface VisBackend extends AutoCloseable {
  /** The directory this backend writes to, or null while none is set. */
  @Nullable Path saveDir();

  /** Sets the directory if the config gave none (MMEngine's visualizer passes its own down). */
  void useSaveDirIfUnset(Path saveDir);

  /** Records the experiment's config (its Python text, as {@code Config.pretty_text}). */
  void addConfig(String configText);

  /** Records an RGB image under {@code name} at {@code step}. */
  void addImage(String name, BufferedImage image, int step);

  void addScalar(String name, double value, int step);

  /** Records several scalars of one step together. */
  void addScalars(Map<String, ? extends Number> scalars, int step);

  /** Flushes and releases files; further calls are errors. */
  @Override
  void close();
}
