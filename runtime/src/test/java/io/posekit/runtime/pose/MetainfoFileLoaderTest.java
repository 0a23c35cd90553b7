package io.posekit.runtime.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.config.dict.ConfigLoadException;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.datasets.MetaInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metainfo=dict(from_file=...)} with posekit-runtime on the class path: a {@code .py} file
 * runs in the sandbox, {@code .json} and {@code .yaml} are read as configs, a relative path is
 * taken from the working directory and MMPose's own data set files are still found by name.
 */
class MetainfoFileLoaderTest {
  @TempDir Path dir;

  // two keypoints that swap: flip indices [1, 0]; the .py computes a sigma to show it ran
  private static final String PY = String.join("\n",
      "dataset_info = dict(",
      "    dataset_name='pair',",
      "    keypoint_info={",
      "        0: dict(name='left_eye', id=0, color=[255, 0, 0], type='upper', swap='right_eye'),",
      "        1: dict(name='right_eye', id=1, color=[0, 255, 0], type='upper', swap='left_eye'),",
      "    },",
      "    skeleton_info={0: dict(link=('left_eye', 'right_eye'), id=0, color=[0, 0, 255])},",
      "    joint_weights=[1.0, 1.5],",
      "    sigmas=[0.025, 0.035 * 2])",
      "");
  private static final String JSON = "{\"dataset_info\": {\"dataset_name\": \"pair\", \"keypoint_info\": {"
      + "\"0\": {\"name\": \"left_eye\", \"id\": 0, \"color\": [255, 0, 0], \"type\": \"upper\", \"swap\": \"right_eye\"},"
      + "\"1\": {\"name\": \"right_eye\", \"id\": 1, \"color\": [0, 255, 0], \"type\": \"upper\", \"swap\": \"left_eye\"}},"
      + "\"skeleton_info\": {\"0\": {\"link\": [\"left_eye\", \"right_eye\"], \"id\": 0, \"color\": [0, 0, 255]}},"
      + "\"joint_weights\": [1.0, 1.5], \"sigmas\": [0.025, 0.07]}}";
  private static final String YAML = String.join("\n",
      "dataset_info:",
      "  dataset_name: pair",
      "  keypoint_info:",
      "    0: {name: left_eye, id: 0, color: [255, 0, 0], type: upper, swap: right_eye}",
      "    1: {name: right_eye, id: 1, color: [0, 255, 0], type: upper, swap: left_eye}",
      "  skeleton_info:",
      "    0: {link: [left_eye, right_eye], id: 0, color: [0, 0, 255]}",
      "  joint_weights: [1.0, 1.5]",
      "  sigmas: [0.025, 0.07]",
      "");

  private static DatasetMeta fromFile(String file) {
    return MetaInfo.resolve(Map.of("from_file", file), DatasetMeta.coco());
  }

  private static void assertPair(DatasetMeta meta) {
    assertEquals("pair", meta.datasetName());
    assertEquals(List.of("left_eye", "right_eye"), meta.keypointId2name());
    assertArrayEquals(new int[] {1, 0}, meta.flipIndices());
    assertArrayEquals(new float[] {0.025f, 0.07f}, meta.sigmas(), 1e-7f);
    assertArrayEquals(new float[] {1.0f, 1.5f}, meta.datasetKeypointWeights());
    assertArrayEquals(new int[] {0, 0, 255}, meta.skeletonLinkColors().get(0));
  }

  @Test
  void pyJsonAndYamlFilesThatExistAreRead() throws Exception {
    assertPair(fromFile(Files.writeString(dir.resolve("pair.py"), PY).toString()));
    assertPair(fromFile(Files.writeString(dir.resolve("pair.json"), JSON).toString()));
    assertPair(fromFile(Files.writeString(dir.resolve("pair.yaml"), YAML).toString()));
  }

  @Test
  void aRelativePathIsTakenFromTheWorkingDirectory() throws Exception {
    Path relative = Path.of("target", "metainfo-loader-test", "pair.py");
    Files.createDirectories(relative.getParent());
    Files.writeString(relative, PY);
    assertPair(fromFile(relative.toString()));
  }

  @Test
  void mmposesOwnDatasetFilesAreStillFoundByName() {
    DatasetMeta coco = fromFile("configs/_base_/datasets/coco.py");
    assertEquals(DatasetMeta.coco().datasetName(), coco.datasetName());
    assertArrayEquals(DatasetMeta.coco().sigmas(), coco.sigmas());
    assertEquals(14, fromFile("/no/such/dir/crowdpose.py").numKeypoints());
  }

  @Test
  void aMissingFileNamesTheKeyAndTheFile() {
    String missing = dir.resolve("nowhere/pair_missing.py").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromFile(missing));
    assertTrue(e.getMessage().startsWith("metainfo.from_file: ") && e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void aPyFileRunsInTheSandbox() throws Exception {
    Path evil = Files.writeString(dir.resolve("evil.py"), "import os\nos.system('touch " + dir.resolve("MARK") + "')\n");
    ConfigLoadException e = assertThrows(ConfigLoadException.class, () -> fromFile(evil.toString()));
    assertTrue(e.getMessage().contains(evil + ":1"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("MARK")));
  }

  @Test
  void theLoaderSupportsConfigFormatsOnly() {
    MetainfoFileLoader loader = new MetainfoFileLoader();
    assertTrue(loader.supports(Path.of("a.py")) && loader.supports(Path.of("a.yml")) && loader.supports(Path.of("a.json")));
    assertFalse(loader.supports(Path.of("a.txt")));
  }
}
