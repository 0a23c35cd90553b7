package io.posekit.tfmodels.structures;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.posekit.annotations.Nullable;

/**
 * A COCO annotation file held in memory with the indexes pycocotools' {@code COCO} builds: images
 * by id and annotations per image, both in file order. A file read from JSON keeps each
 * annotation's JSON object and makes {@link CocoAnnotation}s of them on first use, so data sets
 * whose annotations lack COCO's keys (a face set without {@code bbox}) can read the objects alone.
 */
public final class CocoAnnotationFile {
  private final String source;
  private final List<CocoImageInfo> images;
  private final List<CocoCategory> categories;
  private final Map<Long, CocoImageInfo> imagesById = new LinkedHashMap<>();
  private final List<JsonRecord> records;
  private final Map<Long, List<JsonRecord>> recordsByImage = new LinkedHashMap<>();
  private @Nullable List<CocoAnnotation> annotations;
  private final Map<Long, List<CocoAnnotation>> annotationsByImage = new LinkedHashMap<>();

  public CocoAnnotationFile(
      String source, List<CocoImageInfo> images, List<CocoAnnotation> annotations, List<CocoCategory> categories) {
    this(source, images, categories, List.of(), false);
    indexAnnotations(List.copyOf(annotations));
  }

  private CocoAnnotationFile(
      String source, List<CocoImageInfo> images, List<CocoCategory> categories, List<JsonRecord> records, boolean fromJson) {
    this.source = source;
    this.images = List.copyOf(images);
    this.records = List.copyOf(records);
    this.categories = List.copyOf(categories);
    for (CocoImageInfo image : this.images) {
      if (imagesById.put(image.id(), image) != null) {
        throw new CocoFormatException(source + ": duplicate image id " + image.id());
      }
    }
    for (JsonRecord r : this.records) {
      recordsByImage.computeIfAbsent(r.getLong("image_id"), k -> new ArrayList<>()).add(r);
    }
  }

  private void indexAnnotations(List<CocoAnnotation> list) {
    annotations = list;
    for (CocoAnnotation ann : list) {
      annotationsByImage.computeIfAbsent(ann.imageId(), k -> new ArrayList<>()).add(ann);
    }
  }

  /** Parses the kept JSON objects into {@link CocoAnnotation}s the first time they are asked for. */
  private synchronized List<CocoAnnotation> parsed() {
    if (annotations == null) {
      List<CocoAnnotation> list = new ArrayList<>(records.size());
      for (JsonRecord r : records) {
        list.add(CocoAnnotation.read(r));
      }
      indexAnnotations(List.copyOf(list));
    }
    return annotations;
  }

  public static CocoAnnotationFile load(Path file) {
    return fromJson(CocoJson.read(file, "COCO annotation file"), file.toString());
  }

  public static CocoAnnotationFile fromJson(JsonNode root, String source) {
    CocoAnnotationFile file = fromJsonRecords(root, source);
    file.parsed();
    return file;
  }

  /**
   * A COCO file read from JSON without making {@link CocoAnnotation}s: each annotation stays its
   * JSON object (see {@link #annotationRecordsOf}), for data sets that parse their own keys.
   */
  public static CocoAnnotationFile fromJsonRecords(JsonNode root, String source) {
    JsonRecord top = new JsonRecord(root, source);
    List<CocoImageInfo> images = new ArrayList<>();
    for (JsonRecord r : top.getRecords("images")) {
      images.add(CocoImageInfo.read(r));
    }
    List<JsonRecord> records = new ArrayList<>();
    if (top.has("annotations")) {
      for (JsonRecord r : top.getRecords("annotations")) {
        records.add(withId(r));
      }
    }
    List<CocoCategory> categories = new ArrayList<>();
    if (top.has("categories")) {
      for (JsonRecord r : top.getRecords("categories")) {
        categories.add(CocoCategory.read(r));
      }
    }
    return new CocoAnnotationFile(source, images, categories, records, true);
  }

  /** Adds the record's id to its location, so errors read {@code annotations[3] (id=42)}. */
  private static JsonRecord withId(JsonRecord r) {
    JsonNode id = r.node().get("id");
    return id == null ? r : new JsonRecord(r.node(), r.where() + " (id=" + id.asText() + ")");
  }

  public String source() {
    return source;
  }

  public List<CocoImageInfo> images() {
    return images;
  }

  public List<CocoAnnotation> annotations() {
    return parsed();
  }

  public List<CocoCategory> categories() {
    return categories;
  }

  public CocoImageInfo image(long id) {
    CocoImageInfo image = imagesById.get(id);
    if (image == null) {
      throw new CocoFormatException(source + ": no image with id " + id);
    }
    return image;
  }

  public boolean hasImage(long id) {
    return imagesById.containsKey(id);
  }

  /** The annotations of one image in file order (pycocotools' {@code imgToAnns}). */
  public List<CocoAnnotation> annotationsOf(long imageId) {
    parsed();
    return Collections.unmodifiableList(annotationsByImage.getOrDefault(imageId, List.of()));
  }

  /** The JSON objects of all annotations, in the order of {@link #annotations} (empty for a file not read from JSON). */
  public List<JsonRecord> annotationRecords() {
    return records;
  }

  /** The JSON objects of an image's annotations in file order (empty for a file not read from JSON). */
  public List<JsonRecord> annotationRecordsOf(long imageId) {
    return Collections.unmodifiableList(recordsByImage.getOrDefault(imageId, List.of()));
  }

  /** Sorted unique image ids, as COCOeval's {@code params.imgIds}. */
  public List<Long> sortedImageIds() {
    return imagesById.keySet().stream().sorted().toList();
  }

  public List<Integer> sortedCategoryIds() {
    return categories.stream().map(CocoCategory::id).distinct().sorted().toList();
  }
}
