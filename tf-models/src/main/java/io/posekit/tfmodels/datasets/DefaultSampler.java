package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.Arrays;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import io.posekit.annotations.Nullable;

/**
 * MMEngine's {@code DefaultSampler}: every index once per epoch, shuffled with a generator seeded
 * by {@code seed + epoch} when {@code shuffle} is set, so a seed and an epoch fix the order. For
 * a process {@code rank} of {@code worldSize} it keeps every {@code worldSize}-th index starting at
 * {@code rank}; {@code round_up} repeats the order so that every process gets as many indices.
 * Without a seed one is drawn at random (MMEngine's {@code sync_random_seed}).
 */
@RegisterModule(registry = Registries.DATA_SAMPLERS, scope = "mmengine")
public final class DefaultSampler implements Sampler {
  private final PoseDataset dataset;
  private final boolean shuffle;
  private final int seed;
  private final boolean roundUp;
  private int rank = 0;
  private int worldSize = 1;
  private int epoch = 0;

  public DefaultSampler(
      @Provided PoseDataset dataset,
      @Param(defaultValue = "True") boolean shuffle,
      @Param(defaultValue = "None") @Nullable Integer seed,
      @Param(defaultValue = "True") boolean roundUp) {
    this.dataset = dataset; // sized on first use, so that a lazy_init data set stays unread until iterated
    this.shuffle = shuffle;
    this.seed = seed == null ? SamplerSeeds.randomSeed() : seed;
    this.roundUp = roundUp;
  }

  /** Restricts this sampler to process {@code rank} of {@code worldSize} (distributed data parallel). */
  public DefaultSampler partition(int rank, int worldSize) {
    if (worldSize < 1 || rank < 0 || rank >= worldSize) {
      throw new IllegalArgumentException("need 0 <= rank < world_size, got rank " + rank + " of " + worldSize);
    }
    this.rank = rank;
    this.worldSize = worldSize;
    return this;
  }

  public int seed() {
    return seed;
  }

  public int epoch() {
    return epoch;
  }

  @Override
  public void setEpoch(int epoch) {
    this.epoch = epoch;
  }

  private int numSamples() {
    int datasetSize = dataset.size();
    return roundUp
        ? (datasetSize + worldSize - 1) / worldSize
        : (datasetSize - rank + worldSize - 1) / worldSize;
  }

  @Override
  public int length() {
    return numSamples();
  }

  /** This process's indices of the current epoch. */
  public int[] indices() {
    int datasetSize = dataset.size();
    int[] all;
    if (shuffle) {
      all = SamplerSeeds.permutation(datasetSize, new SplittableRandom((long) seed + epoch));
    } else {
      all = new int[datasetSize];
      Arrays.setAll(all, i -> i);
    }
    int total = numSamples() * worldSize;
    if (roundUp && datasetSize > 0 && total > datasetSize) {
      int[] longer = new int[total];
      for (int i = 0; i < total; i++) {
        longer[i] = all[i % datasetSize];
      }
      all = longer;
    }
    int[] mine = new int[numSamples()];
    int n = 0;
    for (int i = rank; i < all.length && n < mine.length; i += worldSize) {
      mine[n++] = all[i];
    }
    return n == mine.length ? mine : Arrays.copyOf(mine, n);
  }

  @Override
  public PrimitiveIterator.OfInt iterator() {
    return Arrays.stream(indices()).iterator();
  }
}
