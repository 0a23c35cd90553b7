package io.posekit.runtime.config;

import io.posekit.runtime.config.dict.ConfigDict;
import io.posekit.runtime.config.dict.KeyOverride;
import io.posekit.runtime.config.dict.PythonLiteralWriter;
import io.posekit.spi.KeyPath;
import io.posekit.spi.SourceLocation;
import io.posekit.spi.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code print-config --explain KEY} prints: the value of a key, the file and line that set
 * it, the earlier values it overrode or merged into (newest first), and which enclosing dicts
 * {@code _delete_=True} replaced. Files are shown relative to the config's directory.
 */
final class ValueProvenance {
  private static final int VALUE_WIDTH = 100;

  private final Path root;

  private ValueProvenance(Path root) {
    this.root = root;
  }

  static String explain(Config config, String dottedPath) {
    Object value = config.get(dottedPath); // throws with a did-you-mean for an unknown key
    Path root = config.filename().map(Path::getParent).orElse(Path.of("").toAbsolutePath());
    return new ValueProvenance(root).explain(config.dict(), KeyPath.parse(dottedPath), value);
  }

  private String explain(ConfigDict rootDict, KeyPath path, Object value) {
    StringBuilder out = new StringBuilder(path.toString()).append(" = ").append(shortText(value)).append('\n');
    List<String> segments = path.segments();
    List<String> enclosing = new ArrayList<>();
    Object container = rootDict;
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      if (container instanceof ConfigDict dict) {
        Object key = dict.containsKey(segment) ? segment : Integer.valueOf(segment);
        if (last) {
          out.append("  ").append(setAt(dict.locationOf(key).orElse(null))).append('\n');
          List<KeyOverride> history = dict.overridesOf(key);
          for (int h = history.size() - 1; h >= 0; h--) {
            out.append("  ").append(h == history.size() - 1 ? "" : "which ").append(describe(history.get(h))).append('\n');
          }
        } else {
          String here = String.join(".", segments.subList(0, i + 1));
          for (KeyOverride o : dict.overridesOf(key)) {
            if (o.kind() == KeyOverride.Kind.DELETED) {
              enclosing.add("  enclosing dict " + here + ": " + where(o.by()) + " " + describe(o));
            }
          }
        }
        container = dict.get(key);
      } else {
        List<?> items = container instanceof Tuple t ? t.asList() : (List<?>) container;
        if (last) {
          out.append("  item ").append(segment).append(" of a list, set with the whole list (lists are replaced, not merged)\n");
        }
        container = items.get(Integer.parseInt(segment));
      }
    }
    enclosing.forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  private String describe(KeyOverride o) {
    String replaced = o.replaced() == null ? "an earlier file" : where(o.replaced());
    return switch (o.kind()) {
      case OVERRIDDEN -> "overrode " + shortText(o.previous()) + ", set at " + replaced;
      case MERGED -> "merged into the dict set at " + replaced + " (keys not given here keep their values from there)";
      case DELETED -> "replaced with _delete_=True the dict set at " + replaced + ": " + shortText(o.previous());
    };
  }

  private String setAt(SourceLocation location) {
    if (location == null) {
      return "set in code, not read from a file";
    }
    return isOption(location) ? "set by " + location.file() : "set at " + where(location);
  }

  private String where(SourceLocation location) {
    if (location == null || isOption(location)) {
      return location == null ? "code" : location.file();
    }
    String at = location.line() > 0 ? relative(location.file()) + ":" + location.line() : relative(location.file());
    if (location.baseChain().isEmpty()) {
      return at;
    }
    return at + " (via " + String.join(" -> ", location.baseChain().stream().map(this::relative).toList()) + ")";
  }

  private String relative(String file) {
    Path p = Path.of(file);
    return p.isAbsolute() && p.startsWith(root) ? root.relativize(p).toString() : file;
  }

  private static boolean isOption(SourceLocation location) {
    return location.file().startsWith("--") || location.file().startsWith("<");
  }

  private static String shortText(Object value) {
    String text = PythonLiteralWriter.flat(value);
    return text.length() <= VALUE_WIDTH ? text : text.substring(0, VALUE_WIDTH - 3) + "...";
  }
}
