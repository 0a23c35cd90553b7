package io.posekit.runtime.engine.pose;

import io.posekit.runtime.engine.model.DataSource;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.structures.PoseSample;
import java.util.Iterator;
import java.util.List;

/**
 * A {@link DataLoader} as the engine's {@link DataSource}: the loader iterates, the loops ask for
 * batches by index, so batches are read in order from one iterator per epoch (a jump back, as at
 * the start of an epoch, starts a new pass). Each batch is collated for the model's graph.
 */
public final class PoseDataSource implements DataSource<PoseBatch> {
  private final DataLoader loader;
  private final TopdownModel model;
  private final boolean withTargets;
  private Iterator<List<PoseSample>> iterator;
  private int next;

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
    loader.setEpoch(epoch);
    iterator = null;
  }

  @Override
  public PoseBatch batch(int index) {
    if (index < 0 || index >= length()) {
      throw new IndexOutOfBoundsException("batch " + index + " of " + length());
    }
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
