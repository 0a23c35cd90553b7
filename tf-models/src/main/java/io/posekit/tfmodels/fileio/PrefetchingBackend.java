package io.posekit.tfmodels.fileio;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote backend whose reads can start ahead: {@link #prefetch} fetches on a pool of I/O threads
 * (a read mostly waits on the network, so more of them than cores), and {@link #get} takes the
 * fetched bytes, or waits for them, or reads at once if nothing was started. The data loader
 * prefetches the images of the samples its workers will load next, so a worker's time goes to
 * decoding rather than to round trips. At most {@link #CAPACITY} reads are held; the oldest hint
 * is dropped first. A failed prefetch fails the {@code get} that takes it, with the backend's own
 * message (after its retries).
 */
final class PrefetchingBackend implements StorageBackend {
  static final int IO_THREADS = 16;
  static final int CAPACITY = 512;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final StorageBackend backend;
  private final ExecutorService pool;
  /** Pending reads by path, with how many gets they are for (one image, several person samples). */
  private final LinkedHashMap<String, Pending> ahead = new LinkedHashMap<>();

  private static final class Pending {
    final CompletableFuture<byte[]> bytes;
    int takers = 1;

    Pending(CompletableFuture<byte[]> bytes) {
      this.bytes = bytes;
    }
  }

  PrefetchingBackend(StorageBackend backend) {
    this.backend = backend;
    int id = POOLS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(IO_THREADS, r -> {
      Thread t = new Thread(r, "prefetch-" + backend.name() + "-" + id + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public String name() {
    return backend.name();
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  @Override
  public void prefetch(String filepath) {
    synchronized (ahead) {
      Pending p = ahead.get(filepath);
      if (p != null) {
        p.takers++;
        return;
      }
      if (ahead.size() >= CAPACITY) {
        Iterator<Pending> oldest = ahead.values().iterator();
        oldest.next(); // left to finish: a get may be waiting on it
        oldest.remove();
      }
      ahead.put(filepath, new Pending(CompletableFuture.supplyAsync(() -> backend.get(filepath), pool)));
    }
  }

  @Override
  public byte[] get(String filepath) {
    Pending p;
    synchronized (ahead) {
      p = ahead.get(filepath);
      if (p != null && --p.takers == 0) {
        ahead.remove(filepath);
      }
    }
    if (p == null) {
      return backend.get(filepath);
    }
    try {
      return p.bytes.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** How many reads are held or under way (for tests). */
  int pending() {
    synchronized (ahead) {
      return ahead.size();
    }
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
