package io.posekit.tfmodels.weights;

/**
 * PyTorch layouts to the TensorFlow ones our layers use and back. Conv {@code [out, in, kh, kw]}
 * to {@code [kh, kw, in, out]} and transposed conv {@code [in, out, kh, kw]} to
 * {@code [kh, kw, out, in]} are the same axis permutation, so every rank-4 weight moves alike;
 * vectors and scalars are the same in both.
 */
public final class TorchLayout {
  private static final int[] TO_TF = {2, 3, 1, 0};
  private static final int[] TO_TORCH = {3, 2, 0, 1};

  private TorchLayout() {}

  public static FloatArray toTensorFlow(FloatArray torch) {
    return torch.rank() == 4 ? torch.permute(TO_TF) : torch;
  }

  public static FloatArray toTorch(FloatArray tf) {
    return tf.rank() == 4 ? tf.permute(TO_TORCH) : tf;
  }

  public static long[] torchShape(long[] tfShape) {
    if (tfShape.length != 4) {
      return tfShape.clone();
    }
    return new long[] {tfShape[3], tfShape[2], tfShape[0], tfShape[1]};
  }
}
