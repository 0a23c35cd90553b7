package io.posekit.runtime.engine.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * PoseKit's checkpoints under a fuzzer: raw bytes, and zips whose {@code checkpoint.json} and
 * array entries the fuzzer writes (so it gets past the zip layer). Property: {@link
 * CheckpointIO#load} gives a checkpoint or a {@link CheckpointException} naming the file; nothing
 * else escapes, and no length field makes it allocate past the file's size.
 */
class CheckpointFuzzTest {
  private static final Path FILE = file();

  @FuzzTest(maxDuration = "10m")
  void checkpoint(FuzzedDataProvider data) throws Exception {
    byte[] bytes;
    if (data.consumeBoolean()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        zip.putNextEntry(new ZipEntry(CheckpointIO.INDEX));
        zip.write(data.consumeString(2048).getBytes(StandardCharsets.UTF_8));
        int arrays = data.consumeInt(0, 3);
        for (int i = 0; i < arrays; i++) {
          zip.putNextEntry(new ZipEntry(String.format("arrays/%06d.f32", i)));
          zip.write(data.consumeBytes(256));
        }
      }
      bytes = out.toByteArray();
    } else {
      bytes = data.consumeRemainingAsBytes();
    }
    Files.write(FILE, bytes);
    try {
      CheckpointIO.load(FILE);
    } catch (CheckpointException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal without a message");
      assertTrue(e.getMessage().contains(FILE.toString()), e.getMessage());
    }
  }

  private static Path file() {
    try {
      return Files.createTempDirectory("posekit-ckpt-fuzz").resolve("epoch_1.ckpt");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
