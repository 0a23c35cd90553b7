package io.posekit.tfmodels.fileio;

import io.posekit.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MMEngine's {@code path_mapping}: for each {@code src: dst} pair in order, the first occurrence of
 * {@code src} in the path is replaced by {@code dst} (Python's {@code str.replace(src, dst, 1)}).
 * Petrel configs use it to send {@code data/coco/} to {@code s3://bucket/coco/}.
 */
public final class PathMapping {
  private final Map<String, String> mapping;

  private PathMapping(Map<String, String> mapping) {
    this.mapping = mapping;
  }

  public static PathMapping none() {
    return new PathMapping(Map.of());
  }

  /** The {@code path_mapping} argument of a backend: a dict of strings, or None. */
  public static PathMapping of(@Nullable Object pathMapping, String owner) {
    if (pathMapping == null) {
      return none();
    }
    if (!(pathMapping instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(owner + ".path_mapping must be a dict, got " + pathMapping);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String src) || !(e.getValue() instanceof String dst)) {
        throw new IllegalArgumentException(
            owner + ".path_mapping must map strings to strings, got " + e.getKey() + ": " + e.getValue());
      }
      out.put(src, dst);
    }
    return new PathMapping(out);
  }

  public String map(String filepath) {
    String out = filepath;
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      int at = out.indexOf(e.getKey());
      if (at >= 0) {
        out = out.substring(0, at) + e.getValue() + out.substring(at + e.getKey().length());
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return mapping.isEmpty();
  }

  @Override
  public String toString() {
    return mapping.toString();
  }
}
