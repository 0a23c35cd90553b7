package io.posekit.runtime.config.dict;

import io.posekit.spi.SourceLocation;

/**
 * One step in the history of a config key: a later file, or {@code --cfg-options}, gave the key a
 * new value over one an earlier file (a base) had set.
 *
 * @param kind how the earlier value was treated
 * @param by where the new value was written
 * @param replaced where the earlier value had been written (null when unknown)
 * @param previous the earlier value for {@link Kind#OVERRIDDEN} and {@link Kind#DELETED}; null for a merge
 */
public record KeyOverride(Kind kind, SourceLocation by, SourceLocation replaced, Object previous) {
  public enum Kind {
    /** A plain value (or a dict over a non-dict with allowed list keys) replaced the earlier one. */
    OVERRIDDEN,
    /** A dict merged its keys into the earlier dict. */
    MERGED,
    /** A dict with {@code _delete_=True} replaced the earlier dict instead of merging. */
    DELETED
  }
}
