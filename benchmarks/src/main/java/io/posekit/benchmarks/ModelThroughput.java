package io.posekit.benchmarks;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.nn.Precision;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Model-only throughput of the top-down heatmap models of MMPose's COCO 256x192 configs:
 * inference (forward, no flip test) and a training step (forward, backward, Adam) in img/s.
 * The models are built the way a user builds them: from the config's {@code model} dict through
 * the registry. Each image costs a fixed number of FLOPs, so img/s also gives GFLOP/s.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.posekit.benchmarks.ModelThroughput
 * [hrnet-w32|res50] [batch] [warm-up steps] [timed steps] [float32|bfloat16|float16] [infer|train|both|dump]}
 * (the precision is MMEngine's AmpOptimWrapper dtype; mixed-precision training steps use a loss
 * scale of 2^16, GradScaler's initial one); {@code dump} prints the op types of the inference graph
 * TensorFlow executed, after Grappler's and oneDNN's rewrites)
 */
public final class ModelThroughput {
  /** The {@code codec} and {@code model} of td-hm_hrnet-w32_8xb64-210e_coco-256x192.py (no init_cfg: no download here). */
  static final String HRNET_W32 = """
      codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)
      model = dict(
          type='TopdownPoseEstimator',
          data_preprocessor=dict(type='PoseDataPreprocessor', mean=[123.675, 116.28, 103.53],
                                 std=[58.395, 57.12, 57.375], bgr_to_rgb=True),
          backbone=dict(
              type='HRNet',
              in_channels=3,
              extra=dict(
                  stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(4, ), num_channels=(64, )),
                  stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(4, 4), num_channels=(32, 64)),
                  stage3=dict(num_modules=4, num_branches=3, block='BASIC', num_blocks=(4, 4, 4), num_channels=(32, 64, 128)),
                  stage4=dict(num_modules=3, num_branches=4, block='BASIC', num_blocks=(4, 4, 4, 4),
                              num_channels=(32, 64, 128, 256)))),
          head=dict(type='HeatmapHead', in_channels=32, out_channels=17, deconv_out_channels=None,
                    loss=dict(type='KeypointMSELoss', use_target_weight=True), decoder=codec),
          test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=True))
      """;

  /** The {@code codec} and {@code model} of td-hm_res50_8xb64-210e_coco-256x192.py (no init_cfg). */
  static final String RES50 = """
      codec = dict(type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)
      model = dict(
          type='TopdownPoseEstimator',
          data_preprocessor=dict(type='PoseDataPreprocessor', mean=[123.675, 116.28, 103.53],
                                 std=[58.395, 57.12, 57.375], bgr_to_rgb=True),
          backbone=dict(type='ResNet', depth=50),
          head=dict(type='HeatmapHead', in_channels=2048, out_channels=17,
                    loss=dict(type='KeypointMSELoss', use_target_weight=True), decoder=codec),
          test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=True))
      """;

  /** Forward GFLOPs per 256x192 image (multiply-adds x 2), as MMPose's model zoo lists them. */
  private static final Map<String, Double> GFLOP = Map.of("hrnet-w32", 2 * 7.1, "res50", 2 * 5.46);

  private static final int[] COCO_FLIP_INDICES = {0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15};

  public static void main(String[] args) {
    OneDnn.enable(); // before TensorFlow loads, as the runtime does
    String name = args.length > 0 ? args[0] : "hrnet-w32";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int steps = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Precision precision = Precision.fromDtype(args.length > 4 ? args[4] : "float32", "precision argument");
    String which = args.length > 5 ? args[5] : "both";
    String text = switch (name) {
      case "hrnet-w32" -> HRNET_W32;
      case "res50" -> RES50;
      default -> throw new IllegalArgumentException("unknown model '" + name + "': hrnet-w32 or res50");
    };
    Registry registry = Registry.load().withDefaultScope("mmpose");
    Config config = Config.fromString(text, "py");
    TopdownPoseEstimator model = (TopdownPoseEstimator) registry.build(
        "MODELS", (Map<?, ?>) config.get("model"), BuildContext.empty());
    System.out.printf(Locale.ROOT, "%s: %,d parameters, batch %d, 256x192, %s, %d warm-up + %d timed steps%n",
        name, model.parameterCount(), batch, precision.dtype(), warmup, steps);

    float[] images = new float[batch * 256 * 192 * 3];
    SplittableRandom random = new SplittableRandom(0);
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble(255.0);
    }
    MSRAHeatmap codec = new MSRAHeatmap(new int[] {192, 256}, new int[] {48, 64}, 2.0, false, 11);
    float[] targets = new float[batch * 64 * 48 * 17];
    float[] weights = new float[batch * 17];
    float[][] keypoints = new float[17][2];
    for (int k = 0; k < 17; k++) {
      keypoints[k] = new float[] {20 + 9 * k, 30 + 12 * k};
    }
    EncodedTargets encoded = codec.encode(keypoints, null);
    float[] chw = encoded.heatmaps().data();
    for (int b = 0; b < batch; b++) {
      for (int k = 0; k < 17; k++) {
        weights[b * 17 + k] = encoded.keypointWeights()[k];
        for (int p = 0; p < 64 * 48; p++) {
          targets[(b * 64 * 48 + p) * 17 + k] = chw[k * 64 * 48 + p];
        }
      }
    }

    if (which.equals("dump")) {
      try (TopdownGraph graph = model.buildInferenceGraph(batch, 256, 192, COCO_FLIP_INDICES, 0, precision)) {
        BareGraphThroughput.printOpCounts(graph.predictionRunMetadata(images));
      }
      return;
    }
    if (!which.equals("train")) {
      try (TopdownGraph graph = model.buildInferenceGraph(batch, 256, 192, COCO_FLIP_INDICES, 0, precision)) {
        report(name, "inference", batch, warmup, steps, () -> graph.predictHeatmaps(images));
      }
    }
    if (!which.equals("infer")) {
      double lossScale = precision.isMixed() ? 65536.0 : 1.0;
      try (TopdownGraph graph = model.buildGraph(batch, 256, 192, COCO_FLIP_INDICES, 0, precision)) {
        report(name, "train step", batch, warmup, steps, () -> graph.trainStep(images, targets, weights, 5e-4, lossScale));
      }
    }
  }

  private static void report(String name, String what, int batch, int warmup, int steps, Runnable step) {
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      step.run();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    double imgPerSecond = batch * steps / seconds;
    // a training step costs about three forwards (forward, input and weight gradients)
    double flopPerImage = GFLOP.get(name) * (what.equals("inference") ? 1 : 3);
    System.out.printf(Locale.ROOT, "%s %s: %.2f img/s (%.1f GFLOP/s); %.2f img per CPU-second%n",
        name, what, imgPerSecond, imgPerSecond * flopPerImage, batch * steps / cpuSeconds);
  }

  /**
   * CPU time of the whole process (all TensorFlow threads). On a shared machine wall-clock img/s
   * depends on what else runs; images per CPU-second much less so, which makes it the figure to
   * compare A/B variants by when the machine is busy (it still counts threads spinning for work).
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
