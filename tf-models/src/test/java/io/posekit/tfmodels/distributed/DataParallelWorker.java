package io.posekit.tfmodels.distributed;

import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.models.backbones.ResNet;
import io.posekit.tfmodels.models.heads.FinalLayer;
import io.posekit.tfmodels.models.heads.HeatmapHead;
import io.posekit.tfmodels.models.losses.KeypointMSELoss;
import io.posekit.tfmodels.models.heads.TestCfg;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Device;
import io.posekit.tfmodels.nn.GraphOptimizer;
import io.posekit.tfmodels.nn.OptimizerSpec;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.weights.FloatArray;
import io.posekit.tfmodels.weights.StateDict;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One rank of {@link DataParallelTrainingTest}: trains a small ResNet + heatmap head with SGD
 * (momentum, weight decay) on a fixed stream of global batches; with a world of W each rank takes
 * its 1/W of every batch, with {@code cfg.sync_bn} so batch norm sees the whole global batch.
 * Writes the final state dict (sorted names, then floats) to the output file.
 */
public final class DataParallelWorker {
  static final int GLOBAL_BATCH = 4;
  static final int SIZE = 32;
  static final int KEYPOINTS = 17;

  public static void main(String[] args) throws Exception {
    int rank = Integer.parseInt(args[0]);
    int world = Integer.parseInt(args[1]);
    int port = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    Path out = Path.of(args[4]);
    Device device = Device.parse("cpu", "device");
    if (world > 1) {
      TfCluster cluster = TfCluster.start(new DistInfo(rank, world, rank, world), "127.0.0.1", port, Duration.ofSeconds(30));
      device = device.inCluster(cluster, Duration.ofSeconds(60), true);
    }
    int local = GLOBAL_BATCH / world;
    TopdownPoseEstimator model = model();
    try (TopdownGraph graph = model.buildGraph(local, SIZE, SIZE, null, 5, Precision.FLOAT32, device,
        params -> OptimizerSpec.sgd(0.9, 0, false).withWeightDecay(true))) {
      SplittableRandom data = new SplittableRandom(11);
      int image = SIZE * SIZE * 3;
      int heatmap = (int) (graph.heatmapShape().size() / local); // one sample's [H, W, K]
      for (int step = 0; step < steps; step++) {
        float[] images = fill(data, GLOBAL_BATCH * image, 255);
        float[] targets = fill(data, GLOBAL_BATCH * heatmap, 1);
        float[] weights = fill(data, GLOBAL_BATCH * KEYPOINTS, 1);
        var result = graph.trainStep(slice(images, rank, world), slice(targets, rank, world), slice(weights, rank, world),
            new GraphOptimizer.StepFeed(new double[] {0.05}, new double[] {1e-4}, new double[] {0.9}, true, 1), 1.0);
        System.out.println("LOSS " + step + " " + result.loss());
      }
      write(graph.stateDict(), out);
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  static TopdownPoseEstimator model() {
    ResNet backbone = new ResNet(18, 3, 8, 4, 4, new int[] {1, 2, 2, 2}, new int[] {1, 1, 1, 1},
        new int[] {3}, ResNet.Style.PYTORCH, false, false, -1, false, true, null);
    HeatmapHead head = new HeatmapHead(32, KEYPOINTS, new int[] {16}, new int[] {4}, null, null,
        new FinalLayer(1, 0), new KeypointMSELoss(true, false, 1.0),
        Optional.of(new MSRAHeatmap(new int[] {SIZE, SIZE}, new int[] {SIZE / 4, SIZE / 4}, 2.0, false, 11)), null);
    return new TopdownPoseEstimator(backbone, Optional.empty(), head, Map.of(),
        new TestCfg(false, TestCfg.FlipMode.HEATMAP, true, false), Optional.empty(), null);
  }

  private static float[] fill(SplittableRandom random, int n, double scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextDouble(scale);
    }
    return values;
  }

  private static float[] slice(float[] global, int rank, int world) {
    int n = global.length / world;
    float[] part = new float[n];
    System.arraycopy(global, rank * n, part, 0, n);
    return part;
  }

  private static void write(StateDict state, Path out) throws IOException {
    try (DataOutputStream stream = new DataOutputStream(Files.newOutputStream(out))) {
      for (String key : new TreeSet<>(state.keys())) {
        FloatArray values = state.get(key);
        stream.writeUTF(key);
        stream.writeInt(values.values().length);
        for (float v : values.values()) {
          stream.writeFloat(v);
        }
      }
    }
  }
}
