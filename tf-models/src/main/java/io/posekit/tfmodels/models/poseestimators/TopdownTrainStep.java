package io.posekit.tfmodels.models.poseestimators;

import io.posekit.annotations.Nullable;
import io.posekit.tfmodels.distributed.DataParallel;

import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.nn.TrainStep;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A top-down model's training iteration: the train-mode forward pass from the images, the head's
 * loss against fed target heatmaps and keypoint weights, then the {@link TrainStep} (gradients,
 * optimizer, BN statistic updates).
 */
final class TopdownTrainStep {
  private final Placeholder<TFloat32> images;
  private final Placeholder<TFloat32> targets;
  private final Placeholder<TFloat32> weights;
  private final Shape inputShape;
  private final Shape heatmapShape;
  private final TrainStep step;

  TopdownTrainStep(Ops tf, TopdownPoseEstimator model, ParameterStore store, ParameterStore optimizerStore,
      Placeholder<TFloat32> images, Shape inputShape, Precision precision, Function<List<Parameter>, OptimizerSpec> spec,
      @Nullable DataParallel parallel) {
    this.images = images;
    this.inputShape = inputShape;
    GraphContext train = GraphContext.root(tf, store, true, precision).withParallel(parallel);
    Operand<TFloat32> heatmaps = model.heatmaps(train, model.preprocess(train, images));
    this.heatmapShape = heatmaps.shape();
    this.targets = tf.placeholder(TFloat32.class, Placeholder.shape(heatmapShape));
    this.weights = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape.size(0), heatmapShape.size(3))));
    Operand<TFloat32> loss = model.head().loss().compute(tf, heatmaps, targets, weights);
    this.step = new TrainStep(tf, store, optimizerStore, loss, precision.isMixed(), spec,
        parallel == null ? null : parallel.collectives());
  }

  GraphOptimizer optimizer() {
    return step.optimizer();
  }

  /** See {@link TopdownGraph#trainStep(float[], float[], float[], GraphOptimizer.StepFeed, double)}. */
  TrainStep.Result run(Session session, float[] batchImages, float[] targetHeatmaps, float[] keypointWeights,
      GraphOptimizer.StepFeed feed, double lossScale) {
    try (var x = tensor(inputShape, batchImages);
        var t = tensor(heatmapShape, targetHeatmaps);
        var w = tensor(Shape.of(heatmapShape.size(0), heatmapShape.size(3)), keypointWeights)) {
      return step.run(session.runner().feed(images, x).feed(targets, t).feed(weights, w), feed, lossScale);
    }
  }

  static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values));
  }
}
