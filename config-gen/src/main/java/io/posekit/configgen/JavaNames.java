package io.posekit.configgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java names for config files: the directories become packages below the base package, the file
 * name a class ({@code td-hm_hrnet-w32_8xb64-210e_coco-256x192.py} to
 * {@code TdHmHrnetW32_8xb64_210eCoco_256x192}).
 */
public final class JavaNames {
  private static final Set<String> EXTENSIONS = Set.of(".py", ".json", ".yaml", ".yml");

  private JavaNames() {}

  /** The package of the class generated for config {@code name} (a {@code /}-separated relative path). */
  public static String packageName(String basePackage, String name) {
    List<String> parts = new ArrayList<>();
    if (!basePackage.isEmpty()) {
      parts.add(basePackage);
    }
    String[] segments = name.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      parts.add(packageSegment(segments[i]));
    }
    return String.join(".", parts);
  }

  /** The simple class name for config {@code name}. */
  public static String className(String name) {
    String file = name.substring(name.lastIndexOf('/') + 1);
    for (String ext : EXTENSIONS) {
      if (file.endsWith(ext)) {
        file = file.substring(0, file.length() - ext.length());
        break;
      }
    }
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    char previous = 0;
    for (char c : file.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
        previous = c;
        continue;
      }
      // keep a separator between two digits (256x192 vs 256_192 must not merge)
      if (upper && Character.isDigit(c) && out.length() > 0 && Character.isDigit(out.charAt(out.length() - 1))) {
        out.append('_');
      } else if (upper && Character.isDigit(c) && out.length() > 0 && previous != 0) {
        out.append('_');
      }
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
      previous = 0;
    }
    String result = out.toString();
    if (result.isEmpty() || !Character.isJavaIdentifierStart(result.charAt(0))) {
      result = "Config" + result;
    }
    return SourceVersion.isKeyword(result) ? result + "Config" : result;
  }

  private static String packageSegment(String directory) {
    StringBuilder out = new StringBuilder();
    for (char c : directory.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
    }
    String segment = out.toString();
    if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.charAt(0)) || segment.equals("_")) {
      segment = "p" + segment;
    }
    return SourceVersion.isKeyword(segment) ? segment + "_" : segment;
  }
}
