package io.posekit.tfmodels.visualization;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import io.posekit.annotations.Nullable;

/**
 * MMEngine's {@code LocalVisBackend}: under {@code save_dir}, the config as
 * {@code config_save_file}, images as {@code <img_save_dir>/<name>_<step>.png} and scalars as one
 * JSON object a line ({@code {"loss": 0.5, "step": 10}}) in {@code scalar_save_file}. Directories
 * are made on the first write.
 */
@RegisterModule(registry = Registries.VISBACKENDS, scope = "mmengine")
public final class LocalVisBackend implements VisBackend {
  private static final ObjectMapper JSON = new ObjectMapper();
  private @Nullable Path saveDir;
  private final String imgSaveDir;
  private final String configSaveFile;
  private final String scalarSaveFile;
  private boolean closed;

  public LocalVisBackend(
      @Param(defaultValue = "None") @Nullable String saveDir,
      @Param(defaultValue = "'vis_image'") String imgSaveDir,
      @Param(defaultValue = "'config.py'") String configSaveFile,
      @Param(defaultValue = "'scalars.json'") String scalarSaveFile) {
    if (!scalarSaveFile.endsWith(".json")) {
      throw new IllegalArgumentException("scalar_save_file must be a .json file, got '" + scalarSaveFile + "'");
    }
    this.saveDir = saveDir == null ? null : Path.of(saveDir);
    this.imgSaveDir = imgSaveDir;
    this.configSaveFile = configSaveFile;
    this.scalarSaveFile = scalarSaveFile;
  }

  @Override
  public @Nullable Path saveDir() {
    return saveDir;
  }

  @Override
  public void useSaveDirIfUnset(Path dir) {
    if (saveDir == null) {
      saveDir = dir;
    }
  }

  private Path dir() {
    if (closed) {
      throw new IllegalStateException("LocalVisBackend is closed");
    }
    if (saveDir == null) {
      throw new IllegalStateException("LocalVisBackend has no save_dir: set it in its config or in the visualizer's");
    }
    try {
      return Files.createDirectories(saveDir);
    } catch (IOException e) {
      throw new UncheckedIOException("LocalVisBackend: cannot create " + saveDir, e);
    }
  }

  @Override
  public void addConfig(String configText) {
    Path file = dir().resolve(configSaveFile);
    try {
      Files.writeString(file, configText, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("LocalVisBackend: cannot write " + file, e);
    }
  }

  @Override
  public void addImage(String name, BufferedImage image, int step) {
    Path file = dir().resolve(imgSaveDir).resolve(name + "_" + step + ".png");
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IllegalStateException("LocalVisBackend: no PNG writer for " + file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("LocalVisBackend: cannot write " + file, e);
    }
  }

  @Override
  public void addScalar(String name, double value, int step) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(name, value);
    line.put("step", step);
    append(line);
  }

  @Override
  public void addScalars(Map<String, ? extends Number> scalars, int step) {
    Map<String, Object> line = new LinkedHashMap<>(scalars);
    if (line.containsKey("step")) {
      throw new IllegalArgumentException("LocalVisBackend: 'step' is reserved in scalars, got " + scalars.keySet());
    }
    line.put("step", step);
    append(line);
  }

  private void append(Map<String, Object> line) {
    Path file = dir().resolve(scalarSaveFile);
    try {
      Files.writeString(
          file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("LocalVisBackend: cannot append to " + file, e);
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
