package io.posekit.tfmodels.demo;

import io.posekit.tfmodels.datasets.CocoDataset;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.datasets.DataMode;
import io.posekit.tfmodels.datasets.DataPrefix;
import io.posekit.tfmodels.datasets.DefaultSampler;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.GetBBoxCenterScale;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.PackPoseInputs;
import io.posekit.tfmodels.transforms.RandomBBoxTransform;
import io.posekit.tfmodels.transforms.RandomFlip;
import io.posekit.tfmodels.transforms.RandomHalfBody;
import io.posekit.tfmodels.transforms.TopdownAffine;
import io.posekit.tfmodels.transforms.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples per second of MMPose's COCO top-down train pipeline (LoadImage, GetBBoxCenterScale,
 * RandomFlip, RandomHalfBody, RandomBBoxTransform, TopdownAffine 256 x 192, PackPoseInputs; no
 * target encoding yet) on synthetic 640 x 480 JPEGs, through the {@link DataLoader} with each
 * worker count given. Usage:
 * {@code PipelineBenchmark [DATA_DIR] [images=300] [epochs=3] [workers=0,1,2] [batch=32]}; the data
 * is generated into DATA_DIR when its annotation file is missing. The first epoch is warm-up.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  static List<Transform> trainPipeline() {
    return List.of(
        new LoadImage(false),
        new GetBBoxCenterScale(1.25),
        new RandomFlip(0.5, "horizontal"),
        new RandomHalfBody(9, 2, 3, 1.5, 0.3, 0.7),
        new RandomBBoxTransform(0.16, 0.3, new double[] {0.5, 1.5}, 1.0, 80.0, 0.6),
        new TopdownAffine(new int[] {192, 256}, false),
        new PackPoseInputs(
            new String[] {"id", "img_id", "img_path", "category_id", "ori_shape", "img_shape", "input_size",
              "input_center", "input_scale", "flip", "flip_direction", "flip_indices", "raw_ann_info", "dataset_name"}));
  }

  /** One serial pass with each transform timed on its own: where a sample's time goes. */
  static void stageTimes(CocoDataset data, List<Transform> pipeline) {
    long[] nanos = new long[pipeline.size()];
    int n = data.size();
    for (int i = 0; i < n; i++) {
      PoseSample s = data.getDataInfo(i);
      java.util.SplittableRandom rng = new java.util.SplittableRandom(i);
      for (int t = 0; t < pipeline.size() && s != null; t++) {
        long t0 = System.nanoTime();
        s = pipeline.get(t).transform(s, rng);
        nanos[t] += System.nanoTime() - t0;
      }
    }
    long total = java.util.Arrays.stream(nanos).sum();
    StringBuilder b = new StringBuilder("per-sample time by step (serial, " + n + " samples):");
    for (int t = 0; t < pipeline.size(); t++) {
      b.append(String.format(
          "%n  %-20s %6.2f ms  %4.1f%%", pipeline.get(t).getClass().getSimpleName(), nanos[t] / 1e6 / n,
          100.0 * nanos[t] / total));
    }
    System.out.println(b);
  }

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("posekit-bench");
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String[] workerCounts = (args.length > 3 ? args[3] : "0,1,2").split(",");
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    if (!Files.exists(dir.resolve("annotations/person_keypoints_train2017.json"))) {
      long t0 = System.nanoTime();
      SyntheticCocoGenerator.generate(
          SyntheticCocoGenerator.Options.defaults(dir).withCounts(images, 0).withImageSize(640, 480));
      System.out.printf("generated %d images of 640 x 480 in %.1f s under %s%n", images, (System.nanoTime() - t0) / 1e9, dir);
    }
    CocoDataset data =
        new CocoDataset(
            "annotations/person_keypoints_train2017.json", null, DataMode.TOPDOWN, null, dir.toString(),
            new DataPrefix("train2017/"), null, null, trainPipeline(), false, false, 1000, 1);
    System.out.printf(
        "%d person instances; %d CPUs; java %s%n", data.size(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    stageTimes(data, trainPipeline());
    for (String w : workerCounts) {
      int workers = Integer.parseInt(w.trim());
      try (DataLoader loader =
          new DataLoader(data, new DefaultSampler(data, true, 0, true), batch, workers, workers > 0, false, 0)) {
        for (int epoch = 0; epoch < epochs; epoch++) {
          loader.setEpoch(epoch);
          long t0 = System.nanoTime();
          long n = 0;
          long checksum = 0;
          for (List<PoseSample> b : loader) {
            n += b.size();
            checksum += b.get(0).inputs.data()[0];
          }
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf(
              "workers=%d epoch=%d%s: %d samples in %.2f s = %.1f samples/s (checksum %d)%n", workers, epoch,
              epoch == 0 ? " (warm-up)" : "", n, s, n / s, checksum);
        }
      }
    }
  }
}
