package io.posekit.runtime.pose;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.Provided;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.runtime.engine.Hook;
import io.posekit.runtime.engine.Runner;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.evaluation.Metric;
import io.posekit.tfmodels.fileio.FileIO;
import io.posekit.tfmodels.models.losses.Loss;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.visualization.PoseLocalVisualizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code BadCaseAnalysisHook}: with {@code enable=True}, scores every test sample and keeps
 * the bad ones. {@code metric_type='loss'} builds {@code metric} from MODELS (a keypoint loss, by
 * default {@code KeypointMSELoss}) and applies it to the predicted and ground-truth keypoint
 * coordinates with the visibilities as weights: a sample is bad when the loss is at least
 * {@code badcase_thr}. {@code metric_type='accuracy'} builds {@code metric} from METRICS, evaluates
 * it on the sample alone and reads {@code metric_key}: bad when at most {@code badcase_thr}. A bad
 * case is drawn (ground truth in blue, prediction in red) to the visualizer's backends and, with
 * {@code out_dir}, to {@code <work_dir>/<timestamp>/<out_dir>/<image>_bbox[...]_<metric><value>.png};
 * after the test {@code results.json} there lists every bad case with its image, boxes and value.
 */
@RegisterModule(registry = Registries.HOOKS, scope = "mmpose")
public final class BadCaseAnalysisHook implements Hook {
  private final PoseLocalVisualizer visualizer;
  private final DatasetMeta datasetMeta;
  private final boolean enable;
  private final double kptThr;
  private final @Nullable String outDir;
  private final @Nullable Map<String, Object> backendArgs;
  private final boolean lossMetric;
  private final @Nullable Loss loss;
  private final @Nullable Metric metric;
  private final String metricName;
  private final String metricKey;
  private final double badcaseThr;
  private final List<Map<String, Object>> results = new ArrayList<>();
  private int testIndex;

  public BadCaseAnalysisHook(
      @Provided PoseLocalVisualizer visualizer,
      @Provided DatasetMeta datasetMeta,
      @Provided("registry") Registry modules,
      @Param(defaultValue = "False") boolean enable,
      @Param(defaultValue = "False") boolean show,
      @Param(defaultValue = "0.0") double waitTime,
      @Param(defaultValue = "50") int interval,
      @Param(defaultValue = "0.3") double kptThr,
      @Param(defaultValue = "None") @Nullable String outDir,
      @Param(defaultValue = "None") @Nullable Map<String, Object> backendArgs,
      @Param(defaultValue = "'loss'") String metricType,
      @Param(defaultValue = "dict(type='KeypointMSELoss')") Map<String, Object> metric,
      @Param(defaultValue = "'PCK'") String metricKey,
      @Param(defaultValue = "5") double badcaseThr) {
    if (show) {
      throw new IllegalArgumentException("BadCaseAnalysisHook.show=True needs a window, and PoseKit runs headless: set out_dir instead");
    }
    if (!metricType.equals("loss") && !metricType.equals("accuracy")) {
      throw new IllegalArgumentException("BadCaseAnalysisHook.metric_type: '" + metricType + "' is not supported, use 'loss' or 'accuracy'");
    }
    FileIO.checkBackendArgs(backendArgs, "BadCaseAnalysisHook");
    this.backendArgs = backendArgs;
    this.visualizer = visualizer;
    this.datasetMeta = datasetMeta;
    this.enable = enable;
    this.kptThr = kptThr;
    this.outDir = outDir;
    this.lossMetric = metricType.equals("loss");
    this.loss = lossMetric ? (Loss) modules.build(Registries.MODELS, metric, BuildContext.empty()) : null;
    this.metric = lossMetric ? null
        : (Metric) modules.build(Registries.METRICS, metric, BuildContext.of(Map.of("dataset_meta", datasetMeta)));
    this.metricName = lossMetric ? String.valueOf(metric.get("type")) : metricKey;
    this.metricKey = metricKey;
    this.badcaseThr = badcaseThr;
  }

