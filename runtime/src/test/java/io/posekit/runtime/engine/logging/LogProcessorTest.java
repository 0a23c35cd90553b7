package io.posekit.runtime.engine.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LogProcessorTest {
  @Test
  void trainLineSmoothsOverTheWindowAndFormatsLikeMMEngine() {
    MessageHub hub = new MessageHub();
    hub.updateInfo("eta", 62.9);
    for (int i = 1; i <= 4; i++) {
      hub.updateScalar("train/lr", 5e-4 * i / 4);
      hub.updateScalar("train/time", 0.1 * i);
      hub.updateScalar("train/data_time", 0.01);
      hub.updateScalar("train/loss", i);
    }
    LogProcessor.Log log = new LogProcessor(2, true, 4)
        .getLogAfterIter(hub, new LogProcessor.Position(0, 210, 49, 21000, 49, 100), "train");
    String expectedPrefix = "Epoch(train)   [1][ 50/100]  lr: 5.0000e-04  eta: 0:01:02  time: 0.3500  data_time: 0.0100  memory: ";
    assertEquals(expectedPrefix, log.line().substring(0, expectedPrefix.length()), log.line());
    assertEquals(true, log.line().endsWith("  loss: 3.5000"), log.line());
    assertEquals(3.5, (Double) log.tag().get("loss"), 1e-12);
    assertEquals(1, log.tag().get("epoch"));
    assertEquals(50, log.tag().get("iter"));
  }

  @Test
  void iterBasedLineAndEtaFormat() {
    MessageHub hub = new MessageHub();
    hub.updateScalar("train/lr", 0.01);
    hub.updateScalar("train/loss", 0.5);
    LogProcessor.Log log = new LogProcessor(10, false, 3)
        .getLogAfterIter(hub, new LogProcessor.Position(0, 1, 9, 1000, 9, 100), "train");
    assertEquals(true, log.line().startsWith("Iter(train) [  10/1000]  lr: 1.000e-02  memory: "), log.line());
    assertEquals("1 day, 0:00:01", LogProcessor.formatEta(86401));
    assertEquals("2 days, 1:01:01", LogProcessor.formatEta(2 * 86400 + 3661));
  }

  @Test
  void valEpochLine() {
    MessageHub hub = new MessageHub();
    LogProcessor.Log log = new LogProcessor(10, true, 4)
        .getLogAfterEpoch(hub, new LogProcessor.Position(3, 210, 300, 21000, 19, 20), "val", Map.of("coco/AP", 0.71234));
    assertEquals("Epoch(val) [3][20/20]  coco/AP: 0.7123", log.line());
  }

  @Test
  void valIterationLinesDoNotRepeatTheLastEpochsMetrics() {
    MessageHub hub = new MessageHub();
    hub.updateScalar("val/coco/AP", 0.5);  // left from the previous validation epoch
    hub.updateScalar("val/time", 0.02);
    hub.updateScalar("val/data_time", 0.01);
    String line = new LogProcessor(10, true, 4)
        .getLogAfterIter(hub, new LogProcessor.Position(1, 3, 8, 24, 0, 13), "val").line();
    assertTrue(line.startsWith("Epoch(val) [1][ 1/13]"), line);
    assertTrue(!line.contains("coco/AP"), line);
  }
}
