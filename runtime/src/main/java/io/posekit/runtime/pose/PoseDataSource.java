package io.posekit.runtime.pose;

import io.posekit.runtime.engine.model.DataSource;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.annotations.Nullable;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DataLoader} as the engine's {@link DataSource}: the loader iterates, the loops ask for
 * batches by index, so batches are read in order from one iterator per epoch (a jump back, as at
 * the start of an epoch, starts a new pass). Each batch is collated for the model's graph.
 *
 * <p>While the loop works on batch i, batch i + 1 is taken from the loader and collated on a
 * background thread, so the step waits neither for the loader's workers nor for collation (the
 * workers themselves run {@code num_workers} batches ahead). Only that thread touches the loader's
 * iterator once prefetching has started; the loop thread waits on its result.
 */
public final class PoseDataSource implements DataSource<PoseBatch> {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final DataLoader loader;
  private final TopdownModel model;
  private final boolean withTargets;
  private Iterator<List<PoseSample>> iterator;
  private int next;
  private @Nullable ExecutorService prefetcher;
  private @Nullable Future<PoseBatch> ahead;
  private int aheadIndex = -1;

  public PoseDataSource(DataLoader loader, TopdownModel model, boolean withTargets) {
    if (loader.length() < 0) {
      throw new IllegalArgumentException("an epoch-based loop needs a finite sampler, not an endless one");
    }
    this.loader = loader;
    this.model = model;
    this.withTargets = withTargets;
  }

  public DataLoader loader() {
    return loader;
  }

  @Override
  public int length() {
    return loader.length();
  }

  @Override
  public int batchSize() {
    return loader.batchSize();
  }

  @Override
  public void setEpoch(int epoch) {
    dropAhead();
    loader.setEpoch(epoch);
    iterator = null;
  }

  @Override
  public PoseBatch batch(int index) {
    if (index < 0 || index >= length()) {
      throw new IndexOutOfBoundsException("batch " + index + " of " + length());
    }
    PoseBatch batch;
    if (ahead != null && aheadIndex == index) {
      Future<PoseBatch> f = ahead;
      ahead = null;
      batch = await(f);
    } else {
      dropAhead();
      batch = fetch(index);
    }
    if (index + 1 < length()) {
      int nextIndex = index + 1;
      aheadIndex = nextIndex;
      ahead = prefetcher().submit(() -> fetch(nextIndex));
    }
    return batch;
  }

  private synchronized ExecutorService prefetcher() {
    if (prefetcher == null) {
      prefetcher =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "posekit-batch-prefetch-" + THREADS.incrementAndGet());
                t.setDaemon(true); // never keeps the JVM alive
                return t;
              });
    }
    return prefetcher;
  }

  /** Waits for a prefetch that is no longer wanted, so that the iterator is free again. */
  private void dropAhead() {
    if (ahead != null) {
      Future<PoseBatch> f = ahead;
      ahead = null;
      try {
        f.get();
      } catch (ExecutionException | CancellationException e) {
        // the batch is not used; an error it hit will come again when that batch is asked for
        iterator = null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a prefetched batch", e);
      }
    }
  }

  private static PoseBatch await(Future<PoseBatch> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // DataLoaderException names the sample and file
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a prefetched batch", e);
    }
  }

  /** Reads batch {@code index} from the loader's iterator (restarting it on a jump back) and collates it. */
  private PoseBatch fetch(int index) {
    if (iterator == null || index < next) {
      iterator = loader.iterator();
      next = 0;
    }
    List<PoseSample> samples = null;
    while (next <= index) {
      samples = iterator.next();
      next++;
    }
    return model.collate(samples, withTargets);
  }
}
