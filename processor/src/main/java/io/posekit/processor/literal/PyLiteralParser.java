package io.posekit.processor.literal;

import io.posekit.processor.literal.PyValue.Entry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python literals a default value may be: {@code None}, {@code True}, {@code False},
 * ints, floats ({@code 1e-5}), quoted strings, bare words (strings and enum values),
 * {@code (tuples)}, {@code [lists]}, {@code {dicts}} and {@code dict(k=v)}.
 */
public final class PyLiteralParser {
  private final String text;
  private int pos;

  private PyLiteralParser(String text) {
    this.text = text;
  }

  public static PyValue parse(String text) throws PyLiteralException {
    PyLiteralParser parser = new PyLiteralParser(text);
    PyValue value = parser.value();
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected '" + text.substring(parser.pos) + "' after the value");
    }
    return value;
  }

  private PyValue value() throws PyLiteralException {
    skipSpace();
    if (pos >= text.length()) {
      throw error("a value is missing");
    }
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return new PyValue.PyStr(quoted(c), false);
    }
    if (c == '(') {
      pos++;
      List<PyValue> items = new ArrayList<>();
      boolean sawComma = items(')', items);
      if (items.size() == 1 && !sawComma) {
        return items.get(0); // (x) is x, as in Python
      }
      return new PyValue.PyTuple(List.copyOf(items));
    }
    if (c == '[') {
      pos++;
      List<PyValue> items = new ArrayList<>();
      items(']', items);
      return new PyValue.PyList(List.copyOf(items));
    }
    if (c == '{') {
      pos++;
      return braceDict();
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      String word = word();
      switch (word) {
        case "None":
          return new PyValue.PyNone();
        case "True":
          return new PyValue.PyBool(true);
        case "False":
          return new PyValue.PyBool(false);
        case "dict":
          skipSpace();
          if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            return callDict();
          }
          return new PyValue.PyStr(word, true);
        default:
          return new PyValue.PyStr(word, true);
      }
    }
    throw error("unexpected '" + c + "'");
  }

  /** Reads items up to {@code close}; returns whether a comma was seen. */
  private boolean items(char close, List<PyValue> out) throws PyLiteralException {
    boolean sawComma = false;
    while (true) {
      skipSpace();
      if (peek(close)) {
        pos++;
        return sawComma;
      }
      out.add(value());
      skipSpace();
      if (peek(',')) {
        pos++;
        sawComma = true;
      } else if (!peek(close)) {
        throw error("expected ',' or '" + close + "'");
      }
    }
  }

  private PyValue braceDict() throws PyLiteralException {
    List<Entry> entries = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek('}')) {
        pos++;
        return new PyValue.PyDict(List.copyOf(entries));
      }
      PyValue key = value();
      skipSpace();
      expect(':');
      entries.add(new Entry(key, value()));
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (!peek('}')) {
        throw error("expected ',' or '}'");
      }
    }
  }

  private PyValue callDict() throws PyLiteralException {
    List<Entry> entries = new ArrayList<>();
    while (true) {
      skipSpace();
      if (peek(')')) {
        pos++;
        return new PyValue.PyDict(List.copyOf(entries));
      }
      if (pos >= text.length() || !(Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
        throw error("expected a keyword argument name in dict(...)");
      }
      String key = word();
      skipSpace();
      expect('=');
      entries.add(new Entry(new PyValue.PyStr(key, false), value()));
      skipSpace();
      if (peek(',')) {
        pos++;
      } else if (!peek(')')) {
        throw error("expected ',' or ')'");
      }
    }
  }

  private PyValue number() throws PyLiteralException {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    boolean isFloat = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' ) {
        isFloat = true;
        pos++;
      } else if (c == 'e' || c == 'E') {
        isFloat = true;
        pos++;
        if (peek('-') || peek('+')) {
          pos++;
        }
      } else {
        break;
      }
    }
    String number = text.substring(start, pos).replace("_", "");
    try {
      if (isFloat) {
        return new PyValue.PyFloat(Double.parseDouble(number));
      }
      return new PyValue.PyInt(new BigInteger(number.startsWith("+") ? number.substring(1) : number));
    } catch (NumberFormatException e) {
      throw error("'" + number + "' is not a number");
    }
  }

  private String quoted(char quote) throws PyLiteralException {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\\' && pos < text.length()) {
        char escaped = text.charAt(pos++);
        switch (escaped) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          default -> out.append(escaped);
        }
      } else {
        out.append(c);
      }
    }
    throw error("the string is not closed with " + quote);
  }

  private String word() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
            || text.charAt(pos) == '.')) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private void expect(char c) throws PyLiteralException {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private PyLiteralException error(String message) {
    return new PyLiteralException("'" + text + "' is not a Python literal: " + message + " at " + pos);
  }
}