  /** The bad cases found so far: {@code img}, {@code bbox} and the metric's value, as in {@code results.json}. */
  public List<Map<String, Object>> results() {
    return results;
  }

  /** The metric's value for one sample. */
  double score(PoseDataSample sample) {
    if (lossMetric) {
      return coordinateLoss(sample);
    }
    metric.process(List.of(sample));
    Double value = metric.computeMetrics().get(metricKey);
    if (value == null) {
      throw new IllegalArgumentException("BadCaseAnalysisHook.metric_key: the metric has no '" + metricKey + "'");
    }
    return value;
  }

  boolean isBadCase(double value) {
    return lossMetric ? value >= badcaseThr : value <= badcaseThr;
  }

  /** The loss on coordinates laid out as a 1x2 "heatmap" per keypoint: {@code [1, 1, 2, K]}, weights {@code [1, K]}. */
  private double coordinateLoss(PoseDataSample sample) {
    double[][] pred = sample.predInstances().keypoints()[0];
    double[][] gt = sample.gtInstances().keypoints()[0];
    double[] visible = sample.gtInstances().keypointsVisible()[0];
    int k = pred.length;
    float[] p = new float[2 * k];
    float[] g = new float[2 * k];
    float[] w = new float[k];
    for (int j = 0; j < k; j++) {
      for (int c = 0; c < 2; c++) {
        p[c * k + j] = (float) pred[j][c];
        g[c * k + j] = (float) gt[j][c];
      }
      w[j] = (float) visible[j];
    }
    OneDnn.enable();
    try (EagerSession session = EagerSession.create()) {
      Ops tf = Ops.create(session);
      var dims = tf.constant(new long[] {1, 1, 2, k});
      Operand<TFloat32> value = loss.compute(tf, tf.reshape(tf.constant(p), dims), tf.reshape(tf.constant(g), dims),
          tf.reshape(tf.constant(w), tf.constant(new long[] {1, k})));
      try (TFloat32 t = value.asTensor()) {
        return t.getFloat();
      }
    }
  }

  @Override
  public void afterTestIter(Runner runner, int batchIdx, Object batch, List<?> outputs) {
    if (!enable) {
      return;
    }
    visualizer.setDatasetMeta(datasetMeta);
    for (Object output : outputs) {
      PoseDataSample sample = (PoseDataSample) output;
      testIndex++;
      double value = score(sample);
      if (!isBadCase(value)) {
        continue;
      }
      List<List<Integer>> boxes = boxes(sample);
      String name = SampleImages.stem(sample) + "_bbox" + boxes + "_" + metricName + Math.round(value * 100) / 100.0;
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("img", SampleImages.stem(sample));
      result.put("bbox", boxes);
      result.put(metricName, value);
      results.add(result);

      BufferedImage image = SampleImages.read(sample, backendArgs);
      visualizer.setColors("blue", "blue");
      BufferedImage gtDrawn = visualizer.addDatasample("test_img", image, sample, true, false, false, kptThr, null, testIndex);
      visualizer.setColors("red", "red");
      Path outFile = outDir == null ? null : runner.logDir().resolve(outDir).resolve(name + ".png");
      visualizer.addDatasample("test_img", gtDrawn, sample, false, true, true, kptThr, outFile, testIndex);
    }
  }

  private static List<List<Integer>> boxes(PoseDataSample sample) {
    List<List<Integer>> out = new ArrayList<>();
    double[][] bboxes = sample.gtInstances().bboxes();
    if (bboxes != null) {
      for (double[] b : bboxes) {
        List<Integer> box = new ArrayList<>();
        for (double v : b) {
          box.add((int) v); // numpy's astype(int) truncates
        }
        out.add(box);
      }
    }
    return out;
  }

  @Override
  public void afterTestEpoch(Runner runner, Map<String, Double> metrics) {
    if (!enable || results.isEmpty() || outDir == null) {
      return;
    }
    Path file = runner.logDir().resolve(outDir).resolve("results.json");
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
    } catch (IOException e) {
      throw new UncheckedIOException("BadCaseAnalysisHook: cannot write " + file, e);
    }
  }
}
