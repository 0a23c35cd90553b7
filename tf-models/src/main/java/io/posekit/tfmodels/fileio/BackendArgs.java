package io.posekit.tfmodels.fileio;

import io.posekit.annotations.Nullable;
import java.util.Map;

/** MMEngine's {@code backend_args}: PoseKit reads local files only, so only the local backend is accepted. */
public final class BackendArgs {
  private BackendArgs() {}

  public static void requireLocal(@Nullable Map<String, Object> backendArgs, String owner) {
    if (backendArgs == null || backendArgs.isEmpty()) {
      return;
    }
    Object backend = backendArgs.get("backend");
    if (backendArgs.size() > 1 || !"local".equals(backend)) {
      throw new IllegalArgumentException(owner + ".backend_args: only dict(backend='local') (or None) is supported, got " + backendArgs);
    }
  }
}
