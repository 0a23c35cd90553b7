package io.posekit.spi;

import java.util.List;
import java.util.Objects;

/**
 * Where a config value was written: the file, the line (1-based, 0 when unknown) and the chain of
 * files that brought it in through {@code _base_} (outermost first; empty for the root file).
 */
public record SourceLocation(String file, int line, List<String> baseChain) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    baseChain = List.copyOf(baseChain);
  }

  public SourceLocation(String file, int line) {
    this(file, line, List.of());
  }

  /** {@code file:line}, followed by {@code (via a.py -> b.py)} when a base chain brought it. */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line : file;
    return baseChain.isEmpty() ? where : where + " (via " + String.join(" -> ", baseChain) + ")";
  }
}
