package io.posekit.runtime.config.python;

import io.posekit.runtime.config.dict.ConfigLoadException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text substitutions MMEngine applies to a config file before reading it: predefined
 * variables ({@code {{ fileDirname }}}), environment variables ({@code {{$NAME:default}}}) and
 * base-variable placeholders ({@code {{_base_.xxx}}}, replaced by a unique string that is swapped
 * for the base value after loading).
 */
public final class TextSubstitutions {
  private static final Pattern ENV =
      Pattern.compile("\\{\\{['\"]?\\s*\\$(\\w+)\\s*:\\s*(\\S*?)\\s*['\"]?\\}\\}");
  private static final Pattern BASE_VAR = Pattern.compile("\\{\\{\\s*_base_\\.([\\w.]+)\\s*\\}\\}");

  private TextSubstitutions() {}

  public static String predefined(String text, Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("fileDirname", file.getParent().toString().replace('\\', '/'));
    vars.put("fileBasename", name);
    vars.put("fileBasenameNoExtension", dot < 0 ? name : name.substring(0, dot));
    vars.put("fileExtname", dot < 0 ? "" : name.substring(dot));
    for (Map.Entry<String, String> var : vars.entrySet()) {
      text = text.replaceAll("\\{\\{\\s*" + var.getKey() + "\\s*\\}\\}", Matcher.quoteReplacement(var.getValue()));
    }
    return text;
  }

  /**
   * Replaces environment placeholders; records the variables used in {@code used} and every name
   * asked for, set or not, in {@code asked}.
   */
  public static String environment(String text, Map<String, String> env, Map<String, String> used, Set<String> asked, Path file) {
    Matcher m = ENV.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      asked.add(name);
      String value = m.group(2);
      if (env.containsKey(name)) {
        value = env.get(name);
        used.put(name, value);
      }
      if (value.isEmpty()) {
        throw new ConfigLoadException(file, lineOf(text, m.start()),
            "`" + name + "` cannot be found in the environment. Please set `" + name
                + "` in the environment or give a default value.");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Replaces {@code {{_base_.a.b}}} with quoted unique strings; fills {@code placeholders}. */
  public static String basePlaceholders(String text, Map<String, String> placeholders) {
    Matcher m = BASE_VAR.matcher(text);
    Map<String, String> byVar = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String token = byVar.computeIfAbsent(
          var, v -> "_" + v + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 6));
      placeholders.put(token, var);
      m.appendReplacement(out, Matcher.quoteReplacement("\"" + token + "\""));
    }
    m.appendTail(out);
    return out.toString();
  }

  public static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
