package io.posekit.configgen;

import io.posekit.spi.LocatedMap;
import io.posekit.spi.SourceLocation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A dict that knows the line of each key, as the loader's ConfigDict does. */
final class LocatedDict extends LinkedHashMap<Object, Object> implements LocatedMap {
  private static final long serialVersionUID = 1L;
  private final SourceLocation location;
  private final Map<Object, SourceLocation> lines = new HashMap<>();

  LocatedDict(String file, int line) {
    this.location = new SourceLocation(file, line);
  }

  /** {@code key} set on {@code line} of this dict's file. */
  LocatedDict at(int line, Object key, Object value) {
    put(key, value);
    lines.put(key, new SourceLocation(location.file(), line));
    return this;
  }

  /** {@code key} set on {@code line} of another file (a value a base wrote). */
  LocatedDict at(String file, int line, Object key, Object value) {
    put(key, value);
    lines.put(key, new SourceLocation(file, line));
    return this;
  }

  @Override
  public Optional<SourceLocation> location() {
    return Optional.of(location);
  }

  @Override
  public Optional<SourceLocation> locationOf(Object key) {
    return Optional.ofNullable(lines.getOrDefault(key, location));
  }
}
