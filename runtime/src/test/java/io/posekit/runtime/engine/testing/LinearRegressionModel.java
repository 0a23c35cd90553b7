package io.posekit.runtime.engine.testing;

import io.posekit.runtime.engine.model.Parameter;
import io.posekit.runtime.engine.model.TrainableModel;
import io.posekit.runtime.engine.randomness.SeededGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * y = w·x + b with squared loss and analytic gradients; a running mean of x as a buffer (like
 * BatchNorm statistics); a random sample drop (like dropout) drawn from the run's global
 * generator, so the RNG state matters for exact resume.
 */
public final class LinearRegressionModel implements TrainableModel<LinearRegressionModel.Batch> {
  public record Batch(float[][] x, float[] y) {}

  private final Parameter weight;
  private final Parameter bias;
  private final Parameter normWeight;
  private final float[] runningMean;
  private final SeededGenerator rng;
  private boolean training = true;

  public LinearRegressionModel(int features, SeededGenerator rng) {
    float[] w = new float[features];
    for (int i = 0; i < features; i++) {
      w[i] = 0.1f * (i + 1);
    }
    this.weight = Parameter.of("fc.weight", new int[] {1, features}, w);
    this.bias = Parameter.of("fc.bias", new int[] {1}, new float[] {0f});
    this.normWeight = new Parameter("norm.weight", new int[] {1}, new float[] {1f}, true, false);
    this.runningMean = new float[features];
    this.rng = rng;
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
  public Map<String, Double> forwardBackward(Batch batch, double lossScale) {
    int n = 0;
    double loss = 0;
    double[] gw = new double[weight.size()];
    double gb = 0;
    double gn = 0;
    for (int k = 0; k < batch.y().length; k++) {
      if (training && rng.nextDouble() < 0.1) {
        continue; // dropped sample
      }
      float[] x = batch.x()[k];
      for (int i = 0; i < x.length; i++) {
        runningMean[i] = 0.9f * runningMean[i] + 0.1f * x[i];
      }
      double pre = bias.data()[0];
      for (int i = 0; i < x.length; i++) {
        pre += weight.data()[i] * x[i];
      }
      double err = pre * normWeight.data()[0] - batch.y()[k];
      loss += err * err;
      for (int i = 0; i < x.length; i++) {
        gw[i] += 2 * err * normWeight.data()[0] * x[i];
      }
      gb += 2 * err * normWeight.data()[0];
      gn += 2 * err * pre;
      n++;
    }
    if (n > 0) {
      for (int i = 0; i < gw.length; i++) {
        weight.grad()[i] += (float) (lossScale * gw[i] / n);
      }
      bias.grad()[0] += (float) (lossScale * gb / n);
      normWeight.grad()[0] += (float) (lossScale * gn / n);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("loss_mse", n == 0 ? 0 : loss / n);
    out.put("acc_pose", n == 0 ? 0 : 1.0 / (1 + loss / n));
    return out;
  }

  @Override
  public List<?> predict(Batch batch) {
    List<Double> out = new ArrayList<>();
    for (float[] x : batch.x()) {
      out.add(predictOne(x));
    }
    return out;
  }
}
