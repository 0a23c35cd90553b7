package io.posekit.runtime.registry;

import io.posekit.spi.RegistryIndex;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Objects;

/**
 * One registry index and where it came from (the jar or class directory that holds it), so that a
 * conflict between two indexes can name both jars. Its parameter metadata is read on first use:
 * building modules never needs it, listing them does.
 */
public final class IndexSource {
  private final RegistryIndex index;
  private final String origin;
  private volatile IndexMetadata metadata;

  public IndexSource(RegistryIndex index, String origin) {
    this.index = Objects.requireNonNull(index, "index");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /** The index with the jar or directory its class was loaded from as origin. */
  public static IndexSource of(RegistryIndex index) {
    return new IndexSource(index, originOf(index.getClass()));
  }

  public RegistryIndex index() {
    return index;
  }

  /** The jar or class directory the index was loaded from (or what a test named it). */
  public String origin() {
    return origin;
  }

  /** The index's parameter metadata, read from {@link RegistryIndex#metadataResource()} once. */
  public IndexMetadata metadata() {
    IndexMetadata read = metadata;
    if (read == null) {
      synchronized (this) {
        read = metadata;
        if (read == null) {
          read = IndexMetadata.read(index);
          metadata = read;
        }
      }
    }
    return read;
  }

  /** {@code io.x.GeneratedIndex in /path/to/plugin.jar}. */
  public String describe() {
    return index.getClass().getName() + " in " + origin;
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String originOf(Class<?> type) {
    CodeSource codeSource = type.getProtectionDomain().getCodeSource();
    if (codeSource == null || codeSource.getLocation() == null) {
      // classes of the boot or platform loader, or of a loader that does not say
      return "<unknown location of " + type.getName() + ">";
    }
    try {
      return Path.of(codeSource.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException notAFile) {
      // a non-file URL (nested jar, custom loader): its text still names it
      return codeSource.getLocation().toString();
    }
  }
}
