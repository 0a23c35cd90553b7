package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.annotations.Registries;
import io.posekit.runtime.config.Config;
import io.posekit.runtime.engine.checkpoint.Checkpoint;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.apis.PoseInferencer;
import io.posekit.tfmodels.apis.PoseResult;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.models.poseestimators.TopdownGraph;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimator;
import io.posekit.tfmodels.nn.Precision;
import io.posekit.tfmodels.weights.StateDict;
import io.posekit.tfmodels.weights.TorchCheckpointWriter;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code infer} end to end on the demo config's narrow ResNet-18 (96x128 input, flip test): the same
 * weights as a PyTorch {@code .pth} and as a PoseKit checkpoint give the keypoints that
 * {@link PoseInferencer} gives with them, and the {@code .npy} heatmaps, read back by parsing the
 * NumPy header here, are the ones the keypoints and scores were decoded from.
 */
class InferCommandTest {
  private static final Path CONFIG = Path.of("../configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py");
  private static final double[] BOX_XYWH = {12, 6, 40, 60};

  @TempDir static Path tmp;
  private static Path image;
  private static Path pth;
  private static Path engineCkpt;
  private static TopdownPoseEstimator model;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = Main.commandLine(Registry::load);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void fixtures() throws Exception {
    BufferedImage img = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(11);
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 100; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    image = tmp.resolve("person.png");
    ImageIO.write(img, "png", image.toFile());

    model = (TopdownPoseEstimator) Registry.load().withDefaultScope("mmpose")
        .build(Registries.MODELS, (Map<?, ?>) Config.fromFile(CONFIG).get("model"), BuildContext.empty());
    // weights from another seed than the inference graph's own initialisation, so loading them shows
    StateDict weights;
    try (TopdownGraph g = model.buildInferenceGraph(1, 128, 96, DatasetMeta.coco().flipIndices(), 7)) {
      weights = g.stateDict();
    }
    pth = tmp.resolve("mmpose_style.pth");
    TorchCheckpointWriter.save(Map.of("state_dict", weights, "meta", Map.of("epoch", 3)), pth);
    // the layout Runner.saveCheckpoint wrote before the optimizer kept its own state_dict: Adam's moments beside the weights
    Checkpoint ckpt = new Checkpoint();
    weights.asMap().forEach((name, v) -> ckpt.arrays().put(Checkpoint.STATE_DICT + name, v.values().clone()));
    ckpt.arrays().put(Checkpoint.STATE_DICT + "optimizer.head.final_layer.weight.exp_avg", new float[17 * 32]);
    ckpt.arrays().put(Checkpoint.STATE_DICT + "optimizer.step", new float[] {12});
    ckpt.meta().put("meta", Map.of("epoch", 3, "iter", 12));
    engineCkpt = tmp.resolve("epoch_3.pth");
    CheckpointIO.save(engineCkpt, ckpt);
  }

  private static PoseResult expected(String checkpoint) {
    try (PoseInferencer inf = PoseInferencer.initModel(model, checkpoint, DatasetMeta.coco().flipIndices())) {
      double[] b = BOX_XYWH;
      return inf.inferenceTopdown(image, List.of(new double[] {b[0], b[1], b[0] + b[2], b[1] + b[3]})).get(0);
    }
  }

  private static void assertInstance(PoseResult want, JsonNode instance) {
    JsonNode kps = instance.get("keypoints");
    JsonNode scores = instance.get("keypoint_scores");
    assertEquals(17, kps.size());
    for (int k = 0; k < 17; k++) {
      assertEquals(want.keypoints()[k][0], kps.get(k).get(0).asDouble(), 1e-9, "x of keypoint " + k);
      assertEquals(want.keypoints()[k][1], kps.get(k).get(1).asDouble(), 1e-9, "y of keypoint " + k);
      assertEquals(want.keypointScores()[k], scores.get(k).asDouble(), 1e-9, "score of keypoint " + k);
    }
    assertEquals(1.0, instance.get("bbox_score").asDouble());
  }

  /** A {@code .npy} read by its specification: magic, version 1.0, header length, the header dict, float32 data. */
  private static float[] readNpy(Path file, int[] expectedShape) throws Exception {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[6];
    buf.get(magic);
    assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
    assertEquals(1, buf.get(), "major version");
    assertEquals(0, buf.get(), "minor version");
    int headerLength = Short.toUnsignedInt(buf.getShort());
    assertEquals(0, (10 + headerLength) % 64, "data starts 64-byte aligned, as numpy.save writes it");
    byte[] header = new byte[headerLength];
    buf.get(header);
    String dict = new String(header, StandardCharsets.US_ASCII);
    assertTrue(dict.endsWith("\n"), dict);
    Matcher m = Pattern.compile("\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+), (\\d+)\\), } *\n").matcher(dict);
    assertTrue(m.matches(), "header: " + dict);
    int[] shape = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    assertArrayEquals(expectedShape, shape);
    float[] data = new float[shape[0] * shape[1] * shape[2]];
    assertEquals(data.length * 4, buf.remaining(), "exactly the array's bytes follow the header");
    buf.asFloatBuffer().get(data);
    return data;
  }

