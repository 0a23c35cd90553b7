package io.posekit.tfmodels.transforms;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.BuildContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MMPose's configs write {@code LoadImage(backend_args=dict(backend='local'))}; only local files are read. */
class LoadImageBackendArgsTest {
  @Test
  void localBackendArgsAreAcceptedOthersAreRefusedByName() {
    LoadImageConfig.fromMap(Map.of("backend_args", Map.of("backend", "local"))).build(BuildContext.empty());
    LoadImageConfig.fromMap(Map.of()).build(BuildContext.empty());
    var e = assertThrows(IllegalArgumentException.class,
        () -> LoadImageConfig.fromMap(Map.of("backend_args", Map.of("backend", "petrel"))).build(BuildContext.empty()));
    assertTrue(e.getMessage().startsWith("LoadImage.backend_args: only dict(backend='local')"), e.getMessage());
  }
}
