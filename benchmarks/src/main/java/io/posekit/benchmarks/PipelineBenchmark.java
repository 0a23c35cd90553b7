package io.posekit.benchmarks;

import io.posekit.tfmodels.codecs.MSRAHeatmap;
import io.posekit.tfmodels.datasets.CocoDataset;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.datasets.DataMode;
import io.posekit.tfmodels.datasets.DataPrefix;
import io.posekit.tfmodels.datasets.DefaultSampler;
import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.structures.EncodedImage;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.codecs.SimCCLabel;
import io.posekit.tfmodels.transforms.Albumentation;
import io.posekit.tfmodels.transforms.GenerateTarget;
import io.posekit.tfmodels.transforms.GetBBoxCenterScale;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.PackPoseInputs;
import io.posekit.tfmodels.transforms.RandomBBoxTransform;
import io.posekit.tfmodels.transforms.RandomFlip;
import io.posekit.tfmodels.transforms.RandomHalfBody;
import io.posekit.tfmodels.transforms.TopdownAffine;
import io.posekit.tfmodels.transforms.Transform;
import io.posekit.tfmodels.transforms.YOLOXHSVRandomAug;
import io.posekit.tfmodels.transforms.albu.Blur;
import io.posekit.tfmodels.transforms.albu.CoarseDropout;
import io.posekit.tfmodels.transforms.albu.MedianBlur;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Samples per second of MMPose's HRNet-w32 COCO 256 x 192 pipelines on synthetic 640 x 480 JPEGs,
 * through the {@link DataLoader} with each worker count given:
 *
 * <ul>
 *   <li>train: LoadImage, GetBBoxCenterScale, RandomFlip, RandomHalfBody, RandomBBoxTransform,
 *       TopdownAffine, GenerateTarget (MSRAHeatmap 48 x 64, sigma 2), PackPoseInputs;
 *   <li>val: LoadImage, GetBBoxCenterScale, TopdownAffine, PackPoseInputs (on the ground-truth boxes
 *       of the same images);
 *   <li>rtmpose: RTMPose-m's stage-1 train pipeline (YOLOX HSV, the albumentations, SimCCLabel), and
 *       rtmpose-noalbu without the albumentations (the part MMPose runs here without albumentations;
 *       {@code benchmarks/python/rtmpose_pipeline.py} times MMPose's on the same images).
 * </ul>
 *
 * Usage: {@code PipelineBenchmark DATA_DIR [images=300] [epochs=3] [workers=0,1,2] [batch=32]
 * [decode=lazy|eager|reduced] [pipelines=train,val]}. {@code lazy} is LoadImage's default (decode
 * only the box's window), {@code eager} decodes whole images in LoadImage, {@code reduced} also allows
 * reduced-scale decoding. The data is generated into DATA_DIR when its annotation file is missing.
 * Epoch 0 is warm-up; per-step times come from one serial pass before; a decode comparison
 * (javax.imageio against libjpeg-turbo through TensorFlow) comes first.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  static LoadImage loadImage(String decode) {
    return switch (decode) {
      case "lazy" -> new LoadImage(false, true, false, null);
      case "eager" -> new LoadImage(false, false, false, null);
      case "reduced" -> new LoadImage(false, true, true, null);
      default -> throw new IllegalArgumentException("decode must be lazy, eager or reduced, got " + decode);
    };
  }

  static PackPoseInputs pack() {
    return new PackPoseInputs(
        new String[] {"id", "img_id", "img_path", "category_id", "ori_shape", "img_shape", "input_size",
          "input_center", "input_scale", "flip", "flip_direction", "flip_indices", "raw_ann_info", "dataset_name"});
  }

  static List<Transform> trainPipeline(String decode) {
    return trainPipeline(loadImage(decode));
  }

  static List<Transform> trainPipeline(LoadImage loadImage) {
    return List.of(
        loadImage,
        new GetBBoxCenterScale(1.25),
        new RandomFlip(0.5, "horizontal"),
        new RandomHalfBody(9, 2, 3, 1.5, 0.3, 0.7),
        new RandomBBoxTransform(0.16, 0.3, new double[] {0.5, 1.5}, 1.0, 80.0, 0.6),
        new TopdownAffine(new int[] {192, 256}, false),
        new GenerateTarget(new MSRAHeatmap(new int[] {192, 256}, new int[] {48, 64}, 2.0, false, 11), false),
        pack());
  }

  /**
   * RTMPose-m COCO 256 x 192's {@code train_pipeline} (stage 1): RandomBBoxTransform with scale 0.6
   * to 1.4, YOLOX HSV, the albumentations (Blur p=0.1, MedianBlur p=0.1, CoarseDropout p=1 with holes
   * of 0.2 to 0.4 of each side) unless {@code withAlbu} is false, SimCCLabel targets.
   */
  static List<Transform> rtmposePipeline(String decode, boolean withAlbu) {
    List<Transform> steps = new ArrayList<>(List.of(
        loadImage(decode),
        new GetBBoxCenterScale(1.25),
        new RandomFlip(0.5, "horizontal"),
        new RandomHalfBody(9, 2, 3, 1.5, 0.3, 0.7),
        new RandomBBoxTransform(0.16, 0.3, new double[] {0.6, 1.4}, 1.0, 80.0, 0.6),
        new TopdownAffine(new int[] {192, 256}, false),
        new YOLOXHSVRandomAug(5, 30, 30)));
    if (withAlbu) {
      steps.add(new Albumentation(List.of(
          new Blur(7, false, 0.1),
          new MedianBlur(7, false, 0.1),
          new CoarseDropout(1, 0.4, 0.4, 1, 0.2, 0.2, 0, null, false, 1.0)), null));
    }
    steps.add(new GenerateTarget(new SimCCLabel(new int[] {192, 256}, SimCCLabel.SmoothingType.GAUSSIAN,
        List.of(4.9, 5.66), 2.0, 0.0, false, false, false, 150.0), false));
    steps.add(pack());
    return steps;
  }

  static List<Transform> valPipeline(String decode) {
    return List.of(loadImage(decode), new GetBBoxCenterScale(1.25), new TopdownAffine(new int[] {192, 256}, false), pack());
  }

  /** One serial pass with each transform timed on its own: where a sample's time goes. */
  static void stageTimes(CocoDataset data, List<Transform> pipeline) {
    long cpu0 = processCpuNanos();
    long[] nanos = new long[pipeline.size()];
    int n = data.size();
    for (int i = 0; i < n; i++) {
      PoseSample s = data.getDataInfo(i);
      SplittableRandom rng = new SplittableRandom(i);
      for (int t = 0; t < pipeline.size() && s != null; t++) {
        long t0 = System.nanoTime();
        s = pipeline.get(t).transform(s, rng);
        nanos[t] += System.nanoTime() - t0;
      }
    }
    long cpu = processCpuNanos() - cpu0;
    long total = Arrays.stream(nanos).sum();
    StringBuilder b =
        new StringBuilder(String.format(
            "per-sample time by step (serial, %d samples): %.2f ms wall, %.2f ms CPU (all threads)", n,
            total / 1e6 / n, cpu / 1e6 / n));
    for (int t = 0; t < pipeline.size(); t++) {
      b.append(String.format(
          "%n  %-20s %6.3f ms  %4.1f%%", pipeline.get(t).getClass().getSimpleName(), nanos[t] / 1e6 / n,
          100.0 * nanos[t] / total));
    }
    System.out.println(b);
  }

  /** CPU time of every thread of this process: on a shared machine, what the work itself cost. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Whole-image decode time per image: javax.imageio against libjpeg-turbo in TensorFlow. */
  static void decodeTimes(Path imageDir) throws Exception {
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(imageDir)) {
      for (Path p : s.sorted().limit(100).toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    for (int rep = 0; rep < 3; rep++) {
      long t0 = System.nanoTime();
      for (byte[] f : files) {
        ImageArray.fromBufferedImage(ImageIO.read(new java.io.ByteArrayInputStream(f)));
      }
      long t1 = System.nanoTime();
      for (byte[] f : files) {
        EncodedImage.ofJpeg("", f, false).decode();
      }
      long t2 = System.nanoTime();
      // the window a person box of 1/3 of the image height needs, decoded and warped to 256 x 192
      double[][] m = {{0.8, 0, -200}, {0, 0.8, -60}};
      for (byte[] f : files) {
        EncodedImage.ofJpeg("", f, false).warp(m, 192, 256);
      }
      long t3 = System.nanoTime();
      System.out.printf(
          "per image (%d): whole-image decode to BGR: javax.imageio %.2f ms, libjpeg-turbo (TensorFlow) %.2f ms;"
              + " decode of a 240 x 320 window + warp %.2f ms%n",
          files.size(), (t1 - t0) / 1e6 / files.size(), (t2 - t1) / 1e6 / files.size(), (t3 - t2) / 1e6 / files.size());
    }
  }

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("posekit-bench");
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String[] workerCounts = (args.length > 3 ? args[3] : "0,1,2").split(",");
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    String decode = args.length > 5 ? args[5] : "lazy";
    String[] pipelines = (args.length > 6 ? args[6] : "train,val").split(",");
    if (!Files.exists(dir.resolve("annotations/person_keypoints_train2017.json"))) {
      long t0 = System.nanoTime();
      SyntheticCocoGenerator.generate(
          SyntheticCocoGenerator.Options.defaults(dir).withCounts(images, 0).withImageSize(640, 480));
      System.out.printf("generated %d images of 640 x 480 in %.1f s under %s%n", images, (System.nanoTime() - t0) / 1e9, dir);
    }
    System.out.printf(
        "%d CPUs; java %s; decode=%s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        decode);
    decodeTimes(dir.resolve("train2017"));
    for (String name : pipelines) {
      List<Transform> pipeline =
          switch (name) {
            case "train" -> trainPipeline(decode);
            case "val" -> valPipeline(decode);
            case "rtmpose" -> rtmposePipeline(decode, true);
            case "rtmpose-noalbu" -> rtmposePipeline(decode, false);
            default -> throw new IllegalArgumentException(
                "pipelines are train, val, rtmpose and rtmpose-noalbu, got " + name);
          };
      CocoDataset data =
          new CocoDataset(
              "annotations/person_keypoints_train2017.json", null, DataMode.TOPDOWN, null, dir.toString(),
              new DataPrefix("train2017/"), null, null, true, pipeline, false, false, 1000, 1);
      System.out.printf("== %s pipeline, %d person instances%n", name, data.size());
      stageTimes(data, pipeline);
      for (String w : workerCounts) {
        int workers = Integer.parseInt(w.trim());
        try (DataLoader loader =
            new DataLoader(data, new DefaultSampler(data, true, 0, true), batch, workers, workers > 0, false, 0)) {
          for (int epoch = 0; epoch < epochs; epoch++) {
            loader.setEpoch(epoch);
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            long n = 0;
            long checksum = 0;
            for (List<PoseSample> b : loader) {
              n += b.size();
              for (PoseSample s : b) {
                checksum += s.inputs.data()[s.inputs.data().length / 2];
              }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            System.out.printf(
                "%s workers=%d epoch=%d%s: %d samples in %.2f s = %.1f samples/s; %.2f ms CPU per sample"
                    + " (checksum %d)%n", name, workers, epoch, epoch == 0 ? " (warm-up)" : "", n, s, n / s,
                cpu * 1e3 / n, checksum);
          }
        }
      }
    }
  }
}