  @Test
  void pthAndPoseKitCheckpointsGiveThePoseInferencerKeypointsAndTheirHeatmaps() throws Exception {
    PoseResult want = expected(pth.toString());
    PoseResult untrained = expected(null);
    assertNotEquals(want.keypointScores()[0], untrained.keypointScores()[0], "the checkpoint's weights differ from the init");

    Path json = tmp.resolve("out/pth.json");
    Path heatmaps = tmp.resolve("heatmaps");
    Run r = run("infer", CONFIG.toString(), pth.toString(), "--input", image.toString(), "--bbox", "12,6,40,60",
        "--out", json.toString(), "--save-heatmaps", heatmaps.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("coco", root.get("meta_info").get("dataset_name").asText());
    assertEquals(1, root.get("instance_info").size());
    JsonNode instance = root.get("instance_info").get(0);
    assertInstance(want, instance);
    assertEquals("[[12.0,6.0,52.0,66.0]]", instance.get("bbox").toString());

    // the heatmaps are the model's 17 x 16 x 12 output; MSRAHeatmap scores a keypoint by its channel's maximum
    float[] hm = readNpy(heatmaps.resolve("person_0.npy"), new int[] {17, 32, 24});
    assertArrayEquals(want.heatmaps().data(), hm);
    for (int k = 0; k < 17; k++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int i = k * 192; i < (k + 1) * 192; i++) {
        max = Math.max(max, hm[i]);
      }
      assertEquals(max, instance.get("keypoint_scores").get(k).asDouble(), 1e-6, "score of keypoint " + k);
    }

    Run engine = run("infer", CONFIG.toString(), engineCkpt.toString(), "--input", image.toString(), "--bbox", "12,6,40,60");
    assertEquals(0, engine.code(), engine.err());
    assertInstance(want, new ObjectMapper().readTree(engine.out()).get("instance_info").get(0));
  }

  @Test
  void bfloat16InferenceIsBfloat16CloseToFloat32() throws Exception {
    PoseResult want = expected(pth.toString());
    Path heatmaps = tmp.resolve("heatmaps-bf16");
    Run r = run("infer", CONFIG.toString(), pth.toString(), "--input", image.toString(), "--bbox", "12,6,40,60",
        "--dtype", "bfloat16", "--save-heatmaps", heatmaps.toString());
    assertEquals(0, r.code(), r.err());
    float[] hm = readNpy(heatmaps.resolve("person_0.npy"), new int[] {17, 32, 24});
    float[] fp32 = want.heatmaps().data();
    double diff = 0;
    double ref = 0;
    for (int i = 0; i < fp32.length; i++) {
      diff += Math.abs(hm[i] - fp32[i]);
      ref += Math.abs(fp32[i]);
    }
    if (!Precision.BFLOAT16.computesHere()) {
      assertEquals(0.0, diff, "where TensorFlow does not do bfloat16 (no AVX-512) the heatmaps are float32's");
      return;
    }
    assertTrue(diff > 0, "--dtype bfloat16 gave float32's exact heatmaps");
    // measured 0.67% (the demo config, random weights)
    assertTrue(diff / ref < 0.03, "bfloat16 heatmaps " + diff / ref + " off float32");
  }

  @Test
  void withoutBoxesTheWholeImageIsThePerson() throws Exception {
    Run r = run("infer", CONFIG.toString(), pth.toString(), "--input", image.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode instances = new ObjectMapper().readTree(r.out()).get("instance_info");
    assertEquals(1, instances.size());
    assertEquals("[[0.0,0.0,100.0,80.0]]", instances.get(0).get("bbox").toString());
  }

  @Test
  void badInputsAreClearErrors() throws Exception {
    Run missing = run("infer", CONFIG.toString(), pth.toString(), "--input", tmp.resolve("nobody.jpg").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("--input " + tmp.resolve("nobody.jpg") + ": no such file"), missing.err());

    Run shortBox = run("infer", CONFIG.toString(), pth.toString(), "--input", image.toString(), "--bbox", "1,2,3");
    assertEquals(2, shortBox.code());
    assertTrue(shortBox.err().contains("--bbox '1,2,3': expected x,y,w,h (4 numbers), got 3 values"), shortBox.err());
    Run emptyBox = run("infer", CONFIG.toString(), pth.toString(), "--input", image.toString(), "--bbox", "1,2,0,5");
    assertTrue(emptyBox.err().contains("width and height must be positive"), emptyBox.err());
    Run word = run("infer", CONFIG.toString(), pth.toString(), "--input", image.toString(), "--bbox", "1,2,x,5");
    assertTrue(word.err().contains("'x' is not a number"), word.err());

    Path text = tmp.resolve("notes.txt");
    Files.writeString(text, "not an image");
    Run notImage = run("infer", CONFIG.toString(), pth.toString(), "--input", text.toString());
    assertEquals(1, notImage.code());
    assertTrue(notImage.err().contains(text + ": not an image"), notImage.err());

    // a checkpoint of another model: the head predicts 5 keypoints, the backbone is missing
    Path other = tmp.resolve("other.pth");
    StateDict wrong = new StateDict();
    wrong.put("head.final_layer.weight", new io.posekit.tfmodels.weights.FloatArray(new long[] {5, 32, 1, 1}, new float[5 * 32]));
    TorchCheckpointWriter.save(Map.of("state_dict", wrong), other);
    Run mismatch = run("infer", CONFIG.toString(), other.toString(), "--input", image.toString());
    assertEquals(1, mismatch.code());
    assertTrue(mismatch.err().contains(other.toString()), mismatch.err());
    assertTrue(mismatch.err().contains("size mismatch for head.final_layer.weight"), mismatch.err());
    assertTrue(mismatch.err().contains("backbone.conv1.weight"), "missing keys listed: " + mismatch.err());

    Run noFile = run("infer", CONFIG.toString(), tmp.resolve("gone.pth").toString(), "--input", image.toString());
    assertEquals(1, noFile.code());
    assertTrue(noFile.err().contains("gone.pth") && noFile.err().contains("not found"), noFile.err());

    Run garbage = run("infer", CONFIG.toString(), text.toString(), "--input", image.toString());
    assertEquals(1, garbage.code());
    assertTrue(garbage.err().startsWith("posekit infer: ") && garbage.err().contains("notes.txt"), garbage.err());
  }
}
