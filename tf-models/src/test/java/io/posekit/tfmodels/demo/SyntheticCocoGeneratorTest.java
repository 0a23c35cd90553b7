package io.posekit.tfmodels.demo;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.datasets.CocoDataset;
import io.posekit.tfmodels.datasets.DataMode;
import io.posekit.tfmodels.datasets.DataPrefix;
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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCocoGeneratorTest {
  @TempDir Path dir;

  private static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesTheSameBytes() throws Exception {
    new SyntheticCocoGenerator(7, 3, 2, 128, 96).generate(dir.resolve("a"));
    new SyntheticCocoGenerator(7, 3, 2, 128, 96).generate(dir.resolve("b"));
    new SyntheticCocoGenerator(8, 3, 2, 128, 96).generate(dir.resolve("c"));
    List<Path> fa = files(dir.resolve("a"));
    assertEquals(3 + 2 + 3, fa.size());
    assertEquals(fa, files(dir.resolve("b")));
    boolean anyDifferent = false;
    for (Path p : fa) {
      byte[] a = Files.readAllBytes(dir.resolve("a").resolve(p));
      assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(p)), p.toString());
      anyDifferent |= !Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(p)));
    }
    assertTrue(anyDifferent, "another seed must give another data set");
  }

  @Test
  void annotationsAreConsistent() throws Exception {
    new SyntheticCocoGenerator(3, 8, 2, 128, 96).generate(dir);
    JsonNode root = new ObjectMapper().readTree(dir.resolve("annotations/person_keypoints_train2017.json").toFile());
    JsonNode cat = root.get("categories").get(0);
    assertEquals("person", cat.get("name").asText());
    assertEquals(17, cat.get("keypoints").size());
    assertEquals("left_eye", cat.get("keypoints").get(1).asText());
    assertEquals(19, cat.get("skeleton").size());
    assertEquals(8, root.get("images").size());
    int occluded = 0, outOfFrame = 0, people = 0, unoccluded = 0;
    for (JsonNode ann : root.get("annotations")) {
      people++;
      JsonNode b = ann.get("bbox");
      double x = b.get(0).asDouble(), y = b.get(1).asDouble(), w = b.get(2).asDouble(), h = b.get(3).asDouble();
      assertTrue(x >= 0 && y >= 0 && x + w <= 128 && y + h <= 96, "bbox inside the image: " + b);
      double area = ann.get("area").asDouble();
      // COCO-like: a person's share of its box, scaled down by occlusion; never the thin silhouette's area
      double full = SyntheticCocoGenerator.PERSON_AREA_FRACTION * w * h;
      assertTrue(area > 0 && area <= full + 0.01, "area " + area + " of bbox " + b);
      assertFalse(ann.get("segmentation").isEmpty());
      double silhouette = SyntheticCocoGenerator.polygonArea(polygons(ann.get("segmentation")));
      assertTrue(area > silhouette, "area " + area + " exceeds the drawn silhouette's " + silhouette);
      unoccluded += Math.abs(area - full) < 0.01 ? 1 : 0;
      JsonNode k = ann.get("keypoints");
      assertEquals(51, k.size());
      int labelled = 0;
      for (int i = 0; i < 17; i++) {
        double kx = k.get(3 * i).asDouble(), ky = k.get(3 * i + 1).asDouble();
        int v = k.get(3 * i + 2).asInt();
        if (v == 0) {
          assertEquals(0.0, kx);
          assertEquals(0.0, ky);
          outOfFrame++;
          continue;
        }
        labelled++;
        occluded += v == 1 ? 1 : 0;
        assertTrue(kx >= x && kx <= x + w && ky >= y && ky <= y + h, "keypoint " + i + " inside its bbox " + b);
        assertTrue(kx >= 0 && kx < 128 && ky >= 0 && ky < 96);
      }
      assertEquals(labelled, ann.get("num_keypoints").asInt());
    }
    assertTrue(people >= 8 && people <= 24);
    assertTrue(occluded > 0, "some keypoints are occluded (v=1)");
    assertTrue(unoccluded > 0, "an unoccluded figure's area is the full fraction of its box");
    assertTrue(outOfFrame > 0, "some keypoints are out of frame (v=0)");
  }

  private static List<List<Double>> polygons(JsonNode segmentation) {
    List<List<Double>> out = new java.util.ArrayList<>();
    for (JsonNode poly : segmentation) {
      List<Double> p = new java.util.ArrayList<>();
      poly.forEach(v -> p.add(v.asDouble()));
      out.add(p);
    }
    return out;
  }

  @Test
  void loadsThroughCocoDatasetAndTheTopdownPipeline() {
    new SyntheticCocoGenerator(5, 3, 2, 128, 96).generate(dir);
    List<Transform> train =
        List.of(
            new LoadImage(false, true, false, null), new GetBBoxCenterScale(1.25), new RandomFlip(0.5, "horizontal"),
            new RandomHalfBody(9, 2, 3, 1.5, 0.3, 0.7), new RandomBBoxTransform(0.16, 0.3, new double[] {0.5, 1.5}, 1.0, 80, 0.6),
            new TopdownAffine(new int[] {48, 64}, false),
            new PackPoseInputs(new String[] {"id", "img_id", "img_path", "ori_shape", "flip", "flip_direction"}));
    CocoDataset ds =
        new CocoDataset(
            "annotations/person_keypoints_train2017.json", null, DataMode.TOPDOWN, null, dir.toString(),
            new DataPrefix("train2017/"), null, null, true, train, false, false, 1000, 1);
    assertTrue(ds.size() >= 3);
    for (int i = 0; i < ds.size(); i++) {
      PoseSample a = ds.get(i, new SplittableRandom(100 + i));
      PoseSample b = ds.get(i, new SplittableRandom(100 + i));
      assertEquals(64, a.inputs.height());
      assertEquals(48, a.inputs.width());
      assertArrayEquals(new int[] {96, 128}, a.oriShape);
      assertArrayEquals(a.inputs.data(), b.inputs.data(), "a seed reproduces the pipeline");
      assertArrayEquals(a.transformedKeypoints[0][0], b.transformedKeypoints[0][0]);
    }
    CocoDataset val =
        new CocoDataset(
            "annotations/person_keypoints_val2017.json", dir.resolve(SyntheticCocoGenerator.DETECTION_FILE).toString(),
            DataMode.TOPDOWN, null, dir.toString(), new DataPrefix("val2017/"), null, null, true,
            List.of(new LoadImage(false, true, false, null), new GetBBoxCenterScale(1.25), new TopdownAffine(new int[] {48, 64}, false)),
            true, false, 1000, 1);
    assertTrue(val.size() >= 2);
    assertEquals(64, val.get(0, new SplittableRandom(0)).img.height());
  }
}
