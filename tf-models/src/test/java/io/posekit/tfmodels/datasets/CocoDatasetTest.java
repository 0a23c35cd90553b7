package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.structures.CocoFormatException;
import io.posekit.tfmodels.structures.PoseSample;
import io.posekit.tfmodels.transforms.GetBBoxCenterScale;
import io.posekit.tfmodels.transforms.LoadImage;
import io.posekit.tfmodels.transforms.PackPoseInputs;
import io.posekit.tfmodels.transforms.TopdownAffine;
import io.posekit.tfmodels.transforms.Transform;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDatasetTest {
  @TempDir Path root;
  private final ObjectMapper json = new ObjectMapper();

  private static List<Double> keypoints(int labelled) {
    List<Double> k = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      boolean on = i < labelled;
      k.add(on ? 10.0 + i : 0);
      k.add(on ? 5.0 + 2 * i : 0);
      k.add(on ? 2.0 : 0);
    }
    return k;
  }

  private static Map<String, Object> ann(long id, long img, List<Double> bbox, List<Double> kpts, int crowd) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("id", id);
    a.put("image_id", img);
    a.put("category_id", 1);
    a.put("bbox", bbox);
    a.put("area", 500.0);
    a.put("iscrowd", crowd);
    if (kpts != null) {
      a.put("keypoints", kpts);
      a.put("num_keypoints", (int) kpts.stream().skip(2).filter(v -> v > 0).count() / 1);
    }
    return a;
  }

  @BeforeEach
  void writeData() throws Exception {
    Files.createDirectories(root.resolve("images"));
    for (String name : List.of("a.png", "b.png")) {
      ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", root.resolve("images/" + name).toFile());
    }
    List<Map<String, Object>> anns = new ArrayList<>();
    anns.add(ann(1, 1, List.of(5.0, 2.0, 40.0, 60.0), keypoints(17), 0)); // valid; box leaves the image
    anns.add(ann(2, 1, List.of(0.0, 0.0, 20.0, 20.0), keypoints(5), 1)); // crowd
    anns.add(ann(3, 1, List.of(0.0, 0.0, 20.0, 20.0), keypoints(0), 0)); // no labelled keypoints
    anns.add(ann(4, 2, List.of(0.0, 0.0, 20.0, 20.0), null, 0)); // no keypoints at all
    anns.add(ann(5, 2, List.of(30.0, 10.0, 0.0, 20.0), keypoints(3), 0)); // zero width
    anns.add(ann(6, 2, List.of(1.0, 1.0, 30.0, 30.0), keypoints(4), 0)); // valid
    Map<String, Object> file =
        Map.of(
            "images",
                List.of(
                    Map.of("id", 1, "file_name", "a.png", "width", 64, "height", 48),
                    Map.of("id", 2, "file_name", "b.png", "width", 64, "height", 48)),
            "annotations", anns,
            "categories", List.of(Map.of("id", 1, "name", "person")));
    json.writeValue(root.resolve("ann.json").toFile(), file);
    List<Map<String, Object>> dets =
        List.of(
            Map.of("image_id", 1, "category_id", 1, "bbox", List.of(1.0, 2.0, 10.0, 20.0), "score", 0.9),
            Map.of("image_id", 1, "category_id", 2, "bbox", List.of(1.0, 2.0, 10.0, 20.0), "score", 0.9),
            Map.of("image_id", 2, "category_id", 1, "bbox", List.of(5.0, 5.0, 30.0, 30.0), "score", 0.2),
            Map.of("image_id", 2, "category_id", 1, "bbox", List.of(6.0, 6.0, 20.0, 20.0), "score", 0.6));
    json.writeValue(root.resolve("dets.json").toFile(), dets);
  }

  private CocoDataset dataset(String bboxFile, boolean testMode, FilterCfg filter, Object indices, List<Transform> pipeline, DataMode mode) {
    return new CocoDataset(
        "ann.json", bboxFile, mode, null, root.toString(), new DataPrefix("images/"), filter, indices, true, pipeline, testMode,
        false, 1000, 1);
  }

  @Test
  void topdownKeepsOnlyValidInstances() {
    CocoDataset ds = dataset(null, false, null, null, List.of(), DataMode.TOPDOWN);
    assertEquals(2, ds.size());
    PoseSample first = ds.getDataInfo(0);
    assertEquals(1, first.id);
    assertEquals(6, ds.getDataInfo(1).id);
    // x + w = 45, y + h = 62 -> clipped to the image: y2 = 47
    assertArrayEquals(new double[] {5, 2, 45, 47}, first.bbox[0]);
    assertEquals(root.resolve("images/a.png").toString(), first.imgPath);
    assertArrayEquals(new double[] {10, 5}, first.keypoints[0][0]);
    assertEquals(1.0, first.keypointsVisible[0][16]);
    assertEquals("coco", first.datasetName);
    assertArrayEquals(DatasetMeta.coco().flipIndices(), first.flipIndices);
    assertEquals(0, first.sampleIdx);
  }

  @Test
  void indicesPickSamples() {
    assertEquals(1, dataset(null, false, null, 1, List.of(), DataMode.TOPDOWN).size());
    assertEquals(6, dataset(null, false, null, List.of(1), List.of(), DataMode.TOPDOWN).getDataInfo(0).id);
  }

  @Test
  void bottomupGroupsAllParsedInstancesPerImage() {
    CocoDataset ds = dataset(null, false, null, null, List.of(), DataMode.BOTTOMUP);
    assertEquals(2, ds.size());
    assertEquals(List.of(1L, 2L, 3L), ds.getDataInfo(0).ids);
    assertEquals(List.of(5L, 6L), ds.getDataInfo(1).ids); // annotation 4 has no keypoints
  }

  @Test
  void bboxFileGivesDetectedPersons() {
    CocoDataset ds = dataset(root.resolve("dets.json").toString(), true, null, null, List.of(), DataMode.TOPDOWN);
    assertEquals(3, ds.size()); // the category-2 detection is skipped
    PoseSample s = ds.getDataInfo(0);
    assertArrayEquals(new double[] {1, 2, 11, 22}, s.bbox[0]);
    assertEquals(0.9f, s.bboxScore[0]);
    assertEquals(0, s.id);
    assertEquals(2, ds.getDataInfo(2).id);
    assertArrayEquals(new int[] {48, 64}, s.imgShape);
    assertEquals(1.0, s.keypointsVisible[0][5]);
    // filter_cfg drops the boxes under the score threshold
    CocoDataset filtered =
        dataset(root.resolve("dets.json").toString(), true, new FilterCfg(0.5), null, List.of(), DataMode.TOPDOWN);
    assertEquals(2, filtered.size());
    assertEquals(0.6f, filtered.getDataInfo(1).bboxScore[0]);
  }

  @Test
  void bboxFileNeedsTestMode() {
    assertThrows(
        IllegalArgumentException.class,
        () -> dataset(root.resolve("dets.json").toString(), false, null, null, List.of(), DataMode.TOPDOWN));
  }

  @Test
  void badRecordsAreNamed() throws Exception {
    json.writeValue(
        root.resolve("dets.json").toFile(),
        List.of(Map.of("image_id", 9, "category_id", 1, "bbox", List.of(1.0, 2.0, 10.0, 20.0), "score", 0.9)));
    CocoFormatException e =
        assertThrows(
            CocoFormatException.class,
            () -> dataset(root.resolve("dets.json").toString(), true, null, null, List.of(), DataMode.TOPDOWN));
    assertTrue(e.getMessage().contains("dets.json: [0]") && e.getMessage().contains("image_id 9"), e.getMessage());

    String text = Files.readString(root.resolve("ann.json")).replace("\"bbox\":[1.0,1.0,30.0,30.0]", "\"box\":[1]");
    Files.writeString(root.resolve("ann.json"), text);
    CocoFormatException missing =
        assertThrows(CocoFormatException.class, () -> dataset(null, false, null, null, List.of(), DataMode.TOPDOWN));
    assertTrue(missing.getMessage().contains("ann.json: annotations[5] (id=6): missing key 'bbox'"), missing.getMessage());
  }

  @Test
  void lazyInitDefersLoadingAndPipelineRuns() throws Exception {
    Files.delete(root.resolve("ann.json"));
    CocoDataset lazy =
        new CocoDataset(
            "ann.json", null, DataMode.TOPDOWN, null, root.toString(), new DataPrefix("images/"), null, null, true,
            List.of(new LoadImage(false, true, false, null), new GetBBoxCenterScale(1.25), new TopdownAffine(new int[] {12, 16}, false),
                new PackPoseInputs(new String[] {"id", "img_id", "ori_shape"})),
            false, true, 1000, 1);
    // samplers size the data set when iterated, so a lazy one is still unread after both are built
    DefaultSampler sampler = new DefaultSampler(lazy, false, 0, true);
    InfiniteSampler infinite = new InfiniteSampler(lazy, false, 0);
    writeData();
    assertEquals(2, sampler.length());
    assertEquals(0, infinite.iterator().nextInt());
    assertEquals(2, lazy.size());
    PoseSample s = lazy.get(1, new SplittableRandom(0));
    assertArrayEquals(new int[] {48, 64}, s.oriShape);
    assertEquals(16, s.inputs.height());
    assertEquals(6L, s.dataSample.ids().get(0));
    // the data set's copy is untouched by the pipeline
    assertNull(lazy.getDataInfo(1).img);
  }
}
