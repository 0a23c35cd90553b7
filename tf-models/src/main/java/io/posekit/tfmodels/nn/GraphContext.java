package io.posekit.tfmodels.nn;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.distributed.Collectives;
import io.posekit.tfmodels.distributed.DataParallel;

import org.tensorflow.op.Ops;

/**
 * Where a layer adds its ops: the graph, the model's variables, the PyTorch name scope
 * ({@code backbone.layer1.0.}), and PyTorch's module state: {@code training} (BN uses batch
 * statistics and updates running ones), {@code frozen} (parameters not trained, BN in eval, as
 * MMPose's {@code frozen_stages}) and {@code normEval} (BN in eval while training), and the
 * {@code precision} the graph will run in (layers adapt to its kernels' needs); in a data-parallel
 * run, {@code parallel} (SyncBN's collectives).
 */
public record GraphContext(Ops tf, ParameterStore params, String scope, boolean training, boolean frozen,
    boolean normEval, Precision precision, @Nullable DataParallel parallel) {

  public static GraphContext root(Ops tf, ParameterStore params, boolean training) {
    return root(tf, params, training, Precision.FLOAT32);
  }

  /** A root for a graph that runs in {@code precision} (see {@link Precision#needsEvenChannels()}). */
  public static GraphContext root(Ops tf, ParameterStore params, boolean training, Precision precision) {
    return new GraphContext(tf, params, "", training, false, false, precision, null);
  }

  /** The context of a child module, PyTorch's {@code parent.child.}. */
  public GraphContext child(String name) {
    return new GraphContext(tf, params, scope + name + ".", training, frozen, normEval, precision, parallel);
  }

  public GraphContext child(int index) {
    return child(Integer.toString(index));
  }

  public GraphContext withFrozen(boolean value) {
    return new GraphContext(tf, params, scope, training, frozen || value, normEval, precision, parallel);
  }

  public GraphContext withNormEval(boolean value) {
    return new GraphContext(tf, params, scope, training, frozen, normEval || value, precision, parallel);
  }

  /** This context in a data-parallel run ({@code null}: one process). */
  public GraphContext withParallel(@Nullable DataParallel value) {
    return new GraphContext(tf, params, scope, training, frozen, normEval, precision, value);
  }

  /** The collectives a SyncBN layer (or, with {@code cfg.sync_bn}, any BN) reduces over, or null. */
  public @Nullable Collectives syncBatchNorm(boolean layerIsSyncBn) {
    return parallel != null && (layerIsSyncBn || parallel.syncAllBatchNorm()) ? parallel.collectives() : null;
  }

  /** The full PyTorch name of a parameter of this module. */
  public String name(String leaf) {
    return scope + leaf;
  }

  /** Whether batch norm here normalises with batch statistics and updates running ones. */
  public boolean batchStatistics() {
    return training && !frozen && !normEval;
  }
}
