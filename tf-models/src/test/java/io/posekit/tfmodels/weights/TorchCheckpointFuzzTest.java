package io.posekit.tfmodels.weights;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The {@code .pth} reader under a fuzzer: raw files (seeds: the legacy-format fixture), and
 * torch.save zips whose {@code data.pkl} pickle stream, byte order and storages the fuzzer writes,
 * so that it reaches the unpickler. Property: {@link TorchCheckpoint#load} gives a value or an
 * {@link IOException} with a message; nothing else escapes (no ClassCastException, no
 * StackOverflowError, no OutOfMemoryError from a length field).
 */
class TorchCheckpointFuzzTest {
  private static final Path FILE = file();

  @FuzzTest(maxDuration = "10m")
  void pthFile(byte[] input) throws Exception {
    Files.write(FILE, input);
    load();
  }

  @FuzzTest(maxDuration = "10m")
  void pickleStream(FuzzedDataProvider data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("archive/byteorder"));
      zip.write((data.consumeBoolean() ? "little" : "big").getBytes(StandardCharsets.US_ASCII));
      int storages = data.consumeInt(0, 2);
      for (int i = 0; i < storages; i++) {
        zip.putNextEntry(new ZipEntry("archive/data/" + i));
        zip.write(data.consumeBytes(64));
      }
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(data.consumeRemainingAsBytes());
    }
    Files.write(FILE, out.toByteArray());
    load();
  }

  private static void load() {
    try {
      TorchCheckpoint.load(FILE);
    } catch (IOException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal without a message");
    }
  }

  private static Path file() {
    try {
      return Files.createTempDirectory("posekit-pth-fuzz").resolve("model.pth");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
