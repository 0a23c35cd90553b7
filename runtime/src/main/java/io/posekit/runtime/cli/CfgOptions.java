package io.posekit.runtime.cli;

import io.posekit.spi.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --cfg-options KEY=VALUE ...} read as MMEngine's {@code DictAction} reads them: values are
 * ints, floats, {@code True}/{@code False} (any case), {@code None} or strings; {@code a,b} and
 * {@code [a,b]} are lists, {@code (a,b)} tuples, nested brackets nest. Like DictAction, quotes
 * around a value and every space are removed before parsing.
 */
final class CfgOptions {
  // what Python's int() and float() accept (underscores between digits, inf/nan in any case)
  private static final Pattern INT = Pattern.compile("[+-]?\\d+(_\\d+)*");
  private static final Pattern FLOAT = Pattern.compile(
      "[+-]?((\\d+(_\\d+)*)?\\.\\d+(_\\d+)*|\\d+(_\\d+)*\\.?)([eE][+-]?\\d+(_\\d+)*)?"
          + "|[+-]?(?i:inf|infinity|nan)");

  private CfgOptions() {}

  /**
   * Parses every {@code KEY=VALUE}; a later key replaces an earlier one.
   *
   * @throws IllegalArgumentException naming the option that is malformed and why
   */
  static Map<String, Object> parse(List<String> options) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String option : options) {
      int eq = option.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("'" + option + "' is not KEY=VALUE");
      }
      String key = option.substring(0, eq);
      if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
        throw new IllegalArgumentException("'" + option + "': '" + key + "' is not a dotted key path");
      }
      try {
        out.put(key, parseValue(option.substring(eq + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + option + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** DictAction's {@code _parse_iterable}. */
  static Object parseValue(String raw) {
    String val = stripQuotes(raw).replace(" ", "");
    boolean tuple = false;
    if (val.startsWith("(") && val.endsWith(")") && val.length() >= 2) {
      tuple = true;
      val = val.substring(1, val.length() - 1);
    } else if (val.startsWith("[") && val.endsWith("]") && val.length() >= 2) {
      val = val.substring(1, val.length() - 1);
    } else if (!val.contains(",")) {
      return parseScalar(val);
    }
    boolean bracketed = !val.equals(stripQuotes(raw).replace(" ", ""));
    List<Object> values = new ArrayList<>();
    while (!val.isEmpty()) {
      int comma = nextTopLevelComma(val);
      if (!bracketed && values.isEmpty() && comma == val.length()) {
        // its commas sit inside brackets that do not enclose it, e.g. (1,2)x: MMEngine's
        // _parse_iterable would read it again and again until RecursionError
        throw new IllegalArgumentException("'" + raw + "' is neither one value nor a list or tuple:"
            + " brackets must enclose the whole value, as in [1,2] or (1,2)");
      }
      values.add(parseValue(val.substring(0, comma)));
      val = comma < val.length() ? val.substring(comma + 1) : "";
    }
    return tuple ? Tuple.copyOf(values) : values;
  }

  /** DictAction's {@code _parse_int_float_bool}. */
  private static Object parseScalar(String val) {
    if (INT.matcher(val).matches()) {
      java.math.BigInteger big = new java.math.BigInteger(val.replace("_", "").replace("+", ""));
      return big.bitLength() < 32 ? (Object) big.intValue() : big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (FLOAT.matcher(val).matches()) {
      String f = val.replace("_", "").toLowerCase(java.util.Locale.ROOT);
      if (f.endsWith("inf") || f.endsWith("infinity")) {
        return f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return f.endsWith("nan") ? Double.NaN : Double.parseDouble(f);
    }
    if (val.equalsIgnoreCase("true") || val.equalsIgnoreCase("false")) {
      return val.equalsIgnoreCase("true");
    }
    return val.equals("None") ? null : val;
  }

  /** The first comma with balanced brackets before it, else the end (brackets must balance overall). */
  private static int nextTopLevelComma(String s) {
    if (count(s, '(') != count(s, ')') || count(s, '[') != count(s, ']')) {
      throw new IllegalArgumentException("imbalanced brackets in '" + s + "'");
    }
    int round = 0;
    int square = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' && round == 0 && square == 0) {
        return i;
      }
      round += c == '(' ? 1 : c == ')' ? -1 : 0;
      square += c == '[' ? 1 : c == ']' ? -1 : 0;
    }
    return s.length();
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }

  /** Python's {@code str.strip('\'"')}. */
  private static String stripQuotes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '\'' || s.charAt(start) == '"')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '\'' || s.charAt(end - 1) == '"')) {
      end--;
    }
    return s.substring(start, end);
  }
}
