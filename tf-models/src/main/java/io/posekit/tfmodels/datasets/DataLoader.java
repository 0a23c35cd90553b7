package io.posekit.tfmodels.datasets;

import io.posekit.tfmodels.structures.PoseSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import io.posekit.annotations.Nullable;

/**
 * PyTorch's {@code DataLoader} as MMEngine's {@code train_dataloader} builds it: the sampler's
 * indices in order, cut into batches of {@code batch_size} (the last one shorter unless
 * {@code drop_last}), each sample loaded by {@code num_workers} worker threads ahead of use (0: in
 * the calling thread). Batches come in sampler order whatever the workers' timing. Every sample
 * draws its random steps from its own generator seeded by (seed, epoch, position in the epoch,
 * index), so a run gives the same samples with 0, 1 or many workers. With
 * {@code persistent_workers} the threads live until {@link #close()}, else one pool per epoch.
 * A failing sample stops the epoch with a {@link DataLoaderException} naming its index and file.
 */
public final class DataLoader implements Iterable<List<PoseSample>>, AutoCloseable {
  /** Samples each worker keeps loaded ahead, in batches (PyTorch's {@code prefetch_factor}). */
  private static final int PREFETCH_BATCHES_PER_WORKER = 2;
  private static final AtomicInteger POOL_COUNT = new AtomicInteger();

  private final PoseDataset dataset;
  private final Sampler sampler;
  private final int batchSize;
  private final int numWorkers;
  private final boolean persistentWorkers;
  private final boolean dropLast;
  private final long seed;
  private int epoch = 0;
  private @Nullable ExecutorService persistentPool;

  public DataLoader(
      PoseDataset dataset,
      Sampler sampler,
      int batchSize,
      int numWorkers,
      boolean persistentWorkers,
      boolean dropLast,
      long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
    }
    if (numWorkers < 0) {
      throw new IllegalArgumentException("num_workers must not be negative, got " + numWorkers);
    }
    if (persistentWorkers && numWorkers == 0) {
      // PyTorch's rule: there is nothing to keep alive
      throw new IllegalArgumentException("persistent_workers=True needs num_workers > 0");
    }
    this.dataset = dataset;
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.numWorkers = numWorkers;
    this.persistentWorkers = persistentWorkers;
    this.dropLast = dropLast;
    this.seed = seed;
  }

  public PoseDataset dataset() {
    return dataset;
  }

  public Sampler sampler() {
    return sampler;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Batches per epoch, or -1 for an endless sampler. */
  public int length() {
    int n = sampler.length();
    if (n < 0) {
      return -1;
    }
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /** Sets the epoch of the sampler and of the samples' random generators. */
  public void setEpoch(int epoch) {
    this.epoch = epoch;
    sampler.setEpoch(epoch);
  }

  /** The sample at {@code index}, the {@code position}-th of epoch {@code epoch}, as a worker loads it. */
  PoseSample load(int index, long position, int epoch) {
    SplittableRandom rng = new SplittableRandom(SamplerSeeds.sampleSeed(seed, epoch, position, index));
    try {
      return dataset.get(index, rng);
    } catch (RuntimeException | Error e) {
      throw new DataLoaderException(
          index, dataset.describe(index) + " failed in " + Thread.currentThread().getName(), e);
    }
  }

  private ExecutorService newPool() {
    int pool = POOL_COUNT.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "posekit-dataloader-" + pool + "-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(numWorkers, factory);
  }

  @Override
  public Iterator<List<PoseSample>> iterator() {
    int epochNow = epoch;
    PrimitiveIterator.OfInt indices = sampler.iterator();
    if (numWorkers == 0) {
      return new SerialIterator(indices, epochNow);
    }
    ExecutorService pool;
    boolean ownPool;
    synchronized (this) {
      if (persistentWorkers) {
        if (persistentPool == null) {
          persistentPool = newPool();
        }
        pool = persistentPool;
        ownPool = false;
      } else {
        pool = newPool();
        ownPool = true;
      }
    }
    return new ParallelIterator(indices, epochNow, pool, ownPool);
  }

  /** Shuts the persistent workers down; the loader cannot iterate with workers after this. */
  @Override
  public synchronized void close() {
    if (persistentPool != null) {
      persistentPool.shutdownNow();
      persistentPool = null;
    }
  }

  private final class SerialIterator implements Iterator<List<PoseSample>> {
    private final PrimitiveIterator.OfInt indices;
    private final int epoch;
    private long position = 0;
    private final List<Integer> ahead = new ArrayList<>();

    SerialIterator(PrimitiveIterator.OfInt indices, int epoch) {
      this.indices = indices;
      this.epoch = epoch;
    }

    private void fill() {
      while (ahead.size() < batchSize && indices.hasNext()) {
        int index = indices.nextInt();
        dataset.prefetch(index);
        ahead.add(index);
      }
    }

    @Override
    public boolean hasNext() {
      fill();
      return dropLast ? ahead.size() == batchSize : !ahead.isEmpty();
    }

    @Override
    public List<PoseSample> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the epoch has no more batches");
      }
      List<PoseSample> batch = new ArrayList<>(ahead.size());
      for (int index : ahead) {
        batch.add(load(index, position++, epoch));
      }
      ahead.clear();
      return batch;
    }
  }

  private record Pending(int index, Future<PoseSample> sample) {}

  private final class ParallelIterator implements Iterator<List<PoseSample>> {
    private final PrimitiveIterator.OfInt indices;
    private final int epoch;
    private final ExecutorService pool;
    private final boolean ownPool;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final int window;
    private long position = 0;
    private boolean finished = false;

    ParallelIterator(PrimitiveIterator.OfInt indices, int epoch, ExecutorService pool, boolean ownPool) {
      this.indices = indices;
      this.epoch = epoch;
      this.pool = pool;
      this.ownPool = ownPool;
      this.window = Math.max(batchSize, numWorkers * PREFETCH_BATCHES_PER_WORKER * batchSize);
    }

    private void fill() {
      while (!finished && pending.size() < window && indices.hasNext()) {
        int index = indices.nextInt();
        long pos = position++;
        dataset.prefetch(index); // a remote image starts coming while the workers are busy
        pending.add(new Pending(index, pool.submit(() -> load(index, pos, epoch))));
      }
    }

    private void finish() {
      if (finished) {
        return;
      }
      finished = true;
      for (Pending p : pending) {
        p.sample().cancel(true);
      }
      pending.clear();
      if (ownPool) {
        pool.shutdownNow();
      }
    }

    @Override
    public boolean hasNext() {
      fill();
      boolean more = dropLast ? pending.size() >= batchSize : !pending.isEmpty();
      if (!more) {
        finish();
      }
      return more;
    }

    @Override
    public List<PoseSample> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the epoch has no more batches");
      }
      int n = Math.min(batchSize, pending.size());
      List<PoseSample> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Pending p = pending.poll();
        try {
          batch.add(p.sample().get());
        } catch (ExecutionException e) {
          finish();
          if (e.getCause() instanceof DataLoaderException d) {
            throw d;
          }
          throw new DataLoaderException(p.index(), dataset.describe(p.index()) + " failed in a worker", e.getCause());
        } catch (InterruptedException e) {
          finish();
          Thread.currentThread().interrupt();
          throw new DataLoaderException(p.index(), "interrupted while waiting for " + dataset.describe(p.index()), e);
        } catch (CancellationException e) {
          finish();
          throw new DataLoaderException(p.index(), dataset.describe(p.index()) + " was cancelled (loader closed?)", e);
        }
      }
      fill();
      return batch;
    }
  }
}
