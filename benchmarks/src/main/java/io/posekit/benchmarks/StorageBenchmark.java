package io.posekit.benchmarks;

import io.posekit.tfmodels.datasets.CocoDataset;
import io.posekit.tfmodels.datasets.DataLoader;
import io.posekit.tfmodels.datasets.DataMode;
import io.posekit.tfmodels.datasets.DataPrefix;
import io.posekit.tfmodels.datasets.DefaultSampler;
import io.posekit.tfmodels.datasets.LmdbPacking;
import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.fileio.S3TestServer;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.LoadImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Train-pipeline samples per second (PipelineBenchmark's HRNet COCO 256 x 192 train pipeline, lazy
 * decode) with the same images read from local disk, from an LMDB packed by {@code make-lmdb}'s
 * code, and from an S3-compatible server on loopback (s3proxy, in this JVM) through the petrel
 * backend with its prefetching; the annotation file comes from the same storage where it can
 * (local for LMDB, which holds images only). The storages take turns round after round, so that
 * the machine's load falls on each alike; each round runs a warm-up epoch and then the measured ones.
 *
 * <p>Usage: {@code StorageBenchmark DATA_DIR [images=300] [epochs=3] [workers=2] [batch=32] [rounds=3]}.
 */
public final class StorageBenchmark {
  private StorageBenchmark() {}

  private record Storage(String name, CocoDataset data) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("posekit-storage").toString());
    int images = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 32;
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    String ann = "annotations/person_keypoints_train2017.json";
    if (!Files.exists(dir.resolve(ann))) {
      SyntheticCocoGenerator.generate(
          SyntheticCocoGenerator.Options.defaults(dir).withCounts(images, 0).withImageSize(640, 480));
    }
    Path lmdb = dir.resolve("train2017.lmdb");
    if (!Files.exists(lmdb.resolve("data.mdb"))) {
      LmdbPacking.Summary packed = LmdbPacking.pack(ann, dir.toString(), "train2017/", lmdb, () -> {});
      System.out.printf("packed %d images, %d bytes, into %s%n", packed.images(), packed.bytes(), lmdb);
    }
    S3TestServer.start();
    S3TestServer.createBucket("bench");
    long bytes = 0;
    S3TestServer.put("bench", "coco/" + ann, Files.readAllBytes(dir.resolve(ann)));
    try (Stream<Path> files = Files.list(dir.resolve("train2017"))) {
      for (Path f : files.sorted().toList()) {
        byte[] b = Files.readAllBytes(f);
        bytes += b.length;
        S3TestServer.put("bench", "coco/train2017/" + f.getFileName(), b);
      }
    }
    System.out.printf("%d CPUs; java %s; s3proxy at %s holds %d bytes of images%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), S3TestServer.endpoint(), bytes);

    List<Storage> storages = List.of(
        new Storage("local", dataset(dir.toString(), new LoadImage(false, true, false, null))),
        new Storage("lmdb", dataset(dir.toString(),
            new LoadImage(false, true, false, Map.of("backend", "lmdb", "db_path", lmdb.toString())))),
        new Storage("s3", dataset("s3://bench/coco", new LoadImage(false, true, false, null))));
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < storages.size(); k++) {
        Storage s = storages.get((k + round) % storages.size());
        rates.computeIfAbsent(s.name(), x -> new ArrayList<>()).addAll(run(s, epochs, workers, batch, round));
      }
    }
    double local = median(rates.get("local"));
    for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
      double m = median(e.getValue());
      System.out.printf("%-5s median %.1f samples/s over %d epochs (%.0f %% of local) %s%n",
          e.getKey(), m, e.getValue().size(), 100 * m / local, e.getValue());
    }
  }

  private static CocoDataset dataset(String dataRoot, LoadImage load) {
    return new CocoDataset("annotations/person_keypoints_train2017.json", null, DataMode.TOPDOWN, null, dataRoot,
        new DataPrefix("train2017/"), null, null, true, PipelineBenchmark.trainPipeline(load), false, false, 1000, 1);
  }

  /** The samples per second of each measured epoch (epoch 0 warms up); the checksum shows the samples are the same. */
  private static List<Double> run(Storage s, int epochs, int workers, int batch, int round) {
    List<Double> out = new ArrayList<>();
    try (DataLoader loader = new DataLoader(s.data(), new DefaultSampler(s.data(), true, 0, true), batch, workers, workers > 0, false, 0)) {
      for (int epoch = 0; epoch < epochs; epoch++) {
        loader.setEpoch(epoch);
        long t0 = System.nanoTime();
        long cpu0 = PipelineBenchmark.processCpuNanos();
        long n = 0;
        long checksum = 0;
        for (List<PoseSample> b : loader) {
          n += b.size();
          for (PoseSample p : b) {
            checksum += p.inputs.data()[p.inputs.data().length / 2];
          }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        double cpu = (PipelineBenchmark.processCpuNanos() - cpu0) / 1e9;
        System.out.printf("round %d %-5s workers=%d epoch=%d%s: %d samples in %.2f s = %.1f samples/s; %.2f ms CPU per sample"
            + " (checksum %d)%n", round, s.name(), workers, epoch, epoch == 0 ? " (warm-up)" : "", n, sec, n / sec,
            cpu * 1e3 / n, checksum);
        if (epoch > 0) {
          out.add(n / sec);
        }
      }
    }
    return out;
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
