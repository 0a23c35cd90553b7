package io.posekit.tfmodels.structures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON mapper for COCO files (annotations, results, detections). COCO files are mostly
 * floating-point numbers, and the JDK's parser and printer take their slow big-integer paths on the
 * 15-17 digit values models write; Jackson's fast double parser (correctly rounded, so the same
 * doubles) and writer (shortest round-tripping digits, as Python's {@code repr}) avoid that.
 */
public final class CocoJson {
  /** Thread-safe once configured, as ObjectMapper is. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
              .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
              .build());

  private CocoJson() {}

  /**
   * The JSON of {@code file}, a {@code what} ("COCO annotation file", "bbox file", ...). A file that
   * is missing, empty, cut short or not JSON is a {@link CocoFormatException} that names it and,
   * for malformed JSON, the line and column where reading stopped.
   */
  public static JsonNode read(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new CocoFormatException(file + ": no such " + what + (Files.isDirectory(file) ? " (it is a folder)" : ""));
    }
    byte[] json;
    try {
      json = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CocoFormatException(file + ": cannot read " + what + ": " + e.getMessage(), e);
    }
    return parse(json, file.toString(), what);
  }

  /**
   * The JSON in {@code json}, the bytes of {@code file} (a path or URI, read through a storage
   * backend); empty, cut short or malformed JSON is a {@link CocoFormatException} as for {@link #read}.
   */
  public static JsonNode parse(byte[] json, String file, String what) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonEOFException e) {
      throw new CocoFormatException(file + ": " + what + " is truncated: its JSON ends unfinished" + at(e.getLocation()), e);
    } catch (JsonProcessingException e) {
      throw new CocoFormatException(file + ": " + what + " is not valid JSON" + at(e.getLocation()) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CocoFormatException(file + ": cannot read " + what + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new CocoFormatException(file + ": " + what + " is empty");
    }
    return root;
  }

  private static String at(JsonLocation location) {
    return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
