package io.posekit.runtime.runner;

import io.posekit.annotations.Nullable;
import io.posekit.spi.ConfigException;
import io.posekit.spi.ConfigProblem;
import io.posekit.spi.DictReader;
import io.posekit.spi.KeyPath;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One step of building a run from its config. What a step throws (a data set whose annotation
 * file is missing, a checkpoint that does not fit) becomes a {@link ConfigException} naming the key
 * path that set it and where it was written: the key of the built dict whose value the error
 * names ({@code train_dataloader.dataset.ann_file}), else the dict's own path; for a path below a
 * {@code data_root}, how to set that.
 */
final class BuildStep {
  private BuildStep() {}

  static <T> T at(TypedRunnerConfig cfg, String dottedPath, Supplier<T> step) {
    try {
      return step.get();
    } catch (ConfigException e) {
      throw e; // already names its keys and places
    } catch (RuntimeException e) {
      throw failure(cfg, KeyPath.parse(dottedPath), e);
    }
  }

  static ConfigException failure(TypedRunnerConfig cfg, KeyPath path, RuntimeException error) {
    String message = messages(error);
    Object value = valueAt(cfg.config().dict(), path);
    KeyPath at = path;
    String hint = null;
    if (value instanceof Map<?, ?> dict) {
      String key = namedKey(dict, message);
      if (key != null) {
        at = path.key(key);
        hint = dict.get(RunnerKeys.DATA_ROOT_KEY) instanceof String root && !key.equals(RunnerKeys.DATA_ROOT_KEY)
            ? key + " is read below data_root='" + root + "' (" + where(cfg, path.key(RunnerKeys.DATA_ROOT_KEY))
                + "); point data_root at your copy of the data, e.g. --cfg-options " + path + ".data_root=/path/to/data/"
            : "set " + at + " to a file that exists";
      }
    }
    String file = cfg.file();
    return new ConfigException("config " + file + ": building " + path + " failed",
        java.util.List.of(new ConfigProblem(at, message, hint, cfg.locate(at))));
  }

  /**
   * The key of {@code dict} whose string value the error names (the longest such, so
   * {@code ann_file} wins over {@code data_root} when the message holds both); null for none.
   */
  private static @Nullable String namedKey(Map<?, ?> dict, String message) {
    String best = null;
    int length = 0;
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (e.getValue() instanceof String text && !DictReader.TYPE_KEY.equals(e.getKey()) && text.length() > length
          && message.contains(text)) {
        best = String.valueOf(e.getKey());
        length = text.length();
      }
    }
    return best;
  }

  private static String where(TypedRunnerConfig cfg, KeyPath path) {
    var location = cfg.locate(path);
    return location == null ? "set in the config" : "set at " + location;
  }

  /** The error's message with its causes', for one line (a wrapped I/O error names the file). */
  private static String messages(Throwable error) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (out.indexOf(m) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(m);
      }
    }
    return out.toString();
  }

  private static @Nullable Object valueAt(Object root, KeyPath path) {
    Object current = root;
    for (String segment : path.segments()) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(segment);
      } else if (current instanceof java.util.List<?> list && segment.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(segment);
        current = i < list.size() ? list.get(i) : null;
      } else {
        return null;
      }
    }
    return current;
  }
}
