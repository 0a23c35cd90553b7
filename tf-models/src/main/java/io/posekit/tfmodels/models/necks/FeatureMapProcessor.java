package io.posekit.tfmodels.models.necks;

import io.posekit.annotations.Nullable;
import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import io.posekit.spi.Tuple;
import io.posekit.tfmodels.models.poseestimators.Neck;
import io.posekit.tfmodels.nn.GraphContext;
import io.posekit.tfmodels.nn.Interpolate;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MMPose's {@code FeatureMapProcessor}: picks backbone outputs by {@code select_index}, with
 * {@code concat} resizes them (bilinear) to the first one's size and concatenates the channels
 * (HRNetV2's representation), then optionally ReLU and a bilinear {@code scale_factor}.
 */
@RegisterModule(registry = Registries.MODELS)
public final class FeatureMapProcessor implements Neck {
  private final int @Nullable [] selectIndex;
  private final boolean concat;
  private final double scaleFactor;
  private final boolean applyRelu;
  private final boolean alignCorners;

  public FeatureMapProcessor(
      @Param(defaultValue = "None") @Nullable Object selectIndex,
      @Param(defaultValue = "False") boolean concat,
      @Param(defaultValue = "1.0") double scaleFactor,
      @Param(defaultValue = "False") boolean applyRelu,
      @Param(defaultValue = "False") boolean alignCorners) {
    if (scaleFactor <= 0) {
      throw new IllegalArgumentException("FeatureMapProcessor.scale_factor must be positive, got " + scaleFactor);
    }
    this.selectIndex = indices(selectIndex);
    this.concat = concat;
    this.scaleFactor = scaleFactor;
    this.applyRelu = applyRelu;
    this.alignCorners = alignCorners;
  }

  /** {@code select_index}: an int or a tuple of ints, as MMPose takes it. */
  private static int @Nullable [] indices(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return new int[] {n.intValue()};
    }
    List<?> items = value instanceof Tuple t ? t.asList() : value instanceof List<?> l ? l : null;
    if (items == null || !items.stream().allMatch(i -> i instanceof Number)) {
      throw new IllegalArgumentException("FeatureMapProcessor.select_index must be an int or a tuple of ints, got " + value);
    }
    return items.stream().mapToInt(i -> ((Number) i).intValue()).toArray();
  }

  @Override
  public List<Operand<TFloat32>> apply(GraphContext ctx, List<Operand<TFloat32>> feats) {
    var tf = ctx.tf();
    List<Operand<TFloat32>> inputs = feats;
    if (selectIndex != null) {
      inputs = new ArrayList<>();
      for (int i : selectIndex) {
        // Python indexing: -1 is the last output
        int at = i < 0 ? feats.size() + i : i;
        if (at < 0 || at >= feats.size()) {
          throw new IllegalArgumentException("FeatureMapProcessor.select_index " + i + " is out of range for "
              + feats.size() + " backbone outputs");
        }
        inputs.add(feats.get(at));
      }
    }
    if (concat) {
      int h = (int) inputs.get(0).shape().size(1);
      int w = (int) inputs.get(0).shape().size(2);
      List<Operand<TFloat32>> resized = new ArrayList<>();
      for (Operand<TFloat32> x : inputs) {
        resized.add(Interpolate.bilinear(tf, x, h, w, alignCorners));
      }
      inputs = List.of(tf.concat(resized, tf.constant(3)));
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> x : inputs) {
      Operand<TFloat32> y = applyRelu ? tf.nn.relu(x) : x;
      out.add(scaleFactor != 1.0 ? Interpolate.bilinear(tf, y, scaleFactor, alignCorners) : y);
    }
    return out;
  }

  @Override
  public long parameterCount() {
    return 0;
  }
}
