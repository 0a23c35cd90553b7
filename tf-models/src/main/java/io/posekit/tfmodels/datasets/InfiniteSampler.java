package io.posekit.tfmodels.datasets;

import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.PrimitiveIterator;
import java.util.SplittableRandom;
import io.posekit.annotations.Nullable;

/**
 * MMEngine's {@code InfiniteSampler} for iteration-based training: an endless stream of
 * permutations (or of {@code 0..n-1} repeated without {@code shuffle}) from one generator seeded
 * once with {@code seed}; the epoch does not change it. A process {@code rank} of
 * {@code worldSize} takes every {@code worldSize}-th index of the stream starting at {@code rank}.
 */
@RegisterModule(registry = Registries.DATA_SAMPLERS, scope = "mmengine")
public final class InfiniteSampler implements Sampler {
  private final PoseDataset dataset;
  private final boolean shuffle;
  private final int seed;
  private int rank = 0;
  private int worldSize = 1;

  public InfiniteSampler(
      @Provided PoseDataset dataset,
      @Param(defaultValue = "True") boolean shuffle,
      @Param(defaultValue = "None") @Nullable Integer seed) {
    this.dataset = dataset; // sized on first use, so that a lazy_init data set stays unread until iterated
    this.shuffle = shuffle;
    this.seed = seed == null ? SamplerSeeds.randomSeed() : seed;
  }

  /** Restricts this sampler to process {@code rank} of {@code worldSize}. */
  public InfiniteSampler partition(int rank, int worldSize) {
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

  @Override
  public int length() {
    return -1;
  }

  /** MMEngine ignores the epoch here: the stream already differs from one pass to the next. */
  @Override
  public void setEpoch(int epoch) {}

  @Override
  public PrimitiveIterator.OfInt iterator() {
    int datasetSize = dataset.size();
    if (datasetSize == 0) {
      throw new IllegalArgumentException("InfiniteSampler: the data set is empty");
    }
    return new PrimitiveIterator.OfInt() {
      private final SplittableRandom rnd = new SplittableRandom(seed);
      private int[] block = nextBlock();
      private int pos = 0;
      private long streamPos = 0; // position in the full stream, before taking every world_size-th

      private int[] nextBlock() {
        if (!shuffle) {
          int[] b = new int[datasetSize];
          for (int i = 0; i < datasetSize; i++) {
            b[i] = i;
          }
          return b;
        }
        return SamplerSeeds.permutation(datasetSize, rnd);
      }

      private int take() {
        if (pos == block.length) {
          block = nextBlock();
          pos = 0;
        }
        streamPos++;
        return block[pos++];
      }

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public int nextInt() {
        while (streamPos % worldSize != rank) {
          take();
        }
        return take();
      }
    };
  }
}
