package io.posekit.tfmodels.fileio;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Petrel's {@code enable_mc}: reads kept in memory, least recently used dropped first once they
 * exceed {@link #CAPACITY_BYTES}. Petrel caches objects in a memcached beside the cluster; here the
 * cache is the process's own, so a data set read more than once (every epoch, and each image once
 * per person in top-down training) crosses the network once while it fits.
 */
final class CachingBackend implements StorageBackend {
  static final long CAPACITY_BYTES = 1L << 30;

  private final StorageBackend backend;
  private final long capacity;
  private final LinkedHashMap<String, byte[]> cache = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes = 0;

  CachingBackend(StorageBackend backend, long capacity) {
    this.backend = backend;
    this.capacity = capacity;
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public boolean isRemote() {
    return backend.isRemote();
  }

  @Override
  public byte[] get(String filepath) {
    synchronized (cache) {
      byte[] hit = cache.get(filepath);
      if (hit != null) {
        return hit;
      }
    }
    byte[] value = backend.get(filepath);
    if (value.length <= capacity) {
      synchronized (cache) {
        byte[] old = cache.put(filepath, value);
        bytes += value.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<String, byte[]>> eldest = cache.entrySet().iterator();
        while (bytes > capacity) {
          bytes -= eldest.next().getValue().length;
          eldest.remove();
        }
      }
    }
    return value;
  }

  @Override
  public boolean exists(String filepath) {
    return backend.exists(filepath);
  }

  @Override
  public String joinPath(String filepath, String... parts) {
    return backend.joinPath(filepath, parts);
  }

  @Override
  public List<String> listDirOrFile(String dirPath, boolean listDir, boolean listFile, Set<String> suffix, boolean recursive) {
    return backend.listDirOrFile(dirPath, listDir, listFile, suffix, recursive);
  }
}
