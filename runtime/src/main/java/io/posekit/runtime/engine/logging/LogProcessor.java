package io.posekit.runtime.engine.logging;

import io.posekit.annotations.Param;
import io.posekit.annotations.RegisterModule;
import io.posekit.annotations.Registries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MMEngine's {@code LogProcessor}: turns the message hub's scalars into the console line and the
 * scalars dict ({@code tag}) of one logging interval. Training scalars are smoothed over the last
 * {@code window_size} values, the learning rate is its current value; floats use
 * {@code num_digits} digits ({@code lr} in scientific notation).
 */
@RegisterModule(registry = Registries.LOG_PROCESSORS)
public final class LogProcessor {
  private final int windowSize;
  private final boolean byEpoch;
  private final int numDigits;

  public LogProcessor(
      @Param(defaultValue = "10") int windowSize,
      @Param(defaultValue = "True") boolean byEpoch,
      @Param(defaultValue = "4") int numDigits) {
    if (windowSize <= 0) {
      throw new IllegalArgumentException("log_processor.window_size must be > 0, got " + windowSize);
    }
    this.windowSize = windowSize;
    this.byEpoch = byEpoch;
    this.numDigits = numDigits;
  }

  public boolean byEpoch() {
    return byEpoch;
  }

  /** A log line and its scalars. */
  public record Log(Map<String, Object> tag, String line) {}

  /** What the processor needs of the run at the moment of logging. */
  public record Position(int epoch, int maxEpochs, int iter, int maxIters, int batchIdx, int dataloaderLength) {}

  /**
   * After a training iteration ({@code mode = "train"}) or a val/test iteration. {@code epoch} is
   * 1-based in the line as in MMEngine ({@code runner.epoch + 1} while training).
   */
  public Log getLogAfterIter(MessageHub hub, Position pos, String mode) {
    Map<String, Object> tag = new LinkedHashMap<>();
    String prefix = mode + "/";
    List<String> lrParts = new ArrayList<>();
    Map<String, Double> smoothed = new LinkedHashMap<>();
    for (Map.Entry<String, HistoryBuffer> e : hub.logScalars().entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      String key = e.getKey().substring(prefix.length());
      if (!mode.equals("train") && !key.equals("time") && !key.equals("data_time")) {
        // a val/test iteration line shows its timings only; the epoch's metrics belong to the epoch line
        continue;
      }
      if (key.endsWith("lr") || key.endsWith("momentum")) {
        double value = e.getValue().current();
        tag.put(key, value);
        lrParts.add(key + ": " + String.format(Locale.ROOT, "%." + numDigits + "e", value));
      } else {
        double value = mode.equals("train") ? e.getValue().mean(windowSize) : e.getValue().current();
        smoothed.put(key, value);
      }
    }
    StringBuilder line = new StringBuilder();
    if (byEpoch) {
      int length = pos.dataloaderLength();
      String cur = rjust(String.valueOf(pos.batchIdx() + 1), String.valueOf(length).length());
      if (mode.equals("train") || mode.equals("val")) {
        int epoch = mode.equals("train") ? pos.epoch() + 1 : pos.epoch();
        String epochStr = rjust("[" + epoch + "]", String.valueOf(pos.maxEpochs()).length() + 3);
        tag.put("epoch", epoch);
        line.append("Epoch(").append(mode).append(')').append(epochStr).append('[').append(cur).append('/').append(length).append("]  ");
      } else {
        line.append("Epoch(").append(mode).append(") [").append(cur).append('/').append(length).append("]  ");
      }
    } else if (mode.equals("train")) {
      String cur = rjust(String.valueOf(pos.iter() + 1), String.valueOf(pos.maxIters()).length());
      line.append("Iter(train) [").append(cur).append('/').append(pos.maxIters()).append("]  ");
    } else {
      int length = pos.dataloaderLength();
      String cur = rjust(String.valueOf(pos.batchIdx() + 1), String.valueOf(length).length());
      line.append("Iter(").append(mode).append(") [").append(cur).append('/').append(length).append("]  ");
    }
    tag.put("iter", pos.iter() + 1);
    if (!lrParts.isEmpty()) {
      line.append(String.join("  ", lrParts)).append("  ");
    }
    if (hub.getInfo("eta") instanceof Number eta && smoothed.containsKey("time")) {
      line.append("eta: ").append(formatEta(eta.longValue())).append("  ");
      line.append("time: ").append(fixed(smoothed.get("time"))).append("  ");
      line.append("data_time: ").append(fixed(smoothed.get("data_time"))).append("  ");
    }
    if (mode.equals("train")) {
      Runtime rt = Runtime.getRuntime();
      long memoryMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
      line.append("memory: ").append(memoryMb).append("  ");
      tag.put("memory", memoryMb);
    }
    List<String> items = new ArrayList<>();
    smoothed.forEach((k, v) -> {
      tag.put(k, v);
      if (!k.equals("time") && !k.equals("data_time")) {
        items.add(k + ": " + fixed(v));
      }
    });
    line.append(String.join("  ", items));
    return new Log(tag, line.toString().stripTrailing());
  }

  /** After a val/test epoch: the metrics (and mean times) of the whole pass. */
  public Log getLogAfterEpoch(MessageHub hub, Position pos, String mode, Map<String, Double> metrics) {
    Map<String, Object> tag = new LinkedHashMap<>();
    int length = pos.dataloaderLength();
    StringBuilder line = new StringBuilder();
    if (byEpoch && mode.equals("val")) {
      line.append("Epoch(").append(mode).append(") [").append(pos.epoch()).append("][").append(length).append('/').append(length).append("]  ");
    } else if (byEpoch) {
      line.append("Epoch(").append(mode).append(") [").append(length).append('/').append(length).append("]  ");
    } else {
      line.append("Iter(").append(mode).append(") [").append(length).append('/').append(length).append("]  ");
    }
    List<String> items = new ArrayList<>();
    metrics.forEach((k, v) -> {
      tag.put(k, v);
      items.add(k + ": " + fixed(v));
    });
    for (String key : List.of("data_time", "time")) {
      HistoryBuffer buffer = hub.logScalars().get(mode + "/" + key);
      if (buffer != null) {
        double mean = buffer.mean(length);
        tag.put(key, mean);
        items.add(key + ": " + fixed(mean));
      }
    }
    line.append(String.join("  ", items));
    return new Log(tag, line.toString().stripTrailing());
  }

  private String fixed(double v) {
    return String.format(Locale.ROOT, "%." + numDigits + "f", v);
  }

  /** Python's {@code str(datetime.timedelta(seconds=n))}: {@code H:MM:SS}, days as "N day(s), ". */
  static String formatEta(long seconds) {
    long days = seconds / 86400;
    long rest = seconds % 86400;
    String hms = String.format(Locale.ROOT, "%d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
    return days == 0 ? hms : days + (days == 1 ? " day, " : " days, ") + hms;
  }

  private static String rjust(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }
}
