package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.fileio.MissingFileException;
import io.posekit.tfmodels.fileio.S3TestServer;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A COCO data set read from an S3-compatible server (annotation file and images, with the data
 * loader prefetching) and from an LMDB packed by {@link LmdbPacking} yields the same samples, pixel
 * for pixel, as from local disk.
 */
class StorageBackendsDatasetTest {
  private static final String ANN = "annotations/person_keypoints_train2017.json";
  @TempDir static Path dir;
  private static Path data;

  @BeforeAll
  static void dataEverywhere() throws Exception {
    data = dir.resolve("coco");
    SyntheticCocoGenerator.generate(SyntheticCocoGenerator.Options.defaults(data).withCounts(4, 0).withImageSize(96, 80));
    S3TestServer.createBucket("datasets");
    S3TestServer.put("datasets", "coco/" + ANN, Files.readAllBytes(data.resolve(ANN)));
    try (Stream<Path> files = Files.list(data.resolve("train2017"))) {
      for (Path f : files.toList()) {
        S3TestServer.put("datasets", "coco/train2017/" + f.getFileName(), Files.readAllBytes(f));
      }
    }
  }

  private static CocoDataset coco(String dataRoot, Map<String, Object> backendArgs) {
    List<Transform> pipeline = List.of(new LoadImage(false, false, false, backendArgs));
    return new CocoDataset(ANN, null, DataMode.TOPDOWN, null, dataRoot, new DataPrefix("train2017/"), null, null,
        true, pipeline, false, false, 1000, 1);
  }

  private static List<PoseSample> load(CocoDataset ds, int workers) {
    List<PoseSample> out = new ArrayList<>();
    try (DataLoader loader = new DataLoader(ds, new DefaultSampler(ds, false, 0, true), 2, workers, false, false, 0)) {
      for (List<PoseSample> batch : loader) {
        out.addAll(batch);
      }
    }
    return out;
  }

  private static void assertSameSamples(List<PoseSample> expected, List<PoseSample> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      PoseSample e = expected.get(i), a = actual.get(i);
      assertEquals(e.id, a.id);
      assertArrayEquals(e.imgShape, a.imgShape);
      assertArrayEquals(e.img.data(), a.img.data(), "pixels of sample " + i);
    }
  }

  @Test
  void s3AndLmdbGiveTheSamplesOfLocalDisk() {
    List<PoseSample> local = load(coco(data.toString(), null), 0);
    assertTrue(local.size() >= 4, "every image has people");

    CocoDataset s3 = coco("s3://datasets/coco", null);
    assertEquals("s3://datasets/coco/" + ANN, s3.annFile());
    assertTrue(s3.getDataInfo(0).imgPath.startsWith("s3://datasets/coco/train2017/"), s3.getDataInfo(0).imgPath);
    assertSameSamples(local, load(s3, 2));
    assertSameSamples(local, load(s3, 0));

    Path lmdb = dir.resolve("train.lmdb");
    LmdbPacking.Summary packed = LmdbPacking.pack(ANN, data.toString(), "train2017/", lmdb, () -> {});
    assertEquals(4, packed.images());
    assertSameSamples(local, load(coco(data.toString(), Map.of("backend", "lmdb", "db_path", lmdb.toString())), 2));
  }

  @Test
  void missingRemoteFilesAreNamed() {
    var ann = assertThrows(CocoFormatException.class, () -> coco("s3://datasets/elsewhere", null));
    assertEquals("s3://datasets/elsewhere/" + ANN + ": no such COCO annotation file", ann.getMessage());
    // the annotation file is there but the images are not: the loader names the sample and the object
    S3TestServer.put("datasets", "noimages/" + ANN, S3TestServer.client()
        .getObjectAsBytes(b -> b.bucket("datasets").key("coco/" + ANN)).asByteArray());
    CocoDataset ds = coco("s3://datasets/noimages", null);
    var e = assertThrows(DataLoaderException.class, () -> load(ds, 2));
    assertTrue(e.getCause() instanceof MissingFileException, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().startsWith("LoadImage: s3://datasets/noimages/train2017/"), e.getCause().getMessage());
    assertTrue(e.getCause().getMessage().endsWith(": no such object (NoSuchKey)"), e.getCause().getMessage());
  }
}
