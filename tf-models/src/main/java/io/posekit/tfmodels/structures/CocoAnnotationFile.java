package io.posekit.tfmodels.structures;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A COCO annotation file held in memory with the indexes pycocotools' {@code COCO} builds: images
 * by id and annotations per image, both in file order.
 */
public final class CocoAnnotationFile {
  private final String source;
  private final List<CocoImageInfo> images;
  private final List<CocoAnnotation> annotations;
  private final List<CocoCategory> categories;
  private final Map<Long, CocoImageInfo> imagesById = new LinkedHashMap<>();
  private final Map<Long, List<CocoAnnotation>> annotationsByImage = new LinkedHashMap<>();

  public CocoAnnotationFile(
      String source, List<CocoImageInfo> images, List<CocoAnnotation> annotations, List<CocoCategory> categories) {
    this.source = source;
    this.images = List.copyOf(images);
    this.annotations = List.copyOf(annotations);
    this.categories = List.copyOf(categories);
    for (CocoImageInfo image : this.images) {
      if (imagesById.put(image.id(), image) != null) {
        throw new CocoFormatException(source + ": duplicate image id " + image.id());
      }
    }
    for (CocoAnnotation ann : this.annotations) {
      annotationsByImage.computeIfAbsent(ann.imageId(), k -> new ArrayList<>()).add(ann);
    }
  }

  public static CocoAnnotationFile load(Path file) {
    return fromJson(CocoJson.read(file, "COCO annotation file"), file.toString());
  }

  public static CocoAnnotationFile fromJson(JsonNode root, String source) {
    JsonRecord top = new JsonRecord(root, source);
    List<CocoImageInfo> images = new ArrayList<>();
    for (JsonRecord r : top.getRecords("images")) {
      images.add(CocoImageInfo.read(r));
    }
    List<CocoAnnotation> annotations = new ArrayList<>();
    if (top.has("annotations")) {
      for (JsonRecord r : top.getRecords("annotations")) {
        annotations.add(CocoAnnotation.read(withId(r)));
      }
    }
    List<CocoCategory> categories = new ArrayList<>();
    if (top.has("categories")) {
      for (JsonRecord r : top.getRecords("categories")) {
        categories.add(CocoCategory.read(r));
      }
    }
    return new CocoAnnotationFile(source, images, annotations, categories);
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
    return annotations;
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
    return Collections.unmodifiableList(annotationsByImage.getOrDefault(imageId, List.of()));
  }

  /** Sorted unique image ids, as COCOeval's {@code params.imgIds}. */
  public List<Long> sortedImageIds() {
    return imagesById.keySet().stream().sorted().toList();
  }

  public List<Integer> sortedCategoryIds() {
    return categories.stream().map(CocoCategory::id).distinct().sorted().toList();
  }
}
