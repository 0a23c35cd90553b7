package io.posekit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.evaluation.CocoMetric;
import io.posekit.tfmodels.evaluation.NmsMode;
import io.posekit.tfmodels.evaluation.ScoreMode;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseDataSample.GtInstances;
import io.posekit.tfmodels.structures.PoseDataSample.PredInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Time of {@link CocoMetric} (process, rescoring, OKS NMS, results file, COCO evaluation) for
 * {@code instances} predicted people over {@code images} images with as many ground-truth people,
 * predictions being the ground truth plus noise. Usage:
 * {@code CocoMetricBenchmark [instances=10000] [images=4000] [repeats=5]}; the first run is warm-up.
 */
public final class CocoMetricBenchmark {
  private static final int K = 17;

  private CocoMetricBenchmark() {}

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir = Files.createTempDirectory("posekit-cocometric");
    SplittableRandom rnd = new SplittableRandom(0);
    List<Map<String, Object>> imgs = new ArrayList<>();
    for (int i = 1; i <= images; i++) {
      imgs.add(Map.of("id", i, "file_name", i + ".jpg", "width", 640, "height", 480));
    }
    List<Map<String, Object>> anns = new ArrayList<>();
    List<PoseDataSample> samples = new ArrayList<>();
    for (int a = 1; a <= instances; a++) {
      int img = 1 + (a - 1) % images;
      double w = 40 + rnd.nextDouble() * 200, h = 80 + rnd.nextDouble() * 300;
      double x = rnd.nextDouble() * (640 - w), y = rnd.nextDouble() * (480 - h);
      List<Double> flat = new ArrayList<>();
      double[][][] pred = new double[1][K][2];
      double[][] scores = new double[1][K];
      int labelled = 0;
      for (int k = 0; k < K; k++) {
        double px = x + rnd.nextDouble() * w, py = y + rnd.nextDouble() * h;
        int v = rnd.nextInt(10) == 0 ? 0 : 2;
        flat.add(v == 0 ? 0.0 : px);
        flat.add(v == 0 ? 0.0 : py);
        flat.add((double) v);
        labelled += v > 0 ? 1 : 0;
        pred[0][k][0] = px + rnd.nextGaussian() * w * 0.03;
        pred[0][k][1] = py + rnd.nextGaussian() * h * 0.03;
        scores[0][k] = 0.3 + 0.7 * rnd.nextDouble();
      }
      Map<String, Object> ann = new LinkedHashMap<>();
      ann.put("id", a);
      ann.put("image_id", img);
      ann.put("category_id", 1);
      ann.put("bbox", List.of(x, y, w, h));
      ann.put("area", w * h * 0.6);
      ann.put("iscrowd", 0);
      ann.put("keypoints", flat);
      ann.put("num_keypoints", labelled);
      anns.add(ann);
      samples.add(
          new PoseDataSample(
              Map.of("id", (long) a, "img_id", (long) img, "category_id", 1, "ori_shape", new int[] {480, 640}),
              new GtInstances(null, new double[] {0.9 + 0.1 * rnd.nextDouble()}, new double[][] {{w * 1.25, h * 1.25}},
                  null, null),
              new PredInstances(pred, scores, null, null)));
    }
    Map<String, Object> gt = new LinkedHashMap<>();
    gt.put("images", imgs);
    gt.put("annotations", anns);
    gt.put(
        "categories",
        List.of(Map.of("id", 1, "name", "person", "keypoints", List.of(), "skeleton", List.of())));
    Path annFile = dir.resolve("gt.json");
    new ObjectMapper().writeValue(annFile.toFile(), gt);
    System.out.printf("%d instances over %d images; %d CPUs%n", instances, images, Runtime.getRuntime().availableProcessors());
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < repeats; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      CocoMetric metric =
          new CocoMetric(annFile.toString(), true, "keypoints", ScoreMode.BBOX_KEYPOINT, 0.2, NmsMode.OKS_NMS, 0.9,
              false, dir.resolve("out/results").toString(), null, DatasetMeta.coco());
      long t1 = System.nanoTime();
      for (int i = 0; i < samples.size(); i += 64) {
        metric.process(samples.subList(i, Math.min(samples.size(), i + 64)));
      }
      Map<String, Double> m = metric.computeMetrics();
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      // on a shared machine the CPU time of this (the only working) thread is the steadier figure
      System.out.printf(
          "run %d%s: load ann_file %.2f s, process + compute_metrics %.2f s, total %.2f s (CPU time of the thread"
              + " %.2f s); AP %.4f AR %.4f%n", r, r == 0 ? " (warm-up)" : "", (t1 - t0) / 1e9, (t2 - t1) / 1e9,
          (t2 - t0) / 1e9, (c2 - c0) / 1e9, m.get("coco/AP"), m.get("coco/AR"));
    }
  }
}
