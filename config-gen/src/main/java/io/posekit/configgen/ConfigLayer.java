package io.posekit.configgen;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One config file as its loader evaluated it: the neutral input of config-gen.
 *
 * @param name the file relative to the config root, with {@code /} ({@code _base_/default_runtime.py});
 *     it decides the generated class's package and name
 * @param bases the names of its {@code _base_} files, in the order the file lists them
 * @param own the file's own top-level variables as evaluated (before merging into the bases), with
 *     {@code _delete_} markers kept; dicts implementing {@link io.posekit.spi.LocatedMap} give
 *     generated statements their file and line
 * @param merged the file's config as loaded: its own values merged into its bases
 */
public record ConfigLayer(String name, List<String> bases, Map<?, ?> own, Map<?, ?> merged) {
  public ConfigLayer {
    Objects.requireNonNull(name, "name");
    bases = List.copyOf(bases);
    Objects.requireNonNull(own, "own");
    Objects.requireNonNull(merged, "merged");
  }
}
