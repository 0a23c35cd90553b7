package io.posekit.runtime.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIOTest {
  private static Checkpoint sample() {
    Checkpoint c = new Checkpoint();
    c.meta().put("meta", Map.of("epoch", 3, "iter", 300, "cfg", "model = dict(type='X')"));
    c.meta().put("lr", 0.1 + 0.2); // not exactly 0.3: must come back bit-exact
    c.arrays().put("state_dict/fc.weight", new float[] {1.5f, -2f, Float.MIN_VALUE});
    c.arrays().put("optimizer/state/fc.weight/exp_avg", new float[] {0.25f, 0f, 1e-30f});
    return c;
  }

  @Test
  void roundTripIsExact(@TempDir Path dir) {
    Path file = dir.resolve("epoch_3.pth");
    CheckpointIO.save(file, sample());
    Checkpoint back = CheckpointIO.load(file);
    assertEquals(0.1 + 0.2, ((Number) back.meta().get("lr")).doubleValue());
    assertArrayEquals(new float[] {1.5f, -2f, Float.MIN_VALUE}, back.arrays().get("state_dict/fc.weight"));
    assertEquals(Map.of("fc.weight", List.of(0.25f, 0f, 1e-30f)).keySet(), back.arraysUnder("optimizer/state/").keySet().stream()
        .map(k -> k.substring(0, k.indexOf('/'))).collect(java.util.stream.Collectors.toSet()));
    assertEquals("model = dict(type='X')", ((Map<?, ?>) back.meta().get("meta")).get("cfg"));
  }

  @Test
  void truncatedFileIsAClearErrorNamingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("epoch_1.pth");
    CheckpointIO.save(file, sample());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    // still told apart from a PyTorch .pth, so the commands send it here and not to the PyTorch reader
    assertTrue(CheckpointIO.isPoseKitCheckpoint(file));
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointIO.load(file));
    assertEquals("checkpoint " + file + ": truncated or corrupt (zip END header not found); copy it again from where it was saved",
        e.getMessage());
  }

  /** What {@code isPoseKitCheckpoint} reads: the first local header's name, so a zip of other entries is not ours. */
  @Test
  void aZipWhoseFirstEntryIsNotTheIndexIsNotAPoseKitCheckpoint(@TempDir Path dir) throws IOException {
    Path other = dir.resolve("other.pth");
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(other))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
      zip.write(new byte[] {(byte) 0x80, 2});
      zip.closeEntry();
      zip.putNextEntry(new java.util.zip.ZipEntry(CheckpointIO.INDEX));
      zip.closeEntry();
    }
    assertTrue(!CheckpointIO.isPoseKitCheckpoint(other));
    Path tiny = dir.resolve("tiny.pth");
    Files.write(tiny, new byte[] {'P', 'K', 3, 4});
    assertTrue(!CheckpointIO.isPoseKitCheckpoint(tiny));
  }

  @Test
  void flippedByteIsDetected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("epoch_1.pth");
    CheckpointIO.save(file, sample());
    byte[] bytes = Files.readAllBytes(file);
    // Corrupt the stored 0.25f of exp_avg (little-endian 00 00 80 3E).
    int at = -1;
    for (int i = 0; i + 3 < bytes.length && at < 0; i++) {
      if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == (byte) 0x80 && bytes[i + 3] == 0x3E) {
        at = i + 3;
      }
    }
    assertTrue(at > 0, "payload found");
    bytes[at] ^= 0x40;
    Files.write(file, bytes);
    CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointIO.load(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void notACheckpointAndMissingFileNameTheFile(@TempDir Path dir) throws IOException {
    Path junk = dir.resolve("junk.pth");
    Files.writeString(junk, "not a zip");
    assertTrue(assertThrows(CheckpointException.class, () -> CheckpointIO.load(junk)).getMessage().contains("junk.pth"));
    Path missing = dir.resolve("missing.pth");
    assertTrue(assertThrows(CheckpointException.class, () -> CheckpointIO.load(missing)).getMessage().contains("missing.pth: no such file"));
  }

  @Test
  void aWriteThatDiesLeavesThePreviousFileAndNoTemporary(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("epoch_1.pth");
    CheckpointIO.save(file, sample());
    byte[] before = Files.readAllBytes(file);
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write(new byte[1000]);
      throw new IOException("disk full (simulated)");
    }));
    assertEquals("disk full (simulated)", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("epoch_1.pth"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void lastCheckpointPointer(@TempDir Path dir) {
    assertEquals(null, CheckpointIO.findLastCheckpoint(dir));
    CheckpointIO.writeLastCheckpoint(dir, dir.resolve("epoch_2.pth"));
    assertEquals(dir.resolve("epoch_2.pth").toAbsolutePath(), CheckpointIO.findLastCheckpoint(dir));
  }
}
