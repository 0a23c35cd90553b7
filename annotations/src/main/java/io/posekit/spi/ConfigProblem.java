package io.posekit.spi;

import java.util.Optional;

/**
 * One thing wrong with a config: where (key path and, when known, file and line), what, and how
 * to fix it.
 *
 * @param path the key path of the offending value
 * @param message what is wrong
 * @param hint how to fix it ("did you mean 'use_target_weight'?"), or null
 * @param location the file and line, or null when the config was not read from a file
 */
public record ConfigProblem(KeyPath path, String message, String hint, SourceLocation location) {

  public Optional<String> hintText() {
    return Optional.ofNullable(hint);
  }

  public Optional<SourceLocation> sourceLocation() {
    return Optional.ofNullable(location);
  }

  /** {@code file:line: key.path: message (hint)}. */
  public String format() {
    StringBuilder out = new StringBuilder();
    if (location != null) {
      out.append(location).append(": ");
    }
    out.append(path).append(": ").append(message);
    if (hint != null) {
      out.append(" (").append(hint).append(')');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
