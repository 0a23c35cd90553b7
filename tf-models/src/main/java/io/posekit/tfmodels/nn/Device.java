package io.posekit.tfmodels.nn;

import io.posekit.annotations.Nullable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;
import org.tensorflow.op.Ops;

/**
 * Where a model's graph runs, named as MMEngine and PyTorch name devices: {@code 'cpu'},
 * {@code 'cuda'} (GPU 0) or {@code 'cuda:N'}; {@code None}/{@code 'auto'} leaves placement to
 * TensorFlow (a GPU of the {@code -Pgpu} build when one is visible, else the CPU), as MMEngine
 * picks CUDA when it is available. An explicit device is a hard requirement: TensorFlow fails the
 * run when it does not exist.
 */
public record Device(String name, @Nullable DeviceSpec spec) {
  public static final Device AUTO = new Device("auto", null);
  private static final Pattern CUDA = Pattern.compile("(?:cuda|gpu)(?::(\\d+))?");

  /** Parses a config's or flag's device string; {@code where} names it in the error. */
  public static Device parse(@Nullable Object value, String where) {
    if (value == null || "auto".equals(value)) {
      return AUTO;
    }
    String text = String.valueOf(value).strip().toLowerCase(java.util.Locale.ROOT);
    if (text.equals("cpu")) {
      return new Device("cpu", DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
    }
    Matcher m = CUDA.matcher(text);
    if (m.matches()) {
      int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      return new Device("cuda:" + index, DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(index).build());
    }
    throw new IllegalArgumentException(where + ": unknown device '" + value + "': use 'cpu', 'cuda', 'cuda:N' or 'auto'");
  }

  /** {@code tf} with this placement for every op it creates. */
  public Ops place(Ops tf) {
    return spec == null ? tf : tf.withDevice(spec);
  }

  public boolean isGpu() {
    return spec != null && spec.deviceType() == DeviceSpec.DeviceType.GPU;
  }
}
