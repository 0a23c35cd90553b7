package io.posekit.tfmodels.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.BuildContext;
import io.posekit.tfmodels.fileio.MissingFileException;
import io.posekit.tfmodels.structures.PoseSample;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LoadImage(backend_args=...)} reads through the file backend the arguments pick. */
class LoadImageBackendArgsTest {
  @TempDir Path dir;

  @Test
  void readsThroughTheBackendWithItsPathMapping() throws Exception {
    BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
    img.setRGB(1, 2, 0x102030);
    Files.createDirectories(dir.resolve("real"));
    ImageIO.write(img, "png", dir.resolve("real/a.png").toFile());
    Transform load = LoadImageConfig.fromMap(Map.of(
        "backend_args", Map.of("backend", "local", "path_mapping", Map.of("data/coco/", dir + "/real/"))))
        .build(BuildContext.empty());
    PoseSample s = new PoseSample();
    s.imgPath = "data/coco/a.png";
    s = load.transform(s, new Random(0));
    assertEquals(3, s.imgShape[0]);
    assertEquals(5, s.imgShape[1]);
    // BGR at row 2, column 1
    assertEquals(0x30, s.img.get(2, 1, 0) & 0xff);
    assertEquals(0x10, s.img.get(2, 1, 2) & 0xff);
  }

  @Test
  void aMissingImageIsNamedOrDroppedWithIgnoreEmpty() {
    PoseSample s = new PoseSample();
    s.imgPath = dir.resolve("none.jpg").toString();
    Transform strict = LoadImageConfig.fromMap(Map.of("backend_args", Map.of("backend", "local"))).build(BuildContext.empty());
    var e = assertThrows(MissingFileException.class, () -> strict.transform(s, new Random(0)));
    assertEquals("LoadImage: " + s.imgPath + ": no such file", e.getMessage());
    Transform lenient = LoadImageConfig.fromMap(Map.of("ignore_empty", true)).build(BuildContext.empty());
    assertNull(lenient.transform(s, new Random(0)));
  }

  @Test
  void unknownBackendsAreRefusedByNameWhenBuilt() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LoadImageConfig.fromMap(Map.of("backend_args", Map.of("backend", "nfs"))).build(BuildContext.empty()));
    assertTrue(e.getMessage().startsWith("LoadImage.backend_args: unknown backend 'nfs'; PoseKit reads through local, lmdb, petrel, http"),
        e.getMessage());
    var mc = assertThrows(IllegalArgumentException.class,
        () -> LoadImageConfig.fromMap(Map.of("backend_args", Map.of("backend", "memcached"))).build(BuildContext.empty()));
    assertTrue(mc.getMessage().startsWith("LoadImage.backend_args: the memcached backend is not supported"), mc.getMessage());
  }
}
