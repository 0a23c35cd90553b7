package io.posekit.spi;

import java.util.Optional;

/**
 * A config dict that knows where it and its keys were written. The config loader's dicts implement
 * it, so that problems found while reading a typed config name the file and line.
 */
public interface LocatedMap {
  /** Where the dict itself was written. */
  Optional<SourceLocation> location();

  /** Where {@code key} was given its value; falls back to the dict's location. */
  Optional<SourceLocation> locationOf(Object key);
}
