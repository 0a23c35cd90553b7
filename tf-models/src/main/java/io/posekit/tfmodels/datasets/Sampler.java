package io.posekit.tfmodels.datasets;

import java.util.PrimitiveIterator;

/**
 * The order in which a {@link DataLoader} visits a data set's indices, PyTorch's {@code Sampler}
 * as MMEngine uses it. One call to {@link #iterator()} is one epoch (or, for an infinite sampler,
 * an endless stream); {@link #setEpoch} changes what the next epoch's order is.
 */
public interface Sampler {
  /** The indices of one epoch, in order. */
  PrimitiveIterator.OfInt iterator();

  /** How many indices one epoch yields, or -1 when the stream never ends. */
  int length();

  /** Sets the epoch the next {@link #iterator()} is for (MMEngine's {@code set_epoch}). */
  void setEpoch(int epoch);
}
