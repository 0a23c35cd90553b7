package io.posekit.tfmodels.structures;

import io.posekit.annotations.Nullable;

/**
 * One entry of the {@code annotations} list of a COCO keypoint file: {@code bbox} is
 * {@code [x, y, w, h]}, {@code keypoints} the flat {@code [x1, y1, v1, ...]} list ({@code v}: 0 not
 * labelled, 1 labelled but not visible, 2 visible). {@code area} is null when the file has none.
 */
public record CocoAnnotation(
    long id,
    long imageId,
    int categoryId,
    double[] bbox,
    @Nullable Double area,
    int iscrowd,
    double @Nullable [] keypoints,
    int numKeypoints) {

  public static CocoAnnotation read(JsonRecord r) {
    double[] keypoints = r.has("keypoints") ? r.getDoubles("keypoints", -1) : null;
    if (keypoints != null && keypoints.length % 3 != 0) {
      throw new CocoFormatException(
          r.where() + ": key 'keypoints' must hold x, y, v triplets, got " + keypoints.length + " numbers");
    }
    int numKeypoints;
    if (r.has("num_keypoints")) {
      numKeypoints = r.getInt("num_keypoints");
    } else {
      numKeypoints = keypoints == null ? 0 : countLabelled(keypoints);
    }
    return new CocoAnnotation(
        r.getLong("id"),
        r.getLong("image_id"),
        r.getInt("category_id"),
        r.getDoubles("bbox", 4),
        r.has("area") ? r.getDouble("area") : null,
        r.getInt("iscrowd", 0),
        keypoints,
        numKeypoints);
  }

  /** Keypoints with {@code v > 0}, as COCO counts labelled keypoints. */
  public static int countLabelled(double[] keypoints) {
    int n = 0;
    for (int i = 2; i < keypoints.length; i += 3) {
      if (keypoints[i] > 0) {
        n++;
      }
    }
    return n;
  }
}
