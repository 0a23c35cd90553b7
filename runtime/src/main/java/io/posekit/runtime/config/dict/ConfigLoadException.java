package io.posekit.runtime.config.dict;

import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.KeyPath;
import io.posekit.spi.SourceLocation;
import java.nio.file.Path;
import java.util.List;

/** A config file that cannot be read: names the file and, when known, the line. */
public final class ConfigLoadException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public ConfigLoadException(SourceLocation where, String message) {
    super("cannot load config " + where, List.of(new ConfigProblem(KeyPath.root(), message, null, where)));
  }

  public ConfigLoadException(Path file, int line, String message) {
    this(new SourceLocation(file.toString(), line), message);
  }
}
