package io.posekit.runtime.engine.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MMEngine's {@code LocalVisBackend.add_scalars}: appends one JSON object per call, with a
 * {@code step}, to {@code <log dir>/vis_data/scalars.json}.
 */
public final class ScalarsJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public ScalarsJson(Path logDir) {
    this.file = logDir.resolve("vis_data").resolve("scalars.json");
  }

  public Path file() {
    return file;
  }

  public void addScalars(Map<String, Object> scalars, int step) {
    Map<String, Object> line = new LinkedHashMap<>(scalars);
    line.put("step", step);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }
}
