package io.posekit.runtime.registry;

import io.posekit.spi.ModuleEntry;
import java.util.Optional;

/**
 * A module as the runtime registry holds it: its index entry and the index that can read its
 * config.
 */
public record RegisteredModule(ModuleEntry entry, IndexSource source) {

  /** The jar or directory of the index that registered it. */
  public String origin() {
    return source.origin();
  }

  /** Its parameters and documentation, from the index's metadata resource (read on first use). */
  public Optional<ModuleMetadata> metadata() {
    return source.metadata().module(entry);
  }
}
