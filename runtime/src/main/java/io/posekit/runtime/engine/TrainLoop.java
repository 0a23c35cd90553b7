package io.posekit.runtime.engine;

/** A training loop: its counters are the runner's {@code epoch} and {@code iter}. */
public interface TrainLoop extends Loop {
  int epoch();

  int iter();

  int maxEpochs();

  int maxIters();

  /** Sets the counters when resuming (MMEngine writes {@code _epoch}/{@code _iter}). */
  void restoreCounters(int epoch, int iter);
}
