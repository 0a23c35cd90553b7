package io.posekit.benchmarks;

import io.posekit.runtime.config.Config;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.codecs.EncodedTargets;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.OneDnn;
import io.posekit.tfmodels.nn.Precision;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Model-only throughput of top-down models of MMPose's COCO 256x192 configs (the heatmap models
 * and RTMPose-m): inference (forward, no flip test) and a training step (forward, backward, Adam)
 * in img/s; {@code gau} times RTMPose-m's GAU block alone (ms per forward).
 * The models are built the way a user builds them: from the config's {@code model} dict through
 * the registry. Each image costs a fixed number of FLOPs, so img/s also gives GFLOP/s.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.posekit.benchmarks.ModelThroughput
 * [hrnet-w32|res50|rtmpose-m|gau|vitpose-b] [batch] [warm-up steps] [timed steps] [float32|bfloat16|float16] [infer|train|both|dump]}
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

  /**
   * The {@code codec} and {@code model} of rtmpose-m_8xb256-420e_coco-256x192.py (no init_cfg: no
   * download here; SyncBN is BN on one process).
   */
  static final String RTMPOSE_M = """
      codec = dict(type='SimCCLabel', input_size=(192, 256), sigma=(4.9, 5.66), simcc_split_ratio=2.0,
                   normalize=False, use_dark=False)
      model = dict(
          type='TopdownPoseEstimator',
          data_preprocessor=dict(type='PoseDataPreprocessor', mean=[123.675, 116.28, 103.53],
                                 std=[58.395, 57.12, 57.375], bgr_to_rgb=True),
          backbone=dict(_scope_='mmdet', type='CSPNeXt', arch='P5', expand_ratio=0.5, deepen_factor=0.67,
                        widen_factor=0.75, out_indices=(4, ), channel_attention=True,
                        norm_cfg=dict(type='SyncBN'), act_cfg=dict(type='SiLU')),
          head=dict(type='RTMCCHead', in_channels=768, out_channels=17, input_size=codec['input_size'],
                    in_featuremap_size=(6, 8), simcc_split_ratio=codec['simcc_split_ratio'],
                    final_layer_kernel_size=7,
                    gau_cfg=dict(hidden_dims=256, s=128, expansion_factor=2, dropout_rate=0., drop_path=0.,
                                 act_fn='SiLU', use_rel_bias=False, pos_enc=False),
                    loss=dict(type='KLDiscretLoss', use_target_weight=True, beta=10., label_softmax=True),
                    decoder=codec),
          test_cfg=dict(flip_test=False))
      """;

  /**
   * The {@code model} of td-hm_ViTPose-base_8xb64-210e_coco-256x192.py (no init_cfg): MMPretrain's
   * ViT-B in the mmpretrain scope and the classic two-deconvolution decoder.
   */
  static final String VITPOSE_B = """
      codec = dict(type='UDPHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)
      model = dict(
          type='TopdownPoseEstimator',
          data_preprocessor=dict(type='PoseDataPreprocessor', mean=[123.675, 116.28, 103.53],
                                 std=[58.395, 57.12, 57.375], bgr_to_rgb=True),
          backbone=dict(type='mmpretrain.VisionTransformer', arch='base', img_size=(256, 192), patch_size=16,
                        qkv_bias=True, drop_path_rate=0.3, with_cls_token=False, out_type='featmap',
                        patch_cfg=dict(padding=2)),
          head=dict(type='HeatmapHead', in_channels=768, out_channels=17, deconv_out_channels=(256, 256),
                    deconv_kernel_sizes=(4, 4), loss=dict(type='KeypointMSELoss', use_target_weight=True),
                    decoder=codec),
          test_cfg=dict(flip_test=False, flip_mode='heatmap', shift_heatmap=False))
      """;

  /** Forward GFLOPs per 256x192 image (multiply-adds x 2), as MMPose's model zoo (ViTPose: its paper) lists them. */
  private static final Map<String, Double> GFLOP = Map.of("hrnet-w32", 2 * 7.1, "res50", 2 * 5.46, "rtmpose-m", 2 * 1.93,
      "vitpose-b", 2 * 17.1);

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
      case "rtmpose-m" -> RTMPOSE_M;
      case "vitpose-b" -> VITPOSE_B;
      case "gau" -> null;
      default -> throw new IllegalArgumentException("unknown model '" + name + "': hrnet-w32, res50, rtmpose-m, vitpose-b or gau");
    };
    if (name.equals("gau")) {
      gauThroughput(batch, warmup, steps);
      return;
    }
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
    float[][] keypoints = new float[17][2];
    for (int k = 0; k < 17; k++) {
      keypoints[k] = new float[] {20 + 9 * k, 30 + 12 * k};
    }
    // every sample the same encoded targets, stacked over the batch as PoseBatch does
    EncodedTargets encoded = model.head().decoder().orElseThrow().encode(keypoints, null);
    Map<String, float[]> targets = new java.util.LinkedHashMap<>();
    encoded.fields().forEach((field, value) -> {
      float[] stacked = new float[batch * value.data().length];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(value.data(), 0, stacked, b * value.data().length, value.data().length);
      }
      targets.put(field, stacked);
    });

    if (which.equals("dump")) {
      try (TopdownGraph graph = model.buildInferenceGraph(batch, 256, 192, COCO_FLIP_INDICES, 0, precision)) {
        BareGraphThroughput.printOpCounts(graph.predictionRunMetadata(images));
      }
      return;
    }
    if (!which.equals("train")) {
      try (TopdownGraph graph = model.buildInferenceGraph(batch, 256, 192, COCO_FLIP_INDICES, 0, precision)) {
        // every output of the head (SimCC's x and y), in the layout the codec decodes
        report(name, "inference", batch, warmup, steps, () -> graph.predictOutputs(images));
      }
    }
    if (!which.equals("infer")) {
      double lossScale = precision.isMixed() ? 65536.0 : 1.0;
      try (TopdownGraph graph = model.buildGraph(batch, 256, 192, COCO_FLIP_INDICES, 0, precision)) {
        report(name, "train step", batch, warmup, steps, () -> graph.trainStep(images, targets, 5e-4, lossScale));
      }
    }
  }

  /**
   * RTMPose-m's GAU ({@code RTMCCBlock(17, 256, 256, s=128, expansion 2, SiLU)}) alone, on
   * {@code [batch, 17, 256]} tokens: eval-mode forward time per call (the head's per-layer figure).
   */
  private static void gauThroughput(int batch, int warmup, int steps) {
    var gau = new io.posekit.tfmodels.models.layers.RTMCCBlock(17, 256, 256, 2, 128, 1e-5, 0, 0, "SiLU", false, false, false);
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      var tf = org.tensorflow.op.Ops.create(g);
      var store = new io.posekit.tfmodels.nn.ParameterStore(0);
      var x = tf.placeholder(org.tensorflow.types.TFloat32.class,
          org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(batch, 17, 256)));
      var y = gau.apply(io.posekit.tfmodels.nn.GraphContext.root(tf, store, false).child("gau"), x);
      float[] tokens = new float[batch * 17 * 256];
      SplittableRandom random = new SplittableRandom(0);
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = (float) random.nextGaussian();
      }
      try (var session = new org.tensorflow.Session(g);
          var in = org.tensorflow.types.TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(batch, 17, 256),
              org.tensorflow.ndarray.buffer.DataBuffers.of(tokens))) {
        session.initialize();
        Runnable step = () -> {
          try (var r = session.runner().feed(x, in).fetch(y).run()) {
            r.get(0);
          }
        };
        for (int i = 0; i < warmup; i++) {
          step.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
          step.run();
        }
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        System.out.printf(Locale.ROOT, "gau (RTMPose-m's RTMCCBlock, %,d parameters) batch %d: %.3f ms per forward%n",
            gau.parameterCount(), batch, ms);
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
