package io.posekit.tfmodels.structures;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

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
}
