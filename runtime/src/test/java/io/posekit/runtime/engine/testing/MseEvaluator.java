package io.posekit.runtime.engine.testing;

import io.posekit.runtime.engine.model.Evaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports {@code coco/AP = 1 / (1 + mse)} (higher is better) and {@code reg/mse}. */
public final class MseEvaluator implements Evaluator<LinearRegressionModel.Batch> {
  private double sum;
  private int n;

  @Override
  public void process(LinearRegressionModel.Batch batch, List<?> predictions) {
    for (int k = 0; k < batch.y().length; k++) {
      double err = (Double) predictions.get(k) - batch.y()[k];
      sum += err * err;
      n++;
    }
  }

  @Override
  public Map<String, Double> evaluate(int size) {
    if (n != size) {
      throw new IllegalStateException("evaluated " + n + " samples, expected " + size);
    }
    double mse = sum / n;
    sum = 0;
    n = 0;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("coco/AP", 1 / (1 + mse));
    m.put("reg/mse", mse);
    return m;
  }
}
