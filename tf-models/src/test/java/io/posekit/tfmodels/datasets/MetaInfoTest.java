package io.posekit.tfmodels.datasets;

import static org.junit.jupiter.api.Assertions.*;

import io.posekit.spi.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaInfoTest {
  private static Path resource(String name) throws Exception {
    return Path.of(MetaInfoTest.class.getResource(name).toURI());
  }

  /**
   * What the runtime's loader hands over for MMPose's dataset files: JSON turned back into Python
   * values, dict keys of keypoint_info/skeleton_info as ints, links as tuples.
   */
  @SuppressWarnings("unchecked")
  private static Object pythonic(Object v, String key) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      boolean intKeys = key.equals("keypoint_info") || key.equals("skeleton_info");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = intKeys ? (Object) Integer.parseInt((String) e.getKey()) : e.getKey();
        out.put(k, pythonic(e.getValue(), String.valueOf(e.getKey())));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> items = new ArrayList<>();
      l.forEach(o -> items.add(pythonic(o, "")));
      return key.equals("link") ? Tuple.copyOf(items) : items;
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pyLoader(Path file) {
    return (Map<String, Object>) pythonic(MetaInfo.readJson(file), "");
  }

  private static void assertSameMeta(DatasetMeta expected, DatasetMeta actual) {
    assertEquals(expected.datasetName(), actual.datasetName());
    assertEquals(expected.numKeypoints(), actual.numKeypoints());
    assertEquals(expected.keypointId2name(), actual.keypointId2name());
    assertEquals(expected.upperBodyIds(), actual.upperBodyIds());
    assertEquals(expected.lowerBodyIds(), actual.lowerBodyIds());
    assertArrayEquals(expected.flipIndices(), actual.flipIndices());
    assertEquals(expected.flipPairs().size(), actual.flipPairs().size());
    for (int i = 0; i < expected.flipPairs().size(); i++) {
      assertArrayEquals(expected.flipPairs().get(i), actual.flipPairs().get(i));
    }
    assertEquals(expected.skeletonLinks().size(), actual.skeletonLinks().size());
    for (int i = 0; i < expected.skeletonLinks().size(); i++) {
      assertArrayEquals(expected.skeletonLinks().get(i), actual.skeletonLinks().get(i), "link " + i);
      assertArrayEquals(expected.skeletonLinkColors().get(i), actual.skeletonLinkColors().get(i), "link colour " + i);
    }
    for (int i = 0; i < expected.numKeypoints(); i++) {
      assertArrayEquals(expected.keypointColors().get(i), actual.keypointColors().get(i), "colour " + i);
    }
    assertArrayEquals(expected.datasetKeypointWeights(), actual.datasetKeypointWeights());
    assertArrayEquals(expected.sigmas(), actual.sigmas());
  }

  /** The dataset_info dicts of MMPose's configs/_base_/datasets/{coco,crowdpose,aic}.py, dumped to JSON. */
  @Test
  void mmposeDatasetFilesGiveTheBuiltInMeta() throws Exception {
    assertSameMeta(DatasetMeta.coco(), MetaInfo.fromFile(resource("coco_dataset_info.json"), MetaInfoTest::pyLoader));
    assertSameMeta(
        DatasetMeta.crowdpose(), MetaInfo.fromFile(resource("crowdpose_dataset_info.json"), MetaInfoTest::pyLoader));
    assertSameMeta(DatasetMeta.aic(), MetaInfo.fromFile(resource("aic_dataset_info.json"), MetaInfoTest::pyLoader));
    // plain JSON (string keys, lists for links) reads the same
    assertSameMeta(DatasetMeta.coco(), MetaInfo.fromFile(resource("coco_dataset_info.json"), MetaInfo::readJson));
  }

  @Test
  void crowdPoseAndAicFacts() {
    DatasetMeta c = DatasetMeta.crowdpose();
    assertEquals(14, c.numKeypoints());
    assertArrayEquals(new int[] {1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 12, 13}, c.flipIndices());
    assertEquals(List.of(6, 7, 8, 9, 10, 11), c.lowerBodyIds());
    DatasetMeta a = DatasetMeta.aic();
    assertArrayEquals(new int[] {3, 4, 5, 0, 1, 2, 9, 10, 11, 6, 7, 8, 12, 13}, a.flipIndices());
    assertEquals(0.01236173f, a.sigmas()[13]);
  }

  @Test
  void resolveHandlesNoneFromFileAndInlineDicts() throws Exception {
    assertSame(DatasetMeta.aic(), MetaInfo.resolve(null, DatasetMeta.aic()));
    // MMPose's usual spelling, relative to a working directory without MMPose's configs: the built-in copy
    assertSame(
        DatasetMeta.crowdpose(),
        MetaInfo.resolve(Map.of("from_file", "configs/_base_/datasets/crowdpose.py"), DatasetMeta.coco()));
    // a JSON file is read without a runtime loader
    DatasetMeta fromJson =
        MetaInfo.resolve(Map.of("from_file", resource("aic_dataset_info.json").toString()), DatasetMeta.coco());
    assertSameMeta(DatasetMeta.aic(), fromJson);
    @SuppressWarnings("unchecked")
    Map<String, Object> inline = (Map<String, Object>) pyLoader(resource("crowdpose_dataset_info.json")).get("dataset_info");
    assertSameMeta(DatasetMeta.crowdpose(), MetaInfo.resolve(inline, DatasetMeta.coco()));
  }

  @Test
  void badFilesAndValuesAreNamed() throws Exception {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetaInfo.resolve(Map.of("from_file", "configs/_base_/datasets/nope.py"), DatasetMeta.coco()));
    assertTrue(missing.getMessage().contains("nope.py"), missing.getMessage());
    @SuppressWarnings("unchecked")
    Map<String, Object> info =
        new LinkedHashMap<>((Map<String, Object>) pyLoader(resource("coco_dataset_info.json")).get("dataset_info"));
    info.put("sigmas", List.of(0.1, 0.2));
    IllegalArgumentException wrong =
        assertThrows(IllegalArgumentException.class, () -> DatasetMeta.fromDatasetInfo(info, "coco.py: dataset_info"));
    assertTrue(wrong.getMessage().startsWith("coco.py: dataset_info: coco: 17 keypoints but"), wrong.getMessage());
    Map<String, Object> noName = new LinkedHashMap<>(info);
    @SuppressWarnings("unchecked")
    Map<Object, Object> kpts = new LinkedHashMap<>((Map<Object, Object>) info.get("keypoint_info"));
    Map<String, Object> k3 = new LinkedHashMap<>((Map<String, Object>) kpts.get(3));
    k3.put("color", List.of(1, 2));
    kpts.put(3, k3);
    noName.put("keypoint_info", kpts);
    IllegalArgumentException color =
        assertThrows(IllegalArgumentException.class, () -> DatasetMeta.fromDatasetInfo(noName, "x.py"));
    assertTrue(color.getMessage().contains("x.py.keypoint_info[3].color"), color.getMessage());
  }
}
