package io.posekit.spi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes config values as Python literals, the way Python's {@code repr} and MMEngine's pretty
 * text write them: {@code None}, {@code True}, {@code 0.001}, {@code 1e-05}, {@code 'heatmap'},
 * {@code (192, 256)}, {@code [1, 2]}, {@code dict(type='X', a=1)}.
 */
public final class PyRepr {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
          "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
          "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
          "try", "while", "with", "yield");

  private PyRepr() {}

  /** The Python literal for a config value. */
  public static String repr(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    return out.toString();
  }

  /** Python's {@code repr(float)}: the shortest digits that read back to the same double. */
  public static String reprFloat(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    // the correctly rounded decimal with the fewest digits that reads back to the same double
    // (BigDecimal rather than String.format: no Formatter and locale start-up on first use)
    BigDecimal exact = new BigDecimal(value);
    String digits = null;
    int exponent = 0;
    for (int precision = 1; digits == null; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (precision == 17 || rounded.doubleValue() == value) {
        digits = rounded.unscaledValue().abs().toString();
        exponent = digits.length() - 1 - rounded.scale();
      }
    }
    digits = stripTrailingZeros(digits);
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String head = digits.substring(0, 1);
      String tail = digits.length() > 1 ? "." + digits.substring(1) : "";
      int magnitude = Math.abs(exponent);
      return sign + head + tail + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
    }
    int pointAt = exponent + 1; // digits before the decimal point
    String intPart;
    String fracPart;
    if (pointAt <= 0) {
      intPart = "0";
      fracPart = "0".repeat(-pointAt) + digits;
    } else if (pointAt >= digits.length()) {
      intPart = digits + "0".repeat(pointAt - digits.length());
      fracPart = "0";
    } else {
      intPart = digits.substring(0, pointAt);
      fracPart = digits.substring(pointAt);
    }
    return sign + intPart + "." + fracPart;
  }

  /** Python's {@code repr(str)}: single quotes unless the text holds one and no double quote. */
  public static String reprString(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c == quote) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append(quote).toString();
  }

  /** True when {@code key} can be written as a keyword argument of {@code dict(...)}. */
  public static boolean isIdentifier(Object key) {
    return key instanceof String s && IDENTIFIER.matcher(s).matches() && !KEYWORDS.contains(s);
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("None");
    } else if (value instanceof Boolean b) {
      out.append(b ? "True" : "False");
    } else if (value instanceof Double || value instanceof Float) {
      out.append(reprFloat(((Number) value).doubleValue()));
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof CharSequence s) {
      out.append(reprString(s.toString()));
    } else if (value instanceof Tuple t) {
      out.append('(');
      appendItems(out, t.asList());
      out.append(t.size() == 1 ? ",)" : ")");
    } else if (value instanceof List<?> list) {
      out.append('[');
      appendItems(out, list);
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      appendDict(out, map);
    } else if (value instanceof ModuleConfig<?> config) {
      appendDict(out, config.toMap());
    } else if (value instanceof Enum<?> e) {
      out.append(reprString(e.name()));
    } else {
      throw new IllegalArgumentException(
          "not a config value: " + value.getClass().getName() + " (" + value + ")");
    }
  }

  private static void appendItems(StringBuilder out, List<?> items) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      append(out, items.get(i));
    }
  }

  private static void appendDict(StringBuilder out, Map<?, ?> map) {
    boolean keywords = map.keySet().stream().allMatch(PyRepr::isIdentifier);
    out.append(keywords ? "dict(" : "{");
    Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<?, ?> entry = entries.next();
      if (keywords) {
        out.append(entry.getKey()).append('=');
      } else {
        append(out, entry.getKey());
        out.append(": ");
      }
      append(out, entry.getValue());
      if (entries.hasNext()) {
        out.append(", ");
      }
    }
    out.append(keywords ? ")" : "}");
  }

  private static String stripTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }
}
