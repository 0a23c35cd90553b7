package io.posekit.runtime.engine.testing;

import io.posekit.runtime.engine.model.TrainableModel;
import io.posekit.runtime.engine.optim.OptimWrapper;
import io.posekit.runtime.engine.optim.Parameter;
import io.posekit.runtime.engine.randomness.SeededGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * y = (w·x + b) * n with the mean squared loss, trained in a {@link TinyGraph} as the real models
 * train; a running mean of x as a buffer (like BatchNorm statistics); a random sample drop (like
 * dropout) drawn from the run's global generator, so the RNG state matters for exact resume.
 */
public final class LinearRegressionModel implements TrainableModel<LinearRegressionModel.Batch>, AutoCloseable {
  public record Batch(float[][] x, float[] y) {}

  private final int features;
  private final Parameter weight;
  private final Parameter bias;
  private final Parameter normWeight;
  private final float[] runningMean;
  private final SeededGenerator rng;
  private final TinyGraph graph;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> y;
  private final Placeholder<TFloat32> keep;
  private final Operand<TFloat32> loss;
  private boolean training = true;

  public LinearRegressionModel(int features, SeededGenerator rng) {
    this.features = features;
    float[] w = new float[features];
    for (int i = 0; i < features; i++) {
      w[i] = 0.1f * (i + 1);
    }
    this.weight = Parameter.of("fc.weight", new int[] {1, features}, w);
    this.bias = Parameter.of("fc.bias", new int[] {1}, new float[] {0f});
    this.normWeight = new Parameter("norm.weight", new int[] {1}, new float[] {1f}, true, false);
    this.runningMean = new float[features];
    this.rng = rng;
    this.graph = new TinyGraph(List.of(weight, bias, normWeight));
    Ops tf = graph.tf();
    this.x = graph.input(-1, features);
    this.y = graph.input(-1);
    this.keep = graph.input(-1);
    var pre = tf.math.add(tf.reshape(tf.linalg.matMul(x, graph.variable("fc.weight"), org.tensorflow.op.linalg.MatMul.transposeB(true)),
        tf.constant(new int[] {-1})), graph.variable("fc.bias"));
    var err = tf.math.sub(tf.math.mul(pre, graph.variable("norm.weight")), y);
    var kept = tf.reduceSum(keep, tf.constant(0));
    // the mean over kept samples (0 when every sample was dropped)
    this.loss = tf.math.div(tf.reduceSum(tf.math.mul(keep, tf.math.square(err)), tf.constant(0)),
        tf.math.maximum(kept, tf.constant(1f)));
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weight, bias, normWeight);
  }

  @Override
  public Map<String, float[]> buffers() {
    return Map.of("norm.running_mean", runningMean);
  }

  @Override
  public void setTraining(boolean training) {
    this.training = training;
  }

  private double predictOne(float[] x) {
    double s = bias.data()[0];
    for (int i = 0; i < x.length; i++) {
      s += weight.data()[i] * x[i];
    }
    return s * normWeight.data()[0];
  }

  @Override
  public Map<String, Double> trainStep(Batch batch, OptimWrapper optimWrapper) {
    graph.build(loss, optimWrapper);
    int size = batch.y().length;
    float[] mask = new float[size];
    float[] flat = new float[size * features];
    int n = 0;
    for (int k = 0; k < size; k++) {
      System.arraycopy(batch.x()[k], 0, flat, k * features, features);
      if (training && rng.nextDouble() < 0.1) {
        continue; // dropped sample
      }
      mask[k] = 1;
      n++;
      for (int i = 0; i < features; i++) {
        runningMean[i] = 0.9f * runningMean[i] + 0.1f * batch.x()[k][i];
      }
    }
    boolean any = n > 0;
    Map<Placeholder<TFloat32>, float[]> inputs = new LinkedHashMap<>();
    inputs.put(x, flat);
    inputs.put(y, batch.y().clone());
    inputs.put(keep, mask);
    return graph.trainStep(optimWrapper, inputs, "loss_mse", r -> Map.of("acc_pose", any ? 1.0 / (1 + r.loss()) : 0.0));
  }

  @Override
  public List<?> predict(Batch batch) {
    List<Double> out = new ArrayList<>();
    for (float[] x : batch.x()) {
      out.add(predictOne(x));
    }
    return out;
  }

  @Override
  public void close() {
    graph.close();
  }
}
