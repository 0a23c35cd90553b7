package io.posekit.tfmodels.codecs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a codec's {@code encode} returns for one instance: MMPose's dict of named fields
 * ({@code heatmaps} {@code (K, H, W)}, {@code keypoint_weights} {@code (K)},
 * {@code keypoint_x_labels} {@code (K, Wx)}, {@code keypoint_labels} {@code (K, 2)}, ...), each in
 * MMPose's layout without the instance axis (a top-down sample holds one instance). Every codec
 * gives {@code keypoint_weights}. A batch stacks each field along a new leading axis.
 */
public final class EncodedTargets {
  public static final String HEATMAPS = "heatmaps";
  public static final String KEYPOINT_WEIGHTS = "keypoint_weights";
  public static final String KEYPOINT_LABELS = "keypoint_labels";
  public static final String KEYPOINT_X_LABELS = "keypoint_x_labels";
  public static final String KEYPOINT_Y_LABELS = "keypoint_y_labels";

  private final Map<String, NdFloats> fields;

  public EncodedTargets(Map<String, NdFloats> fields) {
    if (!fields.containsKey(KEYPOINT_WEIGHTS)) {
      throw new IllegalArgumentException("encoded targets need keypoint_weights, got " + fields.keySet());
    }
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A heatmap codec's {@code heatmaps} and {@code keypoint_weights}. */
  public static EncodedTargets of(Heatmaps heatmaps, float[] keypointWeights) {
    Map<String, NdFloats> f = new LinkedHashMap<>();
    f.put(HEATMAPS, NdFloats.of(heatmaps.data(), heatmaps.channels(), heatmaps.height(), heatmaps.width()));
    f.put(KEYPOINT_WEIGHTS, NdFloats.of(keypointWeights, keypointWeights.length));
    return new EncodedTargets(f);
  }

  /** The field {@code name}; an error naming the fields there are when it is absent. */
  public NdFloats get(String name) {
    NdFloats f = fields.get(name);
    if (f == null) {
      throw new IllegalArgumentException("the codec's targets have no '" + name + "' (they have " + fields.keySet() + ")");
    }
    return f;
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** Every field by name, in the order the codec gave them. */
  public Map<String, NdFloats> fields() {
    return fields;
  }

  /** A copy with {@code name} set to {@code value} (GenerateTarget's dataset keypoint weights). */
  public EncodedTargets with(String name, NdFloats value) {
    Map<String, NdFloats> f = new LinkedHashMap<>(fields);
    f.put(name, value);
    return new EncodedTargets(f);
  }

  /** The {@code heatmaps} field as a (K, H, W) stack sharing its data. */
  public Heatmaps heatmaps() {
    NdFloats h = get(HEATMAPS);
    if (h.rank() != 3) {
      throw new IllegalArgumentException("heatmaps are " + h + ", not (K, H, W)");
    }
    return new Heatmaps(h.data(), (int) h.size(0), (int) h.size(1), (int) h.size(2));
  }

  /** The {@code keypoint_weights} field, {@code (K)}. */
  public float[] keypointWeights() {
    return get(KEYPOINT_WEIGHTS).data();
  }

  @Override
  public String toString() {
    return "EncodedTargets" + fields;
  }
}
