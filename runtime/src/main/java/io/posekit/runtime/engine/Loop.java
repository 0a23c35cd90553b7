package io.posekit.runtime.engine;

import io.posekit.annotations.DeclareRegistry;
import io.posekit.annotations.Registries;

/** MMEngine's {@code BaseLoop}; base type of {@code LOOPS}. The runtime provides {@code runner}. */
@DeclareRegistry(Registries.LOOPS)
public interface Loop {
  void run();
}
