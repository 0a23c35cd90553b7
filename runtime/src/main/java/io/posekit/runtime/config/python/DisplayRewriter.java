package io.posekit.runtime.config.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the displays Jython 2.7 cannot parse or builds wrongly into calls it runs with Python 3
 * results. Star displays (PEP 448): {@code [a, *b, c]} becomes {@code ([a] + __pk_list__(b) + [c])}
 * and {@code (a, *b)} becomes {@code __pk_tuple__([a] + __pk_list__(b))}; calls
 * ({@code f(*args)}) and subscripts are left alone. Dict comprehensions, which Jython builds as
 * unordered dicts (and exposes to the compiler helper as a broken AST node), become
 * {@code dict((k, v) for ...)}, the order-keeping dict. Every newline is kept, so line numbers in
 * errors stay right.
 */
public final class DisplayRewriter {
  // words after which a bracket opens a display, not a call or subscript
  private static final Set<String> KEYWORDS = Set.of(
      "in", "not", "and", "or", "return", "if", "else", "elif", "yield", "lambda", "assert", "for",
      "while", "is", "del", "import", "from", "with", "as");

  private final String src;

  private DisplayRewriter(String src) {
    this.src = src;
  }

  /** The source with every star display and dict comprehension rewritten; unchanged when there is none. */
  public static String rewrite(String source) {
    if (source.indexOf('*') < 0 && !source.contains("for")) {
      return source;
    }
    return new DisplayRewriter(source).region(0, source.length());
  }

  private String region(int from, int to) {
    StringBuilder out = new StringBuilder();
    int i = from;
    while (i < to) {
      char c = src.charAt(i);
      if (c == '#') {
        int end = src.indexOf('\n', i);
        end = end < 0 || end > to ? to : end;
        out.append(src, i, end);
        i = end;
      } else if (c == '\'' || c == '"') {
        int end = stringEnd(i);
        out.append(src, i, end);
        i = end;
      } else if (c == '(' || c == '[' || c == '{') {
        int close = matching(i, to);
        if (close == to) { // unbalanced: leave it to the parser to report
          out.append(src, i, to);
          break;
        }
        String inner = region(i + 1, close);
        List<String> elements = c == '{' || followsOperand(out) ? List.of() : splitTopLevel(inner);
        int[] comprehension = c == '{' ? dictComprehension(inner) : null;
        if (comprehension != null) {
          out.append("dict((").append(inner, 0, comprehension[0]).append(',')
              .append(inner, comprehension[0] + 1, comprehension[1]).append(") ")
              .append(inner.substring(comprehension[1])).append(')');
        } else if (elements.stream().anyMatch(DisplayRewriter::isStarred)) {
          out.append(concatenation(c, elements));
        } else {
          out.append(c).append(inner).append(src.charAt(close));
        }
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String concatenation(char open, List<String> elements) {
    List<String> parts = new ArrayList<>();
    StringBuilder plain = null;
    for (String written : elements) {
      // a comment inside would swallow the brackets added around the element
      String element = withoutComments(written);
      if (isStarred(element)) {
        if (plain != null) {
          parts.add(plain.append(']').toString());
          plain = null;
        }
        String expr = element.strip().substring(1);
        // keep the element's newlines where they were
        parts.add(leadingWhitespace(element) + "__pk_list__(" + expr + ")");
      } else {
        plain = plain == null ? new StringBuilder("[") : plain.append(',');
        plain.append(element);
      }
    }
    if (plain != null) {
      parts.add(plain.append(']').toString());
    }
    String sum = String.join(" + ", parts);
    return open == '[' ? "(" + sum + ")" : "__pk_tuple__(" + sum + ")";
  }

  /** {@code s} with every comment removed (newlines stay). */
  private static String withoutComments(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        int end = new DisplayRewriter(s).stringEnd(i);
        out.append(s, i, end);
        i = end - 1;
      } else if (c == '#') {
        int end = s.indexOf('\n', i);
        i = (end < 0 ? s.length() : end) - 1;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String leadingWhitespace(String s) {
    int n = 0;
    while (n < s.length() && Character.isWhitespace(s.charAt(n))) {
      n++;
    }
    return s.substring(0, n);
  }

  private static boolean isStarred(String element) {
    String e = element.strip();
    return e.startsWith("*") && !e.startsWith("**");
  }

  /**
   * For {@code {key: value for ...}}: the positions of the top-level colon and of the top-level
   * {@code for}; null for a dict or set display.
   */
  private static int[] dictComprehension(String inner) {
    int depth = 0;
    int colon = -1;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\'' || c == '"') {
        i = new DisplayRewriter(inner).stringEnd(i) - 1;
      } else if (c == '#') {
        int end = inner.indexOf('\n', i);
        i = end < 0 ? inner.length() : end - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && c == ',') {
        return null; // a dict display with several items
      } else if (depth == 0 && c == ':' && colon < 0) {
        colon = i;
      } else if (depth == 0 && colon >= 0 && inner.startsWith("for", i)
          && (i == 0 || !Character.isJavaIdentifierPart(inner.charAt(i - 1)))
          && (i + 3 < inner.length() && !Character.isJavaIdentifierPart(inner.charAt(i + 3)))) {
        return new int[] {colon, i};
      }
    }
    return null;
  }

  /** Elements of a display at depth 0 (a trailing comma adds no element). */
  private static List<String> splitTopLevel(String inner) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\'' || c == '"') {
        i = new DisplayRewriter(inner).stringEnd(i) - 1;
      } else if (c == '#') {
        int end = inner.indexOf('\n', i);
        i = end < 0 ? inner.length() : end - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(inner.substring(start, i));
        start = i + 1;
      }
    }
    String last = inner.substring(start);
    if (!last.isBlank() || out.isEmpty()) {
      out.add(last);
    } else if (!out.isEmpty()) {
      out.set(out.size() - 1, out.get(out.size() - 1) + last); // keep trailing newlines
    }
    return out;
  }

  /** True when the text so far ends with an operand, so a bracket here is a call or subscript. */
  private static boolean followsOperand(StringBuilder out) {
    int i = out.length() - 1;
    while (i >= 0 && Character.isWhitespace(out.charAt(i))) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    char c = out.charAt(i);
    if (c == ')' || c == ']' || c == '}' || c == '\'' || c == '"') {
      return true;
    }
    if (!Character.isJavaIdentifierPart(c)) {
      return false;
    }
    int start = i;
    while (start > 0 && Character.isJavaIdentifierPart(out.charAt(start - 1))) {
      start--;
    }
    return !KEYWORDS.contains(out.substring(start, i + 1));
  }

  /** The index just after the string literal starting at {@code i} (a quote character). */
  private int stringEnd(int i) {
    char q = src.charAt(i);
    boolean triple = src.startsWith(String.valueOf(q).repeat(3), i);
    int j = i + (triple ? 3 : 1);
    while (j < src.length()) {
      char c = src.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (triple ? src.startsWith(String.valueOf(q).repeat(3), j) : c == q) {
        return j + (triple ? 3 : 1);
      } else if (!triple && c == '\n') {
        return j; // unterminated: the parser reports it
      } else {
        j++;
      }
    }
    return src.length();
  }

  /** The index of the bracket closing the one at {@code open}, or {@code to} when unbalanced. */
  private int matching(int open, int to) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      char c = src.charAt(i);
      if (c == '\'' || c == '"') {
        i = stringEnd(i) - 1;
      } else if (c == '#') {
        int end = src.indexOf('\n', i);
        i = end < 0 ? to : end - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return to;
  }
}
