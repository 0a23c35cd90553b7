package io.posekit.tfmodels.models.poseestimators;

import io.posekit.tfmodels.models.heads.TargetInputs;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Parameter;
import io.posekit.tfmodels.nn.ParameterStore;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.nn.TrainStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * loss against the codec fields it asks for (one placeholder each, fed from the batch), then the
 * {@link TrainStep} (gradients, optimizer, BN statistic updates).
 */
final class TopdownTrainStep {
  private final Placeholder<TFloat32> images;
  private final Shape inputShape;
  private final Map<String, Placeholder<TFloat32>> targets = new LinkedHashMap<>();
  private final TrainStep step;

  TopdownTrainStep(Ops tf, TopdownPoseEstimator model, ParameterStore store, ParameterStore optimizerStore,
      Placeholder<TFloat32> images, Shape inputShape, Precision precision, Function<List<Parameter>, OptimizerSpec> spec) {
    this.images = images;
    this.inputShape = inputShape;
    GraphContext train = GraphContext.root(tf, store, true, precision);
    List<Operand<TFloat32>> outputs = model.forward(train, model.preprocess(train, images));
    TargetInputs inputs = (name, shape) -> {
      Placeholder<TFloat32> p = targets.computeIfAbsent(name, n -> tf.withName("target_" + n).placeholder(TFloat32.class,
          Placeholder.shape(shape)));
      if (!p.shape().equals(shape)) {
        throw new IllegalArgumentException("target '" + name + "' asked for as " + shape + " and as " + p.shape());
      }
      return p;
    };
    Operand<TFloat32> loss = model.head().loss(train, outputs, inputs);
    this.step = new TrainStep(tf, store, optimizerStore, loss, precision.isMixed(), spec);
  }

  GraphOptimizer optimizer() {
    return step.optimizer();
  }

  /** The codec fields the head's loss reads, with their batch shapes (MMPose's layout, batch first). */
  Map<String, Shape> targetShapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    targets.forEach((name, p) -> shapes.put(name, p.shape()));
    return Collections.unmodifiableMap(shapes);
  }

  /** See {@link TopdownGraph#trainStep(float[], Map, GraphOptimizer.StepFeed, double)}. */
  TrainStep.Result run(Session session, float[] batchImages, Map<String, float[]> batchTargets,
      GraphOptimizer.StepFeed feed, double lossScale) {
    List<TFloat32> tensors = new ArrayList<>();
    try {
      TFloat32 x = tensor(inputShape, batchImages);
      tensors.add(x);
      Session.Runner runner = session.runner().feed(images, x);
      for (Map.Entry<String, Placeholder<TFloat32>> t : targets.entrySet()) {
        float[] values = batchTargets.get(t.getKey());
        if (values == null) {
          throw new IllegalArgumentException("the head's loss needs the target '" + t.getKey() + "', the batch has "
              + batchTargets.keySet());
        }
        if (values.length != t.getValue().shape().size()) {
          throw new IllegalArgumentException("target '" + t.getKey() + "' has " + values.length + " values, the graph takes "
              + t.getValue().shape());
        }
        TFloat32 v = tensor(t.getValue().shape(), values);
        tensors.add(v);
        runner.feed(t.getValue(), v);
      }
      return step.run(runner, feed, lossScale);
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values));
  }
}
