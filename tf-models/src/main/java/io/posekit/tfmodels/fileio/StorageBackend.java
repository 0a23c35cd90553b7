package io.posekit.tfmodels.fileio;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

/**
 * MMEngine's {@code BaseStorageBackend}: where the bytes of a path or URI come from. Paths are
 * strings as MMEngine's are (a local path, {@code s3://bucket/key}, an LMDB key, a URL). Reading
 * something that is not there is a {@link MissingFileException}; any other failure a
 * {@link StorageException}; both name the path.
 */
public interface StorageBackend {
  /** The name {@code backend_args} selects it by: {@code local}, {@code lmdb}, {@code petrel}, {@code http}. */
  String name();

  byte[] get(String filepath);

  default String getText(String filepath, Charset encoding) {
    return new String(get(filepath), encoding);
  }

  boolean exists(String filepath);

  /** Joins {@code parts} onto {@code filepath} with the separator of this backend. */
  default String joinPath(String filepath, String... parts) {
    StringBuilder out = new StringBuilder(filepath);
    for (String part : parts) {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '/') {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  /**
   * MMEngine's {@code list_dir_or_file}: the entries under {@code dirPath}, relative to it; with
   * {@code suffix} (non-empty) only files ending in one of them (then {@code listDir} must be false).
   */
  default List<String> listDirOrFile(String dirPath, boolean listDir, boolean listFile, Set<String> suffix, boolean recursive) {
    throw new UnsupportedOperationException("the " + name() + " backend cannot list " + dirPath);
  }

  /** True for backends whose reads wait on a network: the data loader fetches their bytes ahead. */
  default boolean isRemote() {
    return false;
  }

  /**
   * A hint that {@code filepath} will be read soon: a remote backend starts fetching it in the
   * background so that the {@link #get} after it finds the bytes there; others do nothing.
   */
  default void prefetch(String filepath) {}
}
