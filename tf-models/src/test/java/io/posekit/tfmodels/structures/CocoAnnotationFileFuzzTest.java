package io.posekit.tfmodels.structures;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * COCO-style annotation files under a fuzzer. Property: {@link CocoAnnotationFile#load} gives the
 * file's images and annotations or a {@link CocoFormatException} naming the file; nothing else
 * escapes (no NullPointerException or ClassCastException from a field of the wrong type, no
 * StackOverflowError from deep nesting).
 */
class CocoAnnotationFileFuzzTest {
  private static final Path FILE = file();

  @FuzzTest(maxDuration = "10m")
  void annotationFile(byte[] input) throws Exception {
    Files.write(FILE, input);
    try {
      CocoAnnotationFile.load(FILE);
    } catch (CocoFormatException e) {
      assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal without a message");
      assertTrue(e.getMessage().contains(FILE.toString()), e.getMessage());
    }
  }

  private static Path file() {
    try {
      return Files.createTempDirectory("posekit-coco-fuzz").resolve("annotations.json");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
