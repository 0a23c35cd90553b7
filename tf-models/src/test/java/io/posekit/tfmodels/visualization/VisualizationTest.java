package io.posekit.tfmodels.visualization;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.tfmodels.datasets.DatasetMeta;
import io.posekit.tfmodels.structures.ImageArray;
import io.posekit.tfmodels.structures.PoseDataSample;
import io.posekit.tfmodels.structures.PoseDataSample.GtInstances;
import io.posekit.tfmodels.structures.PoseDataSample.PredInstances;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisualizationTest {
  @TempDir Path dir;

  private static int rgb(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xffffff;
  }

  private static PoseLocalVisualizer vis(List<VisBackend> backends) {
    // keypoints red, link 0-1 blue, 2-3 none drawn because 3 is invisible
    return new PoseLocalVisualizer(
        "vis", backends, null, "green", "red", List.of(List.of(0, 0, 255), List.of(0, 0, 255)),
        List.of(List.of(0, 1), List.of(2, 3)), 3, 3, 0.3, 1.0, false);
  }

  @Test
  void drawsVisibleKeypointsAndLinksOnly() {
    double[][][] kpts = {{{10, 20}, {50, 20}, {10, 50}, {50, 50}}};
    GtInstances gt = new GtInstances(null, null, null, kpts, new double[][] {{1, 1, 1, 0}});
    PredInstances pred = new PredInstances(kpts, new double[][] {{0.9, 0.9, 0.2, 0.9}}, null, null);
    PoseDataSample sample = new PoseDataSample(Map.of("img_id", 1L), gt, pred);
    BufferedImage black = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    BufferedImage out = vis(List.of()).addDatasample("s", black, sample, true, true, false, dir.resolve("s.png"), 0);
    assertEquals(128, out.getWidth(), "ground truth and prediction side by side");
    // ground truth (left): keypoints 0, 1, 2 red, 3 invisible; link 0-1 blue at its middle; no link 2-3
    assertEquals(0xff0000, rgb(out, 10, 20));
    assertEquals(0xff0000, rgb(out, 10, 50));
    assertEquals(0x000000, rgb(out, 50, 50));
    assertEquals(0x0000ff, rgb(out, 30, 20));
    assertEquals(0x000000, rgb(out, 10, 35), "no link to an invisible keypoint");
    // prediction (right, +64): keypoint 2 scores 0.2 < kpt_thr 0.3, keypoint 3 is drawn
    assertEquals(0x000000, rgb(out, 64 + 10, 50));
    assertEquals(0xff0000, rgb(out, 64 + 50, 50));
    assertEquals(0x0000ff, rgb(out, 64 + 30, 20));
    assertTrue(Files.isRegularFile(dir.resolve("s.png")));
  }

  @Test
  void datasetMetaGivesColoursAndSkeleton() {
    PoseLocalVisualizer v = vis(List.of());
    v.setDatasetMeta(DatasetMeta.coco());
    double[][][] kpts = new double[1][17][];
    for (int i = 0; i < 17; i++) {
      kpts[0][i] = new double[] {5 + 3 * i, 5 + 3 * i};
    }
    kpts[0][15] = new double[] {20, 90}; // left ankle
    kpts[0][13] = new double[] {20, 60}; // left knee; link 15-13 is green in COCO's meta
    BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    v.drawInstances(img, kpts, null, null, null);
    assertEquals(0x00ff00, rgb(img, 20, 75));
    assertEquals(0x00ff00, rgb(img, 20, 90), "left ankle in COCO's keypoint colour (green)");
  }

  @Test
  void bgrImagesConvert() {
    byte[] bgr = {1, 2, 3, 4, 5, 6};
    BufferedImage img = PoseLocalVisualizer.toBufferedImage(new ImageArray(1, 2, 3, bgr));
    assertEquals(0x030201, rgb(img, 0, 0));
    assertEquals(0x060504, rgb(img, 1, 0));
  }

  @Test
  void localBackendWritesScalarsImagesAndConfig() throws Exception {
    LocalVisBackend local = new LocalVisBackend(null, "vis_image", "config.py", "scalars.json");
    PoseLocalVisualizer v = new PoseLocalVisualizer(
        "vis", List.of(local), dir.toString(), "green", "red", null, null, 1, 3, 0.3, 1.0, false);
    Map<String, Double> s1 = new LinkedHashMap<>();
    s1.put("loss", 0.5);
    s1.put("lr", 0.001);
    v.addScalars(s1, 10);
    v.addScalars(Map.of("coco/AP", 0.25), 20);
    v.addConfig("model = dict(type='TopdownPoseEstimator')\n");
    v.addImage("val_img", new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), 3);
    v.close();
    Path root = dir.resolve("vis_data");
    List<String> lines = Files.readAllLines(root.resolve("scalars.json"));
    assertEquals(2, lines.size());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertEquals(0.5, first.get("loss").asDouble());
    assertEquals(0.001, first.get("lr").asDouble());
    assertEquals(10, first.get("step").asInt());
    assertEquals(20, new ObjectMapper().readTree(lines.get(1)).get("step").asInt());
    assertEquals("model = dict(type='TopdownPoseEstimator')\n", Files.readString(root.resolve("config.py")));
    BufferedImage png = ImageIO.read(root.resolve("vis_image/val_img_3.png").toFile());
    assertEquals(8, png.getWidth());
    assertThrows(IllegalStateException.class, () -> local.addScalar("x", 1, 1));
    assertThrows(
        IllegalStateException.class,
        () -> new LocalVisBackend(null, "i", "c.py", "s.json").addScalar("x", 1, 1),
        "no save_dir is an error");
  }

  // ---- an independent reader of TFRecord framing and the protobufs TensorBoard reads

  /** CRC-32C bit by bit (Castagnoli, reflected polynomial 0x82F63B78), masked as TensorFlow does. */
  private static int maskedCrc(byte[] b, int off, int len) {
    int crc = ~0;
    for (int i = off; i < off + len; i++) {
      crc ^= b[i] & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
      }
    }
    crc = ~crc;
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  private static List<byte[]> readRecords(byte[] file) {
    List<byte[]> out = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      int start = buf.position();
      long len = buf.getLong();
      assertEquals(maskedCrc(file, start, 8), buf.getInt(), "length CRC of record " + out.size());
      byte[] data = new byte[(int) len];
      buf.get(data);
      assertEquals(maskedCrc(data, 0, data.length), buf.getInt(), "data CRC of record " + out.size());
      out.add(data);
    }
    return out;
  }

  /** Fields of one protobuf message: number -> values (Long for varints/fixed, byte[] for length-delimited). */
  private static Map<Integer, List<Object>> fields(byte[] msg) {
    Map<Integer, List<Object>> out = new LinkedHashMap<>();
    int[] pos = {0};
    while (pos[0] < msg.length) {
      long key = varint(msg, pos);
      int field = (int) (key >>> 3), wire = (int) (key & 7);
      Object v;
      switch (wire) {
        case 0 -> v = varint(msg, pos);
        case 1 -> {
          v = ByteBuffer.wrap(msg, pos[0], 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
          pos[0] += 8;
        }
        case 5 -> {
          v = (long) ByteBuffer.wrap(msg, pos[0], 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
          pos[0] += 4;
        }
        case 2 -> {
          int len = (int) varint(msg, pos);
          byte[] b = new byte[len];
          System.arraycopy(msg, pos[0], b, 0, len);
          pos[0] += len;
          v = b;
        }
        default -> throw new AssertionError("wire type " + wire);
      }
      out.computeIfAbsent(field, k -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b[pos[0]++] & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return v;
      }
    }
  }

  private static byte[] bytes(Map<Integer, List<Object>> m, int field) {
    return (byte[]) m.get(field).get(0);
  }

  @Test
  void tensorboardEventFileDecodes() throws Exception {
    // the CRC-32C check value of "123456789" is 0xE3069283
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    int c = 0xE3069283;
    assertEquals(((c >>> 15) | (c << 17)) + 0xa282ead8, TfRecordWriter.maskedCrc32c(check, 0, 9));
    assertEquals(maskedCrc(check, 0, 9), TfRecordWriter.maskedCrc32c(check, 0, 9));

    TensorboardVisBackend tb = new TensorboardVisBackend(dir.resolve("tb").toString());
    tb.addScalar("loss", 0.75, 3);
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("coco/AP", 0.5);
    s.put("coco/AR", 0.625);
    tb.addScalars(s, 7);
    BufferedImage img = new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 2, 0x123456);
    tb.addImage("val/sample", img, 9);
    tb.addConfig("lr = 0.1\n");
    tb.close();
    Path file = tb.eventFile();
    assertTrue(file.getFileName().toString().startsWith("events.out.tfevents."));
    List<byte[]> records = readRecords(Files.readAllBytes(file));
    assertEquals(5, records.size());
    assertEquals("brain.Event:2", new String(bytes(fields(records.get(0)), 3), StandardCharsets.UTF_8));

    Map<Integer, List<Object>> e1 = fields(records.get(1));
    assertEquals(3L, e1.get(2).get(0));
    Map<Integer, List<Object>> v1 = fields(bytes(fields(bytes(e1, 5)), 1));
    assertEquals("loss", new String(bytes(v1, 1), StandardCharsets.UTF_8));
    assertEquals(0.75f, Float.intBitsToFloat((int) (long) (Long) v1.get(2).get(0)));

    Map<Integer, List<Object>> e2 = fields(records.get(2));
    assertEquals(7L, e2.get(2).get(0));
    List<Object> values = fields(bytes(e2, 5)).get(1);
    assertEquals(2, values.size());
    Map<Integer, List<Object>> ar = fields((byte[]) values.get(1));
    assertEquals("coco/AR", new String(bytes(ar, 1), StandardCharsets.UTF_8));
    assertEquals(0.625f, Float.intBitsToFloat((int) (long) (Long) ar.get(2).get(0)));

    Map<Integer, List<Object>> e3 = fields(records.get(3));
    assertEquals(9L, e3.get(2).get(0));
    Map<Integer, List<Object>> v3 = fields(bytes(fields(bytes(e3, 5)), 1));
    assertEquals("val/sample", new String(bytes(v3, 1), StandardCharsets.UTF_8));
    Map<Integer, List<Object>> image = fields(bytes(v3, 4));
    assertEquals(4L, image.get(1).get(0));
    assertEquals(5L, image.get(2).get(0));
    assertEquals(3L, image.get(3).get(0));
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes(image, 4)));
    assertEquals(0x123456, decoded.getRGB(1, 2) & 0xffffff);

    Map<Integer, List<Object>> v4 = fields(bytes(fields(bytes(fields(records.get(4)), 5)), 1));
    assertEquals("config/text_summary", new String(bytes(v4, 1), StandardCharsets.UTF_8));
    Map<Integer, List<Object>> tensor = fields(bytes(v4, 8));
    assertEquals(7L, tensor.get(1).get(0));
    assertEquals("lr = 0.1\n", new String(bytes(tensor, 8), StandardCharsets.UTF_8));
    assertEquals("text", new String(bytes(fields(bytes(fields(bytes(v4, 9)), 1)), 1), StandardCharsets.UTF_8));
  }
}
