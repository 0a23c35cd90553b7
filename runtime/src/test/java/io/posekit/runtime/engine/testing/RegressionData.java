package io.posekit.runtime.engine.testing;

import io.posekit.runtime.engine.model.DataSource;
import io.posekit.runtime.engine.randomness.Randomness;
import io.posekit.runtime.engine.randomness.SeededGenerator;

/** y = 2 x0 - x1 + 0.5 x2 + 0.3 + noise; shuffled per epoch from (seed, epoch) like DefaultSampler. */
public final class RegressionData implements DataSource<LinearRegressionModel.Batch> {
  private final float[][] x;
  private final float[] y;
  private final int batchSize;
  private final boolean shuffle;
  private final Randomness randomness;
  private int[] order;

  public RegressionData(int samples, int batchSize, long dataSeed, boolean shuffle, Randomness randomness) {
    SeededGenerator g = SeededGenerator.fromSeed(dataSeed);
    x = new float[samples][3];
    y = new float[samples];
    for (int i = 0; i < samples; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) g.nextGaussian();
      }
      y[i] = (float) (2 * x[i][0] - x[i][1] + 0.5 * x[i][2] + 0.3 + 0.05 * g.nextGaussian());
    }
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.randomness = randomness;
    setEpoch(0);
  }

  @Override
  public int length() {
    return y.length / batchSize;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public void setEpoch(int epoch) {
    if (shuffle) {
      order = randomness.derive("sampler", epoch).permutation(y.length);
    } else {
      order = new int[y.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
    }
  }

  @Override
  public LinearRegressionModel.Batch batch(int index) {
    float[][] bx = new float[batchSize][];
    float[] by = new float[batchSize];
    for (int k = 0; k < batchSize; k++) {
      int i = order[index * batchSize + k];
      bx[k] = x[i];
      by[k] = y[i];
    }
    return new LinearRegressionModel.Batch(bx, by);
  }
}
